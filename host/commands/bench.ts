// npm run bench: what the firmware costs, as one markdown table.
//
//   size of firmware.wasm; linear memory actually touched (probe build of the wasm2c desktop board);
//   instructions per accelerometer sample inside the firmware (callgrind on the wasm2c desktop
//   board, single-sample and batch paths) against a hand-written C floor detector; how fast the
//   Node board runs a night; the web simulator in headless Chromium (webBench.ts); and how fast
//   `calmfoot replay` streams a 24-hour 100 Hz recording (CSV and EDF+, 8.6 M rows) and its peak
//   memory (the child process's maximum RSS, /usr/bin/time). (The Cortex-M4 figures of every
//   runtime: npm run mcu.)
//
// Builds what it needs: the firmware (asc, release; --no-asc to use build/firmware.wasm as it is),
// the host (tsc, for dist/host/cli.js) and the C boards (boards/harness/build.ts). Needs wasm2c,
// gcc and valgrind for the native rows. `npm run bench -- --recordings` runs only the recordings.

import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Board } from "../board/board.js";
import { firmwareModule } from "../firmwareFile.js";
import { TICK_MS } from "../board/driver.js";
import { buildBoards, FIRMWARE_WASM, have, OUT } from "../../boards/harness/build.js";
import { type NightSpec, nightSamples, prng, writeNightCsv } from "../../boards/harness/nights.js";
import { wasmInfo } from "../wasmInfo.js";
import { webBench } from "./webBench.js";

/** The wasm2c desktop board, its probe build and the C floor detector (boards/Makefile). */
const NATIVE_BOARD = join(OUT, "wasm2c-x86-64.elf");
const NATIVE_PROBE = join(OUT, "tools", "wasm2c-probe");
const FLOOR_DETECTOR = join(OUT, "tools", "floor-detector");
import { writeEdf } from "../replay/edfWrite.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HOUR_MS = 3_600_000;
const BATCH = 25; // 0.5 s at 50 Hz: a typical FIFO watermark

interface Row {
  figure: string;
  value: string;
  target: string;
  pass: boolean | null; // null: no target
}
const rows: Row[] = [];
const notes: string[] = [];

function row(figure: string, value: string, target = "—", pass: boolean | null = null): void {
  rows.push({ figure, value, target, pass });
}

function run(cmd: string, args: string[], options: { allowFail?: boolean } = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (!options.allowFail && r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.error?.message}):\n${r.stderr}`);
  }
  return r;
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

// ─── Recordings: streaming speed and memory of `calmfoot replay` ─────────────────────────

/** A night of `hours` at `hz` written as CSV and as EDF+ (mg, 1 s records) into `dir`: the same samples. */
function writeRecordings(dir: string, hours: number, hz: number): { csv: string; edf: string; rows: number } {
  const samples = nightSamples(hours, hz);
  const rows = samples.length / 3;
  const csv = join(dir, `night-${hours}h-${hz}hz.csv`);
  const fd = openSync(csv, "w");
  try {
    let text = "t_ms,ax_mg,ay_mg,az_mg\n";
    const t0 = 22 * HOUR_MS;
    for (let i = 0; i < rows; i++) {
      text += `${t0 + Math.round((i * 1000) / hz)},${samples[3 * i]},${samples[3 * i + 1]},${samples[3 * i + 2]}\n`;
      if (text.length > 1 << 20) {
        writeSync(fd, text);
        text = "";
      }
    }
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  const edf = join(dir, `night-${hours}h-${hz}hz.edf`);
  const axis = (label: string, k: number) => ({ label, unit: "mg", physical_min: -32768, physical_max: 32767, samples_per_record: hz,
    value: (t: number) => samples[Math.min(rows - 1, Math.round(t * hz)) * 3 + k] });
  writeEdf(edf, { kind: "EDF+C", records: rows / hz, record_duration_s: 1, annotation_bytes: 64,
    channels: [axis("AccX", 0), axis("AccY", 1), axis("AccZ", 2)] });
  return { csv, edf, rows };
}

/** `calmfoot replay` of a file in a child process: wall time and its maximum RSS (null without /usr/bin/time). */
function replayChild(file: string, args: string[]): { s: number; rss_mb: number | null } {
  const cli = [join(ROOT, "dist/host/cli.js"), "replay", file, "--log", ...args];
  if (existsSync("/usr/bin/time")) {
    const r = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, ...cli], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    if (r.status !== 0) throw new Error(`calmfoot replay ${file} failed:\n${r.stderr}`);
    const [s, kb] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
    return { s, rss_mb: kb / 1024 };
  }
  const start = performance.now();
  const r = spawnSync(process.execPath, cli, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`calmfoot replay ${file} failed:\n${r.stderr}`);
  return { s: (performance.now() - start) / 1000, rss_mb: null };
}

function benchRecordings(): void {
  log("building the host (tsc) for dist/host/cli.js");
  run("npx", ["tsc", "-p", "tsconfig.json"]);
  const dir = mkdtempSync(join(tmpdir(), "calmfoot-bench-rec-"));
  try {
    log("writing a 24-hour 100 Hz night as CSV and EDF+");
    const night = writeRecordings(dir, 24, 100);
    const size = (f: string) => `${fmt(readFileSync(f).length / 1e6)} MB`;
    for (const [what, file, args] of [["CSV", night.csv, []], ["EDF+", night.edf, ["--sample-hz", "100"]]] as const) {
      log(`calmfoot replay: ${what}`);
      const r = replayChild(file, [...args]);
      const rate = night.rows / r.s;
      row(`calmfoot replay, 24 h ${what} at 100 Hz (${fmt(night.rows)} rows, ${size(file)}): rows/s, whole process`,
        `${fmt(rate)} rows/s (${fmt(r.s, 1)} s)`, "≥ 300,000 rows/s", rate >= 300_000);
      row(`calmfoot replay, 24 h ${what} at 100 Hz: peak RSS (max resident set of the process)`,
        r.rss_mb === null ? "not measured (no /usr/bin/time)" : `${fmt(r.rss_mb)} MB`, "≤ 300 MB", r.rss_mb === null ? null : r.rss_mb <= 300);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ─── Build ───────────────────────────────────────────────────────────────────────────────

const recordingsOnly = process.argv.includes("--recordings");
let footer = "";
if (!recordingsOnly && !process.argv.includes("--no-asc")) {
  log("building the firmware (asc, release)");
  const r = run("npx", ["asc", "--config", "asconfig.json", "--target", "release"], { allowFail: true });
  if (r.status !== 0) {
    notes.push("asc failed; measured the build/firmware.wasm already there.");
    log(`asc failed, measuring the existing build/firmware.wasm:\n${r.stderr}`);
  }
}
if (!recordingsOnly) {
const native = have("wasm2c");
if (native) {
  log("building the C boards (boards/harness/build.ts)");
  await buildBoards();
} else {
  notes.push("wasm2c is not installed: native rows skipped (apt-get install wabt).");
}
const wasmPath = native ? FIRMWARE_WASM : join(ROOT, "build/firmware.wasm");
const wasm = readFileSync(wasmPath);
const info = wasmInfo(wasm);

// ─── Size ────────────────────────────────────────────────────────────────────────────────

row("firmware.wasm size", `${fmt(wasm.length)} B (code ${fmt(info.codeBytes)} B)`, "≤ 12 KiB (12,288 B)", wasm.length <= 12 * 1024);

// ─── A one-hour night for the native measurements ─────────────────────────────────────────

const dir = mkdtempSync(join(tmpdir(), "calmfoot-bench-"));
const r = prng(11);
const hourSpec: NightSpec = {
  name: "bench-hour",
  t0_ms: 23 * HOUR_MS,
  duration_ms: HOUR_MS,
  seed: 11,
  movements: [],
  temperature: (rel) => 2400 + 1600 * (1 - Math.exp(-rel / 480_000)),
};
// About 30 sporadic movements and two periodic series in the hour.
for (let i = 0; i < 30; i++) hourSpec.movements.push({ at_ms: Math.round(r() * HOUR_MS), dur_ms: Math.round(200 + r() * 6000), amp_mg: 120 + r() * 500 });
for (const at of [10 * 60_000, 40 * 60_000]) {
  for (let i = 0; i < 8; i++) hourSpec.movements.push({ at_ms: at + i * 25_000, dur_ms: 2000, amp_mg: 300 });
}
const hourCsv = join(dir, "hour.csv");
const hourRows = writeNightCsv(hourSpec, hourCsv);

interface Probe {
  touched_bytes: number;
  touched_end: number;
  wasm_call_depth_max: number;
  c_stack_bytes_max: number;
  c_stack_paint_gap: number;
  samples: number;
}

/** Inclusive instruction counts of the functions matching `names`, from callgrind_annotate. */
function callgrind(binary: string, args: string[], names: RegExp[]): number[] {
  const out = join(dir, `callgrind.${names.length}.${Math.random().toString(36).slice(2)}.out`);
  run("valgrind", ["--tool=callgrind", `--callgrind-out-file=${out}`, binary, ...args]);
  const text = run("callgrind_annotate", ["--inclusive=yes", "--threshold=100", out]).stdout;
  return names.map((name) => {
    for (const line of text.split("\n")) {
      const m = /^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(.*)$/.exec(line);
      // Skip the caller/callee lines ("=> …", "< …") some callgrind_annotate versions add.
      if (m && !/^(=>|<|\*)/.test(m[2]) && name.test(m[2])) return Number(m[1].replace(/,/g, ""));
    }
    throw new Error(`callgrind_annotate shows no ${name} for ${binary}`);
  });
}

if (native) {
  // ─── Memory ─────────────────────────────────────────────────────────────────────────────
  const probes: Probe[] = [];
  for (const args of [[], ["--batch", String(BATCH)]]) {
    const p = run(NATIVE_PROBE, ["--probe", ...args, hourCsv]);
    probes.push(JSON.parse(p.stderr.trim().split("\n").pop()!) as Probe);
  }
  const touchedEnd = Math.max(...probes.map((p) => p.touched_end));
  const touchedBytes = Math.max(...probes.map((p) => p.touched_bytes));
  row("static data end (data segments)", `${fmt(info.dataEnd)} B`);
  row("linear memory touched in a night (highest byte + 1; bytes touched)",
    `${fmt(touchedEnd)} B; ${fmt(touchedBytes)} B`, "≤ 8 KiB (8,192 B)", touchedEnd <= 8192);
  row("of the 64 KiB page, never touched", `${fmt(65536 - touchedEnd)} B`);
  const depth = Math.max(...probes.map((p) => p.wasm_call_depth_max));
  const cstack = Math.max(...probes.map((p) => p.c_stack_bytes_max));
  row("wasm call depth, max (wasm2c frames)", depth > 0 ? String(depth) : "not measured");
  row("C stack per firmware call, max (wasm2c -O2, x86-64)",
    cstack <= probes[0].c_stack_paint_gap ? `≤ ${fmt(cstack)} B` : `${fmt(cstack)} B`);

  // ─── Instructions per sample ────────────────────────────────────────────────────────────
  log("callgrind: wasm2c desktop board, fw_accel per sample");
  const exportName = (fn: string) => new RegExp(`:(Z_firmwareZ_|w2c_firmware_)${fn} `);
  const [single, singleTick] = callgrind(NATIVE_BOARD, [hourCsv], [exportName("fw_accel"), exportName("fw_tick")]);
  log("callgrind: wasm2c desktop board, fw_accel_batch");
  const [batch] = callgrind(NATIVE_BOARD, ["--batch", String(BATCH), hourCsv], [exportName("fw_accel_batch")]);
  log("callgrind: floor detector");
  const [floor] = callgrind(FLOOR_DETECTOR, [hourCsv], [/:floor_detector_update /]);
  const perSingle = single / hourRows;
  const perBatch = batch / hourRows;
  const perFloor = floor / hourRows;
  row("instructions per sample, fw_accel (callgrind, 1 h at 50 Hz)", fmt(perSingle, 1), "≤ 400", perSingle <= 400);
  row(`instructions per sample, fw_accel_batch of ${BATCH}`, fmt(perBatch, 1), "≤ 400", perBatch <= 400);
  row("instructions per sample, C floor detector (floor_detector.c)", fmt(perFloor, 1));
  row("firmware ÷ floor (fw_accel; batch)", `${fmt(perSingle / perFloor, 1)}×; ${fmt(perBatch / perFloor, 1)}×`);
  row("instructions per fw_tick (10 per second)", fmt(singleTick / (hourRows / 5), 1));

  const floorMoves = (run(FLOOR_DETECTOR, [hourCsv]).stdout.match(/MOVE_END/g) ?? []).length;
  const fwMoves = (run(NATIVE_BOARD, [hourCsv]).stdout.match(/MOVE_END/g) ?? []).length;
  row("movements in the bench hour: firmware; floor detector", `${fwMoves}; ${floorMoves}`);
}

// ─── Desktop simulation speed ──────────────────────────────────────────────────────────────

log("Node board: an 8-hour night at 50 Hz");
const NIGHT_H = 8;
const samples = nightSamples(NIGHT_H, 50);
const n = samples.length / 3;

function nodeNight(batch: number): { ms: number; events: number } {
  let events = 0;
  const board = new Board(firmwareModule(wasmPath), { onEvent: () => { events++; } });
  const t0 = 22 * HOUR_MS;
  board.init(t0);
  board.configSet(6, 0); // no thermistor in this night: no heat
  let nextTick = t0 + TICK_MS;
  const fifo = new Int16Array(Math.max(batch, 1) * 3);
  let fill = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = t0 + i * 20;
    while (t >= nextTick) { board.tick(nextTick); nextTick += TICK_MS; }
    if (batch === 0) {
      board.accel(t, samples[i * 3], samples[i * 3 + 1], samples[i * 3 + 2]);
    } else {
      fifo[fill * 3] = samples[i * 3];
      fifo[fill * 3 + 1] = samples[i * 3 + 1];
      fifo[fill * 3 + 2] = samples[i * 3 + 2];
      if (++fill === batch) { board.accelBatch(t, fifo, fill); fill = 0; }
    }
  }
  return { ms: performance.now() - start, events };
}

nodeNight(BATCH); // warm-up: compile and tier up
const singleRun = nodeNight(0);
const batchRun = nodeNight(BATCH);
const xSingle = (NIGHT_H * HOUR_MS) / singleRun.ms;
const xBatch = (NIGHT_H * HOUR_MS) / batchRun.ms;
row(`Node board, ${NIGHT_H} h night, fw_accel per sample (pre-generated samples)`, `${fmt(xSingle)}× real time (${fmt(singleRun.ms)} ms)`);
row(`Node board, ${NIGHT_H} h night, fw_accel_batch of ${BATCH} (pre-generated samples)`,
  `${fmt(xBatch)}× real time (${fmt(batchRun.ms)} ms)`, "≥ 30,000×", xBatch >= 30_000);

if (native) {
  // The same hour through the wasm2c desktop board, whole process (CSV parsing included), for scale.
  const start = performance.now();
  run(NATIVE_BOARD, ["--batch", String(BATCH), hourCsv]);
  const ms = performance.now() - start;
  row("wasm2c desktop board, 1 h CSV night incl. parsing, batch (whole process)", `${fmt(HOUR_MS / ms)}× real time (${fmt(ms)} ms)`);
}

// ─── The web simulator ──────────────────────────────────────────────────────────────────

log("web simulator: npm run build:host && npm run build:web (the page bundles build/firmware.wasm)");
run("npm", ["run", "--silent", "build:host"]);
run("npm", ["run", "--silent", "build:web"]);
const web = await webBench(log);
if (web) {
  row("web simulator, 8 h night at speed max (headless Chromium)", `${fmt(web.max_night_ms / 1000, 1)} s`, "≤ 10 s", web.max_night_ms <= 10_000);
  row("web simulator at 600×: frames per second (requestAnimationFrame, 10 s)", `${fmt(web.fps, 1)} fps; frame median ${fmt(web.median_frame_ms, 1)} ms, ` +
    `p95 ${fmt(web.p95_frame_ms, 1)} ms; ${web.long_frames} of ${web.frames} frames > 25 ms`, "60 fps", web.fps >= 59);
  row("web simulator at 600×: the page's work per frame (night + drawing)", `median ${fmt(web.median_work_ms, 1)} ms, p95 ${fmt(web.p95_work_ms, 1)} ms`);
  notes.push("web rows: headless Chromium paces requestAnimationFrame by its own compositor clock without a GPU, not a display's vsync; " +
    "the frame rate shows the page keeps up with 60 Hz frames, not what a given monitor shows.");
} else {
  notes.push(`web rows skipped: /usr/bin/chromium is absent (apt-get install chromium).`);
}

// BENCH_KEEP=1 keeps the bench hour's CSV and callgrind files (for callgrind_annotate by hand).
if (process.env.BENCH_KEEP) log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });

footer = `firmware: ${fmt(wasm.length)} B, ${hourRows.toLocaleString("en-US")} samples in the callgrind hour; `;
} // !recordingsOnly

benchRecordings();

// ─── The table ─────────────────────────────────────────────────────────────────────────────

const lines = [
  "| figure | value | target | pass |",
  "|---|---|---|---|",
  ...rows.map((x) => `| ${x.figure} | ${x.value} | ${x.target} | ${x.pass === null ? "" : x.pass ? "pass" : "FAIL"} |`),
];
process.stdout.write(lines.join("\n") + "\n");
process.stdout.write(`\n${footer}Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
for (const note of notes) process.stdout.write(`note: ${note}\n`);
