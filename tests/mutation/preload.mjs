// Loaded with `node --import` into a test process the mutation runner starts. Whatever build of
// the firmware a test compiles (build/firmware.wasm through host/firmwareFile.ts, the debug build,
// CALMFOOT_FIRMWARE_WASM), it gets the schemata build with mutant CALMFOOT_MUTANT live; and at
// exit the ids every instance reached are written to CALMFOOT_MUTANT_HITS (coverage). The test
// code itself is not changed: it cannot tell it is being mutated, except through the results.

import { readFileSync, writeFileSync } from "node:fs";
import { findCell, patchMutant, reachedIds } from "./cell.mjs";

const schemataPath = process.env.CALMFOOT_MUTATION_WASM;
const mutant = Number(process.env.CALMFOOT_MUTANT ?? 0);
const hitsPath = process.env.CALMFOOT_MUTANT_HITS;

if (schemataPath) {
  const live = patchMutant(readFileSync(schemataPath), mutant);
  const FIRMWARE_EXPORT = new TextEncoder().encode("fw_accel_batch");

  /** The bytes a test gave, or the live schemata build when they are any calmfoot firmware. */
  const swap = (source) => {
    if (!(source instanceof ArrayBuffer || ArrayBuffer.isView(source))) return source;
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    if (findCell(bytes) >= 0) return live;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(FIRMWARE_EXPORT) ? live : source;
  };

  const memories = [];
  const track = (instance) => {
    const memory = instance?.exports?.memory;
    if (instance?.exports?.__mutant_set && memory instanceof WebAssembly.Memory) memories.push(memory);
    return instance;
  };

  const W = WebAssembly;
  const OriginalModule = W.Module;
  const OriginalInstance = W.Instance;
  const compile = W.compile.bind(W);
  const instantiate = W.instantiate.bind(W);
  const validate = W.validate.bind(W);

  function Module(bytes) {
    return new OriginalModule(swap(bytes));
  }
  Module.prototype = OriginalModule.prototype;
  Object.setPrototypeOf(Module, OriginalModule);
  function Instance(module, imports) {
    return track(new OriginalInstance(module, imports));
  }
  Instance.prototype = OriginalInstance.prototype;
  Object.setPrototypeOf(Instance, OriginalInstance);

  W.Module = Module;
  W.Instance = Instance;
  W.compile = (bytes) => compile(swap(bytes));
  W.validate = (bytes) => validate(swap(bytes));
  W.instantiate = async (source, imports) => {
    const result = await instantiate(source instanceof OriginalModule ? source : swap(source), imports);
    track(result instanceof OriginalInstance ? result : result.instance);
    return result;
  };

  if (hitsPath) {
    process.on("exit", () => {
      const ids = new Set();
      for (const memory of memories) for (const id of reachedIds(new Uint8Array(memory.buffer))) ids.add(id);
      writeFileSync(hitsPath, JSON.stringify([...ids].sort((a, b) => a - b)));
    });
  }
}
