// What the command line gives a program or a reviewer: `--json` ends with one summary object that
// agrees with the event lines before it; `--firmware` runs another build and refuses, in one line,
// a file that is no calmfoot firmware; `calmfoot compare` runs the same nights through two builds
// and shows where their event logs and figures part.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Board } from "../../host/board/board.js";
import { simulatePlan } from "../../host/board/simulatedNight.js";
import { logLine } from "../../host/eventLog.js";
import { DEBUG_WASM, RELEASE_WASM, firmwareFromFile, firmwareModule } from "../../host/firmwareFile.js";
import { InputError } from "../../host/inputError.js";
import { planNight } from "../../host/sim/night.js";
import { calmfoot } from "./cli-run.js";
import { StillLeg, csvRecording } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-cli-output-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function assertRefused(r: { code: number | null; err: string }, message: RegExp) {
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, message);
  assert.equal(r.err.trim().split("\n").length, 1, `one line: ${r.err}`);
}

describe("--json", () => {
  it("ends with one summary object whose counts are those of the event lines", () => {
    const r = calmfoot("simulate", "--scenario", "plms", "--hours", "1", "--seed", "2", "--json");
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split("\n").map((l) => JSON.parse(l));
    const { summary } = lines.pop();
    const events = lines;
    assert.ok(events.every((e) => typeof e.event === "string"), "every line before the last is an event");
    const named = (name: string) => events.filter((e) => e.event === name);
    // LMs: MOVE_END events of class 1 (HAL ABI v1); sessions and faults: their start events.
    assert.equal(summary.lms.count, named("MOVE_END").filter((e) => e.b === 1).length);
    assert.equal(summary.sessions.count, named("SESSION_START").length);
    assert.equal(summary.faults.count, named("FAULT").length);
    // A series reports its count from 4 LMs on; a count that does not grow starts the next one.
    let series = 0;
    let plms = 0;
    let last = 0;
    for (const e of named("SERIES")) {
      if (e.a <= last) { series++; plms += last; }
      last = e.a;
    }
    if (last > 0) { series++; plms += last; }
    assert.ok(series > 0, "the night has periodic series");
    assert.equal(summary.series.count, series);
    assert.equal(summary.plm.count, plms);
    assert.equal(summary.plm.index_per_hour_in_bed, plms / 1, "PLMs per hour of a 1-h night in bed");
    assert.equal(summary.time_in_bed.ms, 3_600_000);
    assert.equal(summary.sleep, null, "the simulation scores no sleep");
    assert.ok(summary.agreement.labelled_lms > 0 && summary.agreement.sensitivity > 0.9, JSON.stringify(summary.agreement));
  });

  it("--no-summary leaves the summary object out", () => {
    const r = calmfoot("simulate", "--scenario", "jerks", "--hours", "0.2", "--json", "--no-summary");
    const lines = r.out.trim().split("\n");
    assert.ok(lines.length > 5, r.out);
    assert.ok(lines.every((l) => "event" in JSON.parse(l)));
  });
});

describe("--firmware", () => {
  const wat = (name: string, text: string) => {
    const source = join(dir, `${name}.wat`);
    const wasm = join(dir, `${name}.wasm`);
    writeFileSync(source, text);
    const r = spawnSync("wat2wasm", [source, "-o", wasm], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return wasm;
  };
  const refusal = (file: string) => {
    try {
      firmwareFromFile(file);
    } catch (err) {
      assert.ok(err instanceof InputError, String(err));
      return err.message;
    }
    assert.fail(`${file} was accepted`);
  };

  it("runs another build: the debug build gives the release build's log", () => {
    const plan = planNight("jerks", { hours: 0.2, seed: 1 });
    const log = (module: WebAssembly.Module) => simulatePlan(plan, { board: new Board(module), sample_hz: 50, trace: false }).events.map(logLine);
    const release = log(firmwareModule());
    assert.ok(release.length > 5);
    assert.deepEqual(log(firmwareFromFile(DEBUG_WASM)), release);
  });

  it("refuses a file that is not WebAssembly, on the command line in one line with exit code 2", () => {
    const text = join(dir, "notes.wasm");
    writeFileSync(text, "these are notes, not a firmware\n");
    assertRefused(calmfoot("simulate", "--firmware", text), /^calmfoot: .*notes\.wasm: not a calmfoot firmware: not a WebAssembly module/);
    assert.match(refusal(join(dir, "missing.wasm")), /missing\.wasm: no such file/);
  });

  it("refuses a module that imports what HAL ABI v1 does not offer", () => {
    const file = wat("env", `(module (import "env" "abort" (func (param i32 i32 i32 i32))) (memory (export "memory") 1))`);
    assert.match(refusal(file), /env\.wasm: not a calmfoot firmware: it imports env\.abort/);
  });

  it("refuses a module without the fw_* exports, or with one of another signature", () => {
    const empty = wat("empty", `(module (import "hal" "emit" (func (param i32 i32 i32 i32))) (memory (export "memory") 1))`);
    assert.match(refusal(empty), /empty\.wasm: not a calmfoot firmware: it lacks the export fw_init/);
    const names = ["fw_init", "fw_accel", "fw_accel_buffer", "fw_accel_batch", "fw_accel_capacity", "fw_button", "fw_temperature",
      "fw_tick", "fw_config_set", "fw_config_get", "fw_status"];
    const wrong = wat("wrong", `(module (memory (export "memory") 1) ${names.map((n) => `(func (export "${n}") (param i32))`).join(" ")})`);
    assert.match(refusal(wrong), /wrong\.wasm: not a calmfoot firmware: it exports fw_accel as \(i32\) -> nil; HAL ABI v1 says \(i32, i32, i32, i32\) -> nil/);
  });
});

describe("calmfoot compare", () => {
  // Build B: the release build with AUTO_START off by default, so it never starts a session by
  // itself. The config defaults are i32 tables in the module's data (SAMPLE_HZ 50, SESSION_MIN 30,
  // AUTO_SESSION_MIN 20, INTENSITY 5, HEAT_TARGET_DC 400, HEAT_ENABLED 1, AUTO_START 1,
  // SENSITIVITY 3, …): AUTO_START, the 7th, becomes 0 wherever the table stands.
  const bytes = readFileSync(RELEASE_WASM);
  const defaults = Buffer.from(new Int32Array([50, 30, 20, 5, 400, 1, 1, 3]).buffer);
  const noAuto = join(dir, "no-auto.wasm");

  it("finds the config defaults in the release build", () => {
    const patched = Buffer.from(bytes);
    let found = 0;
    for (let at = patched.indexOf(defaults); at >= 0; at = patched.indexOf(defaults, at + 1), found++) patched.writeInt32LE(0, at + 6 * 4);
    assert.ok(found >= 1, "the defaults table");
    writeFileSync(noAuto, patched);
  });

  it("prints the first differing events, the counts by kind and the metric deltas; exit 1", () => {
    const r = calmfoot("compare", RELEASE_WASM, noAuto, "--scenario", "plms", "--seeds", "1", "--hours", "0.5", "--events", "3");
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /1 night; event logs identical in 0, different in 1/);
    // The first event of A's log that B lacks is A's first auto session (HAL ABI: SESSION_START cause 1).
    const first = /First differing events[^\n]*\n\s+plms seed 1:\n((?:\s+[AB] .*\n)+)/.exec(r.out);
    assert.ok(first, r.out);
    assert.match(first[1].split("\n")[0], /^\s+A\s+\d\d:\d\d:\d\d\.\d{3}\s+SESSION_START/);
    const starts = /SESSION_START\s+(\d+)\s+(\d+)\s+(\S+)/.exec(r.out)!;
    assert.ok(Number(starts[1]) > 0, "A starts sessions by itself");
    assert.equal(Number(starts[2]), 0, "B never does");
    assert.match(r.out, new RegExp(`sessions\\s+${starts[1]} → 0 \\(−${starts[1]}\\) \\(auto ${starts[1]} → 0\\)`));
    assert.match(r.out, /sensitivity\s+\d\.\d{3}/);
    assert.match(r.out, /PLM index \(\/h\)\s+\d+\.\d/);
  });

  it("replays recordings given as files; the same build twice is identical (exit 0)", () => {
    const csv = join(dir, "kicks.csv");
    writeFileSync(csv, csvRecording(new StillLeg([10, 40].map((s) => ({ at_ms: s * 1000, duration_ms: 2000, amplitude_mg: 300 }))), 60));
    const r = calmfoot("compare", RELEASE_WASM, DEBUG_WASM, csv);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /1 night; event logs identical in 1, different in 0/);
    assert.match(r.out, /kicks\.csv/);
  });

  it("refuses a build that is no calmfoot firmware, in one line", () => {
    assertRefused(calmfoot("compare", RELEASE_WASM, join(dir, "nope.wasm")), /nope\.wasm: no such file/);
  });
});
