// Loaded with `node --import tsx --import ./boards/harness/reachHook.ts <any firmware run>`: every
// WebAssembly module compiled in the process whose bytes are the firmware's
// (CALMFOOT_REACH_WASM) is compiled from its memory-probe copy instead (reach.ts), and the highest
// byte any instance touches is written to CALMFOOT_REACH_DIR/reach-<pid>.json when the process
// ends. The run itself (eval, soak, a test file) is not changed: this is how lowRam.ts measures
// the project's own drivers as they are.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROBE_IMPORT, reachInstrumented } from "./reach.js";

const firmwarePath = process.env.CALMFOOT_REACH_WASM;
const reportDir = process.env.CALMFOOT_REACH_DIR;
if (!firmwarePath || !reportDir) throw new Error("reachHook: set CALMFOOT_REACH_WASM and CALMFOOT_REACH_DIR");

const firmware = readFileSync(firmwarePath);
const probed = new Uint8Array(reachInstrumented(firmware)); // a copy on a plain ArrayBuffer
const report = { firmware: firmwarePath, modules_probed: 0, instances: 0, reach_end: 0, argv: process.argv.slice(1) };

const sameBytes = (bytes: BufferSource): boolean => {
  const view = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
  return view.length === firmware.length && Buffer.compare(view, firmware) === 0;
};

const OriginalModule = WebAssembly.Module;
const OriginalInstance = WebAssembly.Instance;

/** new WebAssembly.Module(bytes): the probe copy when the bytes are the firmware's. */
function ProbedModule(bytes: BufferSource): WebAssembly.Module {
  if (sameBytes(bytes)) {
    report.modules_probed++;
    return new OriginalModule(probed);
  }
  return new OriginalModule(bytes);
}
Object.setPrototypeOf(ProbedModule, OriginalModule);
ProbedModule.prototype = OriginalModule.prototype;

/** new WebAssembly.Instance(module, imports): the probe copy gets its import. */
function ProbedInstance(module: WebAssembly.Module, imports?: WebAssembly.Imports): WebAssembly.Instance {
  const wantsProbe = OriginalModule.imports(module).some((i) => i.module === PROBE_IMPORT.module && i.name === PROBE_IMPORT.name);
  if (!wantsProbe) return new OriginalInstance(module, imports);
  report.instances++;
  const reach = (end: number) => { if (end >>> 0 > report.reach_end) report.reach_end = end >>> 0; };
  return new OriginalInstance(module, { ...imports, [PROBE_IMPORT.module]: { [PROBE_IMPORT.name]: reach } });
}
Object.setPrototypeOf(ProbedInstance, OriginalInstance);
ProbedInstance.prototype = OriginalInstance.prototype;

(WebAssembly as { Module: unknown }).Module = ProbedModule;
(WebAssembly as { Instance: unknown }).Instance = ProbedInstance;

process.on("exit", () => {
  writeFileSync(join(reportDir, `reach-${process.pid}.json`), JSON.stringify(report) + "\n");
});
