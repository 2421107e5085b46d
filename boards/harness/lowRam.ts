// Why the low-RAM boards may give the firmware only the bytes below its __heap_base, where the
// WebAssembly spec gives a module its whole 64 KiB page:
//
//   1. the argument from the module (moduleArgument): its static data (data segments and the
//      zeroed memory.data blocks, the FIFO area among them) ends at __data_end = __heap_base; it
//      has no heap (nothing allocates), no shadow stack, never grows its memory nor reads its size,
//      has no indirect calls and cannot recurse. Every address it computes is one of its static
//      blocks plus an index the firmware bounds itself;
//   2. the memory probe: the highest byte the firmware touched over the standard nights and the
//      Cortex-M4 night (the C probe build), and over the eval nights, the soak and the hostile
//      -input fuzz (the Node probe, reach.ts), is below __heap_base;
//   3. and should an access ever reach past it anyway, the board's bounds check traps, and the
//      trap takes the same path as any broken invariant: actuators off, a fresh instance,
//      fw_init, the config back (tests/host/boards.test.ts shows it).
// WAMR applies the same bound itself once the module exports __heap_base and __data_end.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Build, FIRMWARE_WASM, OUT, ROOT } from "./build.js";
import { moduleFacts } from "./moduleFacts.js";
import { writeStandardNights } from "./nights.js";
import { exportedConstant, wasmInfo } from "../../host/wasmInfo.js";

export interface Check {
  what: string;
  ok: boolean;
  detail: string;
}

const align = (n: number, to: number) => Math.ceil(n / to) * to;

/** The argument from the module itself, as checks (each with the figures it rests on). */
export function moduleArgument(wasm = FIRMWARE_WASM): { checks: Check[]; heapBase: number | null } {
  const bytes = readFileSync(wasm);
  const info = wasmInfo(bytes);
  const facts = moduleFacts(wasm);
  const heapBase = exportedConstant(info, "__heap_base");
  const dataEnd = exportedConstant(info, "__data_end");
  const checks: Check[] = [];
  const check = (what: string, ok: boolean, detail: string) => checks.push({ what, ok, detail });
  check("exports __heap_base and __data_end as immutable i32 constants", heapBase !== null && dataEnd !== null,
    `__heap_base ${heapBase}, __data_end ${dataEnd}`);
  const hb = heapBase ?? 0;
  check("the data segments end below __heap_base", info.dataEnd <= hb, `data segments end at ${info.dataEnd}`);
  // The board writes the FIFO area itself: it must lie inside the static data too.
  const quiet = () => {};
  const fw = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    hal: { set_vibration: quiet, set_heater: quiet, set_led: quiet, emit: quiet, panic: quiet },
  }).exports as { fw_accel_buffer(): number; fw_accel_capacity(): number };
  const fifoEnd = fw.fw_accel_buffer() + 6 * fw.fw_accel_capacity();
  check("the FIFO area lies below __heap_base", fifoEnd <= hb, `it ends at ${fifoEnd}`);
  check("no memory.grow, no memory.size", !facts.memoryGrow && !facts.memorySize, "the module never asks for memory or its size");
  check("no memory.fill/copy/init", !facts.bulkMemory, "every access is a load or a store the probe sees");
  check("no call_indirect, an acyclic call graph", facts.maxCallDepth !== null,
    `at most ${facts.maxCallDepth} frames deep (imports included)`);
  check("one page, initial and maximum, not imported",
    info.memories.length === 1 && info.memories[0].initial === 1 && info.memories[0].maximum === 1 && !info.memories[0].imported,
    JSON.stringify(info.memories));
  // WAMR's loader (wasm_loader.c, 2.4.5): it shrinks the memory to __heap_base when __data_end
  // rounded up to 16 is at most __heap_base; and it takes the first mutable i32 global whose
  // initial value is at most __heap_base for an auxiliary stack pointer, checking every write to it
  // against that value; initial 0 means a stack of size 0, never checked.
  check("WAMR shrinks the memory: __data_end rounded up to 16 ≤ __heap_base", dataEnd !== null && align(dataEnd, 16) <= hb,
    `${align(dataEnd ?? 0, 16)} ≤ ${hb}`);
  const auxStack = info.globals.find((g) => g.type === "i32" && g.mutable && g.init !== null && (g.init >>> 0) <= hb);
  check("WAMR sees no auxiliary stack in the firmware's globals", !auxStack || auxStack.init === 0,
    auxStack ? `first mutable i32 global ≤ __heap_base starts at ${auxStack.init}` : "none");
  return { checks, heapBase };
}

/** The C memory probe (the wasm2c desktop board's probe build) over a CSV recording. */
export function cProbe(csv: string, batch: number): { touched_end: number; touched_bytes: number } {
  const r = spawnSync(join(OUT, "tools", "wasm2c-probe"), ["--probe", ...(batch ? ["--batch", String(batch)] : []), csv],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`wasm2c-probe ${csv}: ${r.stderr}`);
  return JSON.parse(r.stderr.trim().split("\n").pop()!);
}

/**
 * The project's own drivers, run unmodified under the Node memory probe (reachHook.ts). They are
 * named here, in one place, so that a driver that moves is changed once.
 */
export const PROBED_RUNS: { name: string; args: string[] }[] = [
  { name: "the eval nights (npm run eval: every scenario, 3 seeds at 50, 25 and 100 Hz)", args: ["host/commands/eval.ts"] },
  { name: "the soak (8 nights of 8 h through one instance, faults injected, across the u32 wrap)",
    args: ["host/commands/soak.ts", "--nights", "8", "--hours", "8", "--hz", "50"] },
  { name: "the hostile-input fuzz (the property tests)", args: ["tests/host/properties.test.ts"] },
];

/** Runs one driver under the Node probe; returns the highest byte end any firmware instance touched. */
function nodeProbe(args: string[]): { reach_end: number; instances: number; status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "calmfoot-reach-"));
  try {
    const r = spawnSync("nice", ["-n", "10", "node", "--import", "tsx", "--import", join(ROOT, "boards/harness/reachHook.ts"), ...args], {
      cwd: ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, CALMFOOT_REACH_WASM: FIRMWARE_WASM, CALMFOOT_REACH_DIR: dir, FORCE_COLOR: "0" },
    });
    let reach_end = 0;
    let instances = 0;
    for (const file of readdirSync(dir)) {
      const report = JSON.parse(readFileSync(join(dir, file), "utf8")) as { reach_end: number; instances: number };
      reach_end = Math.max(reach_end, report.reach_end);
      instances += report.instances;
    }
    return { reach_end, instances, status: r.status, output: (r.stdout ?? "") + (r.stderr ?? "") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LowRamProof {
  /** Markdown: the module's facts and what each probe measured, against the bytes given. */
  summary: string;
  problems: string[];
}

/**
 * The whole proof for the low-RAM boards (the file's header); `long` adds the Node probe over the
 * eval nights, the soak and the fuzz (minutes).
 */
export async function lowRamProof(build: Build, options: { long: boolean; log: (s: string) => void }): Promise<LowRamProof> {
  const problems: string[] = [];
  const lines: string[] = [`Low-RAM profile: the boards give the firmware ${build.reachBytes} B (its __heap_base) of its 64 KiB page.`, ""];
  const { checks } = moduleArgument();
  lines.push("| from the module | holds | figures |", "|---|---|---|");
  for (const c of checks) {
    lines.push(`| ${c.what} | ${c.ok ? "yes" : "NO"} | ${c.detail} |`);
    if (!c.ok) problems.push(`low-RAM argument: ${c.what}: ${c.detail}`);
  }
  lines.push("", "| memory probe over | highest byte touched + 1 | within |", "|---|---|---|");
  const probed = (what: string, end: number) => {
    const ok = end > 0 && end <= build.reachBytes;
    lines.push(`| ${what} | ${end} | ${ok ? "yes" : "NO"} |`);
    if (!ok) problems.push(`memory probe: ${what} reached byte ${end} (the low-RAM boards give ${build.reachBytes})`);
  };
  options.log("low-RAM proof: C memory probe over the standard nights and the Cortex-M4 night");
  const dir = mkdtempSync(join(tmpdir(), "calmfoot-lowram-"));
  try {
    const csvs = [...writeStandardNights(dir).map((n) => ({ name: `standard night "${n.name}"`, file: n.file })),
      ...build.recordings.filter((r) => r.name === "night").map((r) => ({ name: "the Cortex-M4 night", file: r.csv }))];
    for (const { name, file } of csvs) {
      probed(`${name}, per sample and in batches of 25 (C probe)`, Math.max(cProbe(file, 0).touched_end, cProbe(file, 25).touched_end));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (options.long) {
    for (const run of PROBED_RUNS) {
      options.log(`low-RAM proof: Node memory probe over ${run.name}`);
      const r = nodeProbe(run.args);
      if (r.status !== 0) problems.push(`${run.name} failed under the memory probe (status ${r.status}):\n${r.output.slice(-2000)}`);
      if (r.instances === 0) problems.push(`${run.name}: the memory probe saw no firmware instance`);
      probed(`${run.name} (Node probe, ${r.instances} instances)`, r.reach_end);
    }
  } else {
    lines.push("| the eval nights, the soak, the fuzz | not run (--skip-proof) | |");
  }
  return { summary: lines.join("\n"), problems };
}
