// npm run mcu: builds every C board image (boards/), runs each against the Node board and prints
// one table of figures per image; writes build/mcu/figures.json; exits non-zero if any image's
// event log differs from the Node board's, or an image fails.
//
//   x86-64 images     replay the standard nights (CSV), per sample and in FIFO batches of 25
//   Cortex-M4 images  replay their embedded night in QEMU (mps2-an386, -icount shift=0): footprint
//                     from the ELF, RAM and stack measured by the image, instructions by SysTick
//   trap images       restart the trapping module a hundred times: same log, RAM does not grow
//   low-RAM proof     the module's own facts and the memory probe (lowRam.ts)
//
// Options: --skip-proof (the low-RAM proof's longer runs: eval nights, soak, fuzz).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBoards, FIRMWARE_WASM, OUT, TRAPPING_WASM, type Image } from "./build.js";
import { desktopFigures, type Figures, m4Figures } from "./figures.js";
import { desktopLog, firstDifference, nodeLog } from "./logs.js";
import { lowRamProof } from "./lowRam.js";
import { writeStandardNights } from "./nights.js";
import { instructionsPerTick, measuredInstructionsPerTick, runM4 } from "./qemu.js";
import { TRAP_COUNT } from "./recording.js";

const log = (s: string) => process.stderr.write(`mcu: ${s}\n`);
const fmt = (n: number | null, digits = 0) =>
  n === null ? "—" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

const problems: string[] = [];
const figures: (Figures & Record<string, unknown>)[] = [];

log("building the images (boards/harness/build.ts)");
const build = await buildBoards();
log(build.seconds > 0 ? `built in ${build.seconds.toFixed(1)} s` : "reused the build for the same inputs");
for (const s of build.skipped) log(`SKIPPED ${s.name}: ${s.reason}`);

// ─── x86-64: the standard nights ───────────────────────────────────────────────────────────

const dir = mkdtempSync(join(tmpdir(), "calmfoot-mcu-"));
const nights = writeStandardNights(dir);
const references = new Map<string, string>();
for (const n of nights) {
  for (const batch of [0, 25]) references.set(`${n.name}/${batch}`, (await nodeLog(n.file, { batch })).log);
}
for (const image of build.images.filter((i) => i.target === "x86-64" && !i.trap)) {
  log(`${image.name}: the standard nights`);
  let identical = true;
  for (const n of nights) {
    for (const batch of [0, 25]) {
      const run = desktopLog(image.elf, n.file, { batch });
      const diff = run.status === 0 ? firstDifference(references.get(`${n.name}/${batch}`)!, run.log, ["node", image.name]) : run.stderr;
      if (diff) {
        identical = false;
        problems.push(`${image.name}, ${n.name} night, batch ${batch}: ${diff}`);
      }
    }
  }
  figures.push(desktopFigures(image, identical));
}
rmSync(dir, { recursive: true, force: true });

// ─── Cortex-M4: the embedded night, and the traps ──────────────────────────────────────────

const nodeReference = new Map<string, string[]>();
for (const recording of build.recordings) {
  const wasmPath = recording.name === "traps" ? TRAPPING_WASM : FIRMWARE_WASM;
  const logs: string[] = [];
  for (const pass of recording.passes) logs.push((await nodeLog(recording.csv, { wasmPath, batch: pass.batch, config: pass.config })).log);
  nodeReference.set(recording.name, logs);
}

function runImage(image: Image): void {
  log(`${image.name}: QEMU`);
  let result;
  try {
    result = runM4(image.elf);
  } catch (err) {
    problems.push(`${image.name}: ${(err as Error).message}`);
    return;
  }
  const expected = nodeReference.get(image.trap ? "traps" : "night")!;
  let identical = result.logs.length === expected.length;
  result.logs.forEach((pass, i) => {
    const diff = firstDifference(expected[i] ?? "", pass.log, ["node", image.name]);
    if (diff) {
      identical = false;
      problems.push(`${image.name}, pass ${i + 1} (batch ${pass.batch}): ${diff}`);
    }
  });
  if (!identical && result.logs.length !== expected.length) problems.push(`${image.name}: ${result.logs.length} passes printed, ${expected.length} expected`);
  const f = result.figures;
  if (instructionsPerTick(f) === null) {
    problems.push(`${image.name}: the SysTick counter measured ${measuredInstructionsPerTick(f)} instructions per tick ` +
      "on its calibration loop (not a whole number): no instruction figures");
  }
  const row: Figures & Record<string, unknown> = m4Figures(image, f, identical);
  row.memory_bytes = f.passes[0]?.memory_bytes ?? null;
  row.counter_instructions_per_tick = measuredInstructionsPerTick(f);
  row.heap_high_water_bytes = f.heap_high_water_bytes;
  row.qemu_seconds = result.seconds;
  if (image.trap) {
    // The trapping module's figures are not the firmware's: only what the restarts show is kept.
    row.instr_per_sample = row.instr_per_sample_batch = row.instr_per_tick = row.startup_instr = null;
    row.restarts = f.restarts;
    const heap = f.restart_heap_high_water_bytes;
    const steady = f.restarts === TRAP_COUNT && new Set(heap).size === 1 && f.heap_high_water_bytes === f.restart_heap_high_water_first_bytes
      && f.stack_peak_bytes === f.restart_stack_peak_first_bytes;
    row.ram_steady_over_restarts = steady;
    if (!steady) {
      problems.push(`${image.name}: RAM after ${f.restarts} restarts: in use ${[...new Set(heap)].join("/")} B, ` +
        `high-water ${f.heap_high_water_bytes} B (${f.restart_heap_high_water_first_bytes} at the first), ` +
        `stack ${f.stack_peak_bytes} B (${f.restart_stack_peak_first_bytes} at the first)`);
    }
  } else if (f.restarts > 0) {
    problems.push(`${image.name}: the firmware trapped ${f.restarts} times:\n${result.notes}`);
  }
  figures.push(row);
}

for (const image of build.images.filter((i) => i.target === "cortex-m4")) runImage(image);

// ─── The low-RAM proof ───────────────────────────────────────────────────────────────────────

const proof = await lowRamProof(build, { long: !process.argv.includes("--skip-proof"), log });
problems.push(...proof.problems);

// ─── The table, the targets, figures.json ──────────────────────────────────────────────────

const table = [
  "| image | identical | flash B | RAM B | stack B | instr/sample | batch of 25 | instr/tick | start-up instr |",
  "|---|---|---|---|---|---|---|---|---|",
  ...figures.map((f) => `| ${f.image} | ${f.identical ? "yes" : "NO"} | ${fmt(f.flash_bytes)} | ${fmt(f.ram_bytes)} | ` +
    `${fmt(f.stack_peak_bytes)} | ${fmt(f.instr_per_sample, 1)} | ${fmt(f.instr_per_sample_batch, 1)} | ${fmt(f.instr_per_tick, 1)} | ` +
    `${fmt(f.startup_instr)} |`),
];
for (const s of build.skipped) table.push(`| ${s.name} | SKIPPED: ${s.reason} | | | | | | | |`);
process.stdout.write(table.join("\n") + "\n\n");

const m4 = (name: string) => figures.find((f) => f.image === name);
const targets: { what: string; value: number | null; limit: number }[] = [
  { what: "wasm2c on the M4, instructions per sample", value: m4("wasm2c-cortex-m4")?.instr_per_sample ?? null, limit: 420 },
  { what: "wasm2c on the M4, instructions per sample in batches", value: m4("wasm2c-cortex-m4")?.instr_per_sample_batch ?? null, limit: 400 },
  { what: "wasm3 on the M4, instructions per sample", value: m4("wasm3-cortex-m4")?.instr_per_sample ?? null, limit: 5000 },
  ...figures.filter((f) => f.target === "cortex-m4" && f.startup_instr !== null)
    .map((f) => ({ what: `${f.image}, start-up instructions (parse + instantiate + fw_init)`, value: f.startup_instr, limit: 3_000_000 })),
  { what: "low-RAM wasm2c image, RAM bytes", value: m4("wasm2c-lowram-cortex-m4")?.ram_bytes ?? null, limit: 16 * 1024 },
  { what: "WAMR (classic, low-RAM) image, RAM bytes", value: m4("wamr-classic-lowram-cortex-m4")?.ram_bytes ?? null, limit: 48 * 1024 },
];
process.stdout.write("| target | measured | limit | met |\n|---|---|---|---|\n");
for (const t of targets) {
  process.stdout.write(`| ${t.what} | ${fmt(t.value)} | ≤ ${fmt(t.limit)} | ${t.value === null ? "not measured" : t.value <= t.limit ? "yes" : "MISSED"} |\n`);
}
process.stdout.write(`\n${proof.summary}\n`);

writeFileSync(join(OUT, "figures.json"), JSON.stringify(figures, null, 2) + "\n");
log(`wrote ${join(OUT, "figures.json")}`);
if (problems.length > 0) {
  process.stderr.write(`\nmcu: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  process.exit(1);
}
