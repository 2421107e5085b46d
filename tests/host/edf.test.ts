// EDF and EDF+ recordings: read streaming, channels by label, units to mg, resampled to the
// firmware's rate, annotations carried, and every broken file refused with its name and place.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { EVENT, MOVE_CLASS } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { InputError } from "../../host/inputError.js";
import type { RecordingRow } from "../../host/replay/csv.js";
import { type EdfInfo, mgPerUnit, readEdfAnnotations, readEdfHeader, readEdfRecording } from "../../host/replay/edf.js";
import { type EdfWriteChannel, writeEdf } from "../../host/replay/edfWrite.js";
import { replayRows } from "../../host/replay/replay.js";
import { summarize } from "../../host/report/summary.js";
import { SKIP_UNDER_MUTATION } from "./mutation.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-edf-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (name = "rec") => join(dir, `${name}-${n++}.edf`);

/** An accelerometer channel in g (±8 g over 16 bits: 0.24 mg per step). */
function acc(label: string, value: (t: number) => number, samples_per_record = 100, unit = "g", range = 8): EdfWriteChannel {
  return { label, unit, physical_min: -range, physical_max: range, samples_per_record, value };
}

async function readAll(file: string, options: Parameters<typeof readEdfRecording>[1]): Promise<{ rows: RecordingRow[]; info: EdfInfo }> {
  const rows: RecordingRow[] = [];
  let info!: EdfInfo;
  for await (const row of readEdfRecording(file, { progress: false, ...options, onInfo: (i) => { info = i; options.onInfo?.(i); } })) rows.push(row);
  return { rows, info };
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof InputError, `expected an InputError, got ${err}`);
    return err.message;
  }
  assert.fail("the file was accepted");
}

const drain = (file: string, options: Partial<Parameters<typeof readEdfRecording>[1]> = {}) =>
  refusal(async () => { for await (const _ of readEdfRecording(file, { sample_hz: 50, progress: false, ...options })) void _; });

describe("reading EDF", () => {
  it("three channels in g at 100 Hz become whole-mg rows at 50 Hz, 20 ms apart from clock0", async () => {
    const file = path();
    writeEdf(file, { kind: "EDF", records: 10, record_duration_s: 1, channels: [
      acc("AccX", (t) => 0.5 * Math.sin(2 * Math.PI * t)), acc("AccY", () => -0.25), acc("AccZ", () => 1)] });
    const { rows, info } = await readAll(file, { channels: ["AccX", "AccY", "AccZ"], sample_hz: 50, clock0: 4_294_967_000 });
    assert.equal(info.header.records, 10);
    assert.equal(rows.length, 500); // 0 … 9.98 s: the last 100 Hz sample is at 9.99 s
    assert.equal(rows[0].t_ms, 4_294_967_000);
    assert.equal(rows[1].t_ms, 4_294_967_020);
    assert.equal(rows[100].t_ms, (4_294_967_000 + 2000) >>> 0, "the clock wraps like the board's");
    for (const [i, row] of rows.entries()) {
      const t = i / 50;
      assert.ok(Math.abs(row.ax_mg - 500 * Math.sin(2 * Math.PI * t)) <= 1, `x at ${t} s: ${row.ax_mg}`);
      assert.ok(Math.abs(row.ay_mg + 250) <= 1);
      assert.ok(Math.abs(row.az_mg - 1000) <= 1);
      assert.ok(Number.isInteger(row.ax_mg) && Number.isInteger(row.ay_mg) && Number.isInteger(row.az_mg));
    }
    assert.equal(rows[75].line, 2, "rows name the data record they come from");
  });

  it("converts m/s² and mg to mg with the header's digital and physical range", async () => {
    const file = path();
    writeEdf(file, { kind: "EDF", records: 2, record_duration_s: 1, channels: [
      { label: "X", unit: "m/s2", physical_min: -78.4532, physical_max: 78.4532, digital_min: -2048, digital_max: 2047, samples_per_record: 50, value: () => 9.80665 },
      { label: "Y", unit: "mg", physical_min: -4000, physical_max: 4000, digital_min: 0, digital_max: 8000, samples_per_record: 50, value: () => -123 },
      { label: "Z", unit: "m/s^2", physical_min: -20, physical_max: 20, samples_per_record: 50, value: () => -4.903325 }] });
    const { rows } = await readAll(file, { channels: ["X", "Y", "Z"], sample_hz: 50 });
    // 12-bit over ±8 g: a step is 3.9 mg, so 1 g is within half a step.
    assert.ok(Math.abs(rows[10].ax_mg - 1000) <= 2, `${rows[10].ax_mg}`);
    assert.equal(rows[10].ay_mg, -123);
    assert.ok(Math.abs(rows[10].az_mg + 500) <= 1, `${rows[10].az_mg}`);
    assert.equal(mgPerUnit("uV"), null);
    assert.equal(mgPerUnit("m/s²"), 1000 / 9.80665);
  });

  it("resamples linearly: a 25 Hz ramp read at 50 Hz has the midpoints in between", async () => {
    const file = path();
    writeEdf(file, { kind: "EDF", records: 4, record_duration_s: 1, channels: [
      { label: "Acc", unit: "mg", physical_min: -32768, physical_max: 32767, digital_min: -32768, digital_max: 32767, samples_per_record: 25, value: (t) => Math.round(t * 25) * 10 }] });
    const { rows } = await readAll(file, { sample_hz: 50 });
    // Samples every 40 ms with +10 mg each: every 20 ms +5 mg, across record boundaries too.
    assert.equal(rows.length, 4 * 50 - 1);
    for (const [i, row] of rows.entries()) assert.equal(row.ax_mg, i * 5, `row ${i}`);
    assert.deepEqual([rows[0].ay_mg, rows[0].az_mg], [0, 0], "one axis goes to x");
  });

  it("finds AccX, AccY, AccZ among other channels by their acceleration unit", async () => {
    const file = path();
    writeEdf(file, { kind: "EDF+C", records: 2, record_duration_s: 1, channels: [
      { label: "EEG C3-A2", unit: "uV", physical_min: -300, physical_max: 300, samples_per_record: 100, value: () => 3 },
      acc("Acc Z", () => 1), acc("Acc X", () => 0.1), acc("Acc Y", () => 0.2)] });
    const { rows, info } = await readAll(file, { sample_hz: 50 });
    assert.deepEqual(info.channels.map((c) => c.label), ["Acc X", "Acc Y", "Acc Z"]);
    assert.ok(Math.abs(rows[0].ax_mg - 100) <= 1 && Math.abs(rows[0].ay_mg - 200) <= 1 && Math.abs(rows[0].az_mg - 1000) <= 1);
  });

  it("carries EDF+ annotations, onsets and durations in ms, beside the rows", async () => {
    const file = path();
    writeEdf(file, { kind: "EDF+C", records: 30, record_duration_s: 1, channels: [acc("AccX", () => 0)],
      annotations: [{ onset_s: 3.25, duration_s: 1.5, text: "Leg movement" }, { onset_s: 12, text: "Arousal" },
        { onset_s: 12.5, duration_s: 0.75, text: "LM" }, { onset_s: 29.5, duration_s: 30, text: "Sleep stage 2" }] });
    const calls: number[] = [];
    const { info } = await readAll(file, { channels: ["AccX"], sample_hz: 50, onInfo: (i) => calls.push(i.annotations.length) });
    assert.deepEqual(calls, [0, 4], "onInfo at the header and again when the annotations are complete");
    const expected = [
      { onset_ms: 3250, duration_ms: 1500, label: "Leg movement" }, { onset_ms: 12000, duration_ms: 0, label: "Arousal" },
      { onset_ms: 12500, duration_ms: 750, label: "LM" }, { onset_ms: 29500, duration_ms: 30000, label: "Sleep stage 2" }];
    assert.deepEqual(info.annotations, expected);
    assert.deepEqual(await readEdfAnnotations(file), expected);
  });

  it("EDF+D: records at their own times, nothing interpolated across a gap", async () => {
    const file = path();
    writeEdf(file, { kind: "EDF+D", records: 4, record_duration_s: 1, record_start_s: (r) => (r < 2 ? r : r + 8),
      channels: [{ label: "A", unit: "mg", physical_min: -32768, physical_max: 32767, samples_per_record: 50, value: (t) => Math.round(t * 1000) }] });
    const { rows } = await readAll(file, { sample_hz: 50 });
    const t = rows.map((r) => r.t_ms);
    const gap = t.findIndex((x, i) => i > 0 && x - t[i - 1] !== 20);
    assert.equal(t[gap - 1], 1980);
    assert.equal(t[gap], 10_000);
    assert.ok(rows.every((r) => r.ax_mg === r.t_ms), "each value is its own time: no interpolation across the gap");
  });

  it("reads an 8-hour 100 Hz file as it goes, not all at once", { skip: SKIP_UNDER_MUTATION }, async () => {
    const file = path("night");
    const records = 8 * 3600;
    const size = writeEdf(file, { kind: "EDF+C", records, record_duration_s: 1, annotation_bytes: 64, channels: [
      acc("AccX", (t) => 0.01 * Math.sin(t)), acc("AccY", () => 0), acc("AccZ", () => 1)] });
    assert.ok(size > 17_000_000);
    // Stop after the first hour: by then only the records of that hour (and one read ahead) were read.
    let count = 0;
    let info!: EdfInfo;
    let atFirstRow = -1;
    for await (const _ of readEdfRecording(file, { sample_hz: 50, progress: false, onInfo: (i) => { info = i; } })) {
      if (count === 0) atFirstRow = info.records_read;
      if (++count === 3600 * 50) break;
    }
    assert.ok(atFirstRow < 200, `${atFirstRow} of ${records} data records were read before the first row`);
    assert.ok(info.records_read <= 3600 + 200, `${info.records_read} data records read for the first hour`);
  });
});

describe("bad EDF files", () => {
  const good = () => {
    const file = path("bad");
    writeEdf(file, { kind: "EDF+C", records: 5, record_duration_s: 1, channels: [acc("AccX", () => 0), acc("AccY", () => 0), acc("AccZ", () => 1)],
      annotations: [{ onset_s: 1, text: "LM" }] });
    return file;
  };
  const patch = (file: string, at: number, text: string) => {
    const b = readFileSync(file);
    b.write(text, at, "latin1");
    writeFileSync(file, b);
  };

  it("a truncated file names the data record and the byte it breaks at", async () => {
    const file = good();
    const header = await readEdfHeader(file);
    truncateSync(file, header.header_bytes + 3 * header.record_bytes + 100);
    const message = await drain(file);
    assert.match(message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, data record 4 \\(byte ${header.header_bytes + 3 * header.record_bytes}\\)`));
    assert.match(message, /truncated/);
  });

  it("a file cut inside its header says so", async () => {
    const file = good();
    truncateSync(file, 300);
    assert.match(await drain(file), /header is cut off/);
  });

  it("a wrong version, a non-number in the header, a wrong header size are refused with the byte", async () => {
    let file = good();
    patch(file, 0, "1       ");
    assert.match(await drain(file), /, byte 0 \(version\): not an EDF file/);
    file = good();
    patch(file, 236, "abc     ");
    assert.match(await drain(file), /, byte 236 \(number of data records\): "abc" is not a whole number/);
    file = good();
    patch(file, 184, "999     ");
    assert.match(await drain(file), /byte 184 \(header size\): says 999 bytes, but 4 signals need 1280/);
    file = good();
    // samples per record of signal 2 (AccY): after label/transducer/unit/4 ranges/prefiltering of all 4 signals
    patch(file, 256 + 4 * (16 + 80 + 8 + 8 * 4 + 80) + 8, "x       ");
    assert.match(await drain(file), /samples per record of signal 2 "AccY"\): "x" is not a whole number/);
  });

  it("a BDF file is refused, not misread", async () => {
    const file = good();
    const b = readFileSync(file);
    b[0] = 0xff;
    writeFileSync(file, b);
    assert.match(await drain(file), /BDF/);
  });

  it("an unknown channel is named, with the channels there are", async () => {
    const message = await drain(good(), { channels: ["AccQ"] });
    assert.match(message, /no channel "AccQ"; the channels are "AccX", "AccY", "AccZ"/);
  });

  it("a channel that is not an acceleration is refused by its unit", async () => {
    const file = path();
    writeEdf(file, { kind: "EDF", records: 1, record_duration_s: 1, channels: [{ label: "EMG", unit: "uV", physical_min: -100, physical_max: 100, samples_per_record: 10, value: () => 0 }] });
    assert.match(await drain(file, { channels: ["EMG"] }), /"EMG" is in "uV", not an acceleration/);
    assert.match(await drain(file), /no channel with an acceleration unit/);
  });

  it("a broken annotation names its data record", async () => {
    const file = good();
    const header = await readEdfHeader(file);
    const ann = header.signals.find((s) => s.annotation)!;
    patch(file, header.header_bytes + 2 * header.record_bytes + ann.offset_in_record, "x0\x14\x14\x00");
    assert.match(await drain(file), /data record 3 \(byte \d+\): annotation onset "x0"/);
  });

  it("a missing file is named", async () => {
    assert.match(await drain(join(dir, "nope.edf")), /nope\.edf: no such file/);
  });
});

describe("an EDF+ recording through the firmware", () => {
  it("kicks scored as leg movements are found by the firmware and agree with the annotations", async () => {
    const file = path("kicks");
    const kicks = Array.from({ length: 12 }, (_, i) => 30 + i * 25);
    const swing = (t: number) => {
      for (const k of kicks) if (t >= k && t < k + 2) return 0.3 * Math.sin(2 * Math.PI * (t - k) * 2);
      return 0;
    };
    writeEdf(file, { kind: "EDF+C", records: 400, record_duration_s: 1, channels: [
      acc("AccX", (t) => swing(t) + 0.002 * Math.sin(t * 37)), acc("AccY", (t) => swing(t) / 2 + 0.002 * Math.cos(t * 41)), acc("AccZ", () => 1)],
    annotations: kicks.map((k) => ({ onset_s: k, duration_s: 2, text: "Leg movement" })) });
    const board = new Board(firmwareModule());
    let info!: EdfInfo;
    const count = await replayRows(board, readEdfRecording(file, { sample_hz: 50, progress: false, onInfo: (i) => { info = i; } }),
      { hasTemperature: false });
    assert.equal(count, 400 * 50);
    const lms = board.events.filter((e) => e.kind === EVENT.MOVE_END && e.b === MOVE_CLASS.LM);
    assert.equal(lms.length, kicks.length);
    const s = summarize({ source: "kicks.edf", clock0_ms: 0, start_ms_of_day: 1350 * 60_000, duration_ms: 400_000, sample_hz: 50,
      events: board.events, trace: { activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] }, truth: info.annotations });
    assert.equal(s.agreement!.sensitivity, 1);
    assert.equal(s.agreement!.ppv, 1);
  });

  it("calmfoot replay of a truncated EDF exits 2 naming the place, and writes no report", { skip: !existsSync("host/cli.ts") || SKIP_UNDER_MUTATION }, () => {
    const file = path("cut");
    writeEdf(file, { kind: "EDF", records: 20, record_duration_s: 1, channels: [acc("AccX", () => 0), acc("AccY", () => 0), acc("AccZ", () => 1)] });
    truncateSync(file, 1024 + 7 * 600 + 1);
    const report = join(dir, "cut.html");
    const run = spawnSync(process.execPath, ["--import", "tsx", "host/cli.ts", "replay", file, "--report", report], { encoding: "utf8" });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /data record 8 \(byte 5224\): truncated/);
    assert.ok(!existsSync(report));
  });
});
