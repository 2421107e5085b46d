// A recording through the firmware from bytes handed to the platform-neutral RecordingReplay, as
// a web page does it (and the command line, through recording.ts): the format told by content,
// a CSV's rate measured from t_ms (adopted, or refused when it is none of the firmware's or not
// the one asked for), the time of day and date of an EDF to the ms, the same night whatever the
// chunks (memory that does not grow with the length of the recording: streamingMemory.test.ts).

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CONFIG } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { InputError } from "../../host/inputError.js";
import type { NightRecord } from "../../host/record.js";
import { type RecordingOptions, RecordingReplay } from "../../host/replay/recordingReplay.js";
import { type EdfWriteChannel, type EdfWriteOptions, writeEdf } from "../../host/replay/edfWrite.js";
import { StillLeg, csvRecording } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-recreplay-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const bytes = (text: string) => new TextEncoder().encode(text);

/** Replays `data` named `name` through a fresh board, in chunks of `size` bytes (0: one chunk). */
function replay(name: string, data: Uint8Array | string, options: RecordingOptions = {}, size = 0): NightRecord {
  const b = typeof data === "string" ? bytes(data) : data;
  const r = new RecordingReplay(new Board(firmwareModule()), { name, size_bytes: b.length }, options);
  for (let i = 0; i < b.length; i += size || b.length) r.push(b.slice(i, i + (size || b.length)));
  r.end();
  return r.record();
}

function refusal(name: string, data: Uint8Array | string, options: RecordingOptions = {}): string {
  try {
    replay(name, data, options);
  } catch (err) {
    assert.ok(err instanceof InputError, `expected an InputError, got ${err}`);
    return err.message;
  }
  assert.fail("accepted");
}

const acc = (label: string, samples_per_record = 100): EdfWriteChannel =>
  ({ label, unit: "g", physical_min: -8, physical_max: 8, samples_per_record, value: () => (label === "AccZ" ? 1 : 0) });

/** The bytes of an EDF written by the project's writer, with a start time and optional patches. */
function edfBytes(options: Partial<EdfWriteOptions> = {}): Uint8Array {
  const file = join(dir, `e${n++}.edf`);
  writeEdf(file, { kind: "EDF+C", records: 10, record_duration_s: 1, channels: [acc("AccX"), acc("AccY"), acc("AccZ")], ...options });
  return readFileSync(file);
}

/** CSV rows of a foot at rest `step_ms` apart from 1000 ms (after the 41st row `later` ms apart), with a pause after row `gapAfter`. */
function csvRows(count: number, step_ms: number, later = step_ms, gapAfter = -1): string {
  const lines = ["t_ms,ax_mg,ay_mg,az_mg"];
  let t = 1000;
  for (let i = 0; i < count; i++) {
    lines.push(`${t},0,0,1000`);
    t += (i < 40 ? step_ms : later) + (i === gapAfter ? 800 : 0);
  }
  return lines.join("\n") + "\n";
}

describe("the format is told by content, not by name", () => {
  it("an EDF named .csv or .bdf is EDF, a CSV named .edf is CSV", () => {
    const edf = edfBytes();
    assert.equal(replay("night.csv", edf).sample_hz, 50);
    assert.equal(replay("night.bdf", edf).duration_ms, replay("night.edf", edf).duration_ms);
    const csv = csvRecording(new StillLeg(), 5);
    assert.equal(replay("night.edf", csv).duration_ms, 5000);
  });

  it("an empty file, binary data and a BDF are refused naming the byte; --channels on a CSV is refused", () => {
    assert.equal(refusal("x.csv", new Uint8Array(0)), "x.csv, byte 0: empty file: neither CSV nor EDF");
    assert.equal(refusal("x.csv", Uint8Array.from([0x74, 0x5f, 0x00, 0x01])), "x.csv, byte 2: binary data (0x00): neither CSV text nor EDF");
    assert.equal(refusal("x.png", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), "x.png, byte 6: binary data (0x1a): neither CSV text nor EDF");
    const bdf = edfBytes();
    bdf.set([0xff, ...bytes("BIOSEMI")], 0);
    assert.equal(refusal("x.bdf", bdf), "x.bdf, byte 0 (version): a BDF (24-bit) file: only EDF and EDF+ (16-bit) are read");
    assert.equal(refusal("x.csv", csvRows(50, 20), { channels: ["AccX"] }), "x.csv: is CSV: --channels picks the channels of an EDF");
  });

  it("a header without rows has no samples", () => {
    assert.equal(refusal("x.csv", "t_ms,ax_mg,ay_mg,az_mg\n"), "x.csv: no samples");
  });
});

describe("a CSV's rate is measured from t_ms", () => {
  it("rows 10, 20 or 40 ms apart are 100, 50 or 25 Hz, adopted as SAMPLE_HZ when none is asked for", () => {
    for (const [step, hz] of [[10, 100], [20, 50], [40, 25]]) {
      const night = replay("r.csv", csvRows(100, step));
      assert.equal(night.sample_hz, hz);
      assert.equal(night.duration_ms, 100 * step, "100 samples of the adopted period");
    }
  });

  it("the median step of the first 33 rows counts: a dropout among them does not change it", () => {
    assert.equal(replay("r.csv", csvRows(100, 10, 10, 5)).sample_hz, 100);
  });

  it("within ±10 % of a firmware rate's period: 22 ms is 50 Hz, 23 ms none (refused at the first row)", () => {
    assert.equal(replay("r.csv", csvRows(60, 22)).sample_hz, 50);
    assert.equal(replay("r.csv", csvRows(60, 18)).sample_hz, 50);
    assert.equal(replay("r.csv", csvRows(60, 44)).sample_hz, 25);
    assert.equal(refusal("r.csv", csvRows(60, 23)), "r.csv:2: rows 23 ms apart (43.5 Hz): the firmware runs at 25, 50, 100 Hz; resample the recording first");
    assert.equal(refusal("r.csv", csvRows(60, 33)), "r.csv:2: rows 33 ms apart (30.3 Hz): the firmware runs at 25, 50, 100 Hz; resample the recording first");
    assert.equal(refusal("r.csv", csvRows(60, 12)), "r.csv:2: rows 12 ms apart (83.3 Hz): the firmware runs at 25, 50, 100 Hz; resample the recording first");
  });

  it("a rate asked for must be the rows' own: they go to the firmware unchanged", () => {
    assert.equal(replay("r.csv", csvRows(60, 10), { sample_hz: 100 }).sample_hz, 100);
    assert.equal(refusal("r.csv", csvRows(60, 10), { sample_hz: 50 }),
      "r.csv:2: rows 10 ms apart (100 Hz), not the 50 Hz asked for (--sample-hz); leave it out to use the recording's rate");
  });

  it("a later row half a period or less after the one before is refused (the recording changed its rate); 1 ms more is accepted", () => {
    assert.equal(refusal("r.csv", csvRows(60, 20, 10)), "r.csv:43: t_ms 1810 is 10 ms after the row before (line 42): the rows of this 50 Hz recording are 20 ms apart");
    assert.equal(replay("r.csv", csvRows(60, 20, 11)).sample_hz, 50);
    assert.equal(refusal("r.csv", csvRows(60, 40, 20)), "r.csv:43: t_ms 2620 is 20 ms after the row before (line 42): the rows of this 25 Hz recording are 40 ms apart");
  });

  it("a single row has no rate: the one asked for, or 50 Hz", () => {
    assert.equal(replay("r.csv", csvRows(1, 20)).sample_hz, 50);
    assert.equal(replay("r.csv", csvRows(1, 20), { sample_hz: 25 }).sample_hz, 25);
  });

  it("the rate reaches the firmware: SAMPLE_HZ is the adopted rate", () => {
    const board = new Board(firmwareModule());
    const csv = bytes(csvRows(50, 40));
    const r = new RecordingReplay(board, { name: "r.csv", size_bytes: csv.length });
    r.push(csv);
    r.end();
    r.record();
    assert.equal(board.configGet(CONFIG.SAMPLE_HZ), 25);
  });
});

describe("an EDF's start, to the ms, and its date", () => {
  const patched = (options: Partial<EdfWriteOptions>, date: string, time: string) => {
    const b = edfBytes(options);
    b.set(bytes(date), 168);
    b.set(bytes(time), 176);
    b.set(bytes("Startdate X X X X".padEnd(80)), 88); // EDF+: the date not known here, so dd.mm.yy counts
    return b;
  };

  it("the header's seconds count: 23.12.34 starts the night at 23:12:34.000", () => {
    const night = replay("e.edf", patched({ kind: "EDF" }, "17.05.20", "23.12.34"));
    assert.equal(night.start_ms_of_day, (23 * 3600 + 12 * 60 + 34) * 1000);
    assert.equal(night.recording?.date, "2020-05-17");
  });

  it("EDF+: the first record's time-keeping TAL starts it a fraction later; the first 50 Hz row is on the grid after it", () => {
    const night = replay("e.edf", patched({ record_start_s: (r) => r + 0.25 }, "17.05.20", "23.12.34"));
    assert.equal(night.start_ms_of_day, (23 * 3600 + 12 * 60 + 34) * 1000 + 260, "first sample at +250 ms, first row at +260 ms");
  });

  it("a start past midnight is the next day's: 23.59.59 with the first record 1.5 s later", () => {
    const night = replay("e.edf", patched({ record_start_s: (r) => r + 1.5 }, "31.12.99", "23.59.59"));
    assert.equal(night.start_ms_of_day, 500);
    assert.equal(night.recording?.date, "2000-01-01", "the first row's date: the day after the header's");
  });

  it("a time given replaces the EDF's; a CSV starts at 22:30 and has no date", () => {
    assert.equal(replay("e.edf", edfBytes(), { start_ms_of_day: 3_723_000 }).start_ms_of_day, 3_723_000);
    const csv = replay("c.csv", csvRows(60, 20));
    assert.equal(csv.start_ms_of_day, (22 * 60 + 30) * 60_000);
    assert.equal(csv.recording, undefined);
  });
});

describe("streaming", () => {
  it("the same night whatever the chunks: 1 byte, 4 KiB, 64 KiB or all at once", () => {
    const kicks = [10, 35, 60, 85, 110].map((s) => ({ at_ms: s * 1000, duration_ms: 2000, amplitude_mg: 300 }));
    const csv = bytes(csvRecording(new StillLeg(kicks), 130, { presses: [30_000] }));
    const whole = replay("k.csv", csv);
    assert.ok(whole.events.length > 10);
    for (const size of [4096, 65536]) assert.deepEqual(replay("k.csv", csv, {}, size), whole, `chunks of ${size}`);
    const head = csv.slice(0, csv.lastIndexOf(10, 30_000) + 1); // whole lines: 20 s
    assert.deepEqual(replay("k.csv", head, {}, 1), replay("k.csv", head), "byte by byte");
    const edf = edfBytes({ records: 30 });
    assert.deepEqual(replay("e.edf", edf, {}, 1000), replay("e.edf", edf));
  });

  it("a page paces it: runUntil stops the night where its clock is, bytes or not; onRow sees every row once", () => {
    const kicks = [10, 35, 60].map((s) => ({ at_ms: s * 1000, duration_ms: 2000, amplitude_mg: 300 }));
    const csv = bytes(csvRecording(new StillLeg(kicks), 80));
    let rows = 0;
    const r = new RecordingReplay(new Board(firmwareModule()), { name: "p.csv", size_bytes: csv.length }, { onRow: () => { rows++; } });
    assert.equal(r.runUntil(0), "starved", "no bytes yet");
    r.push(csv.slice(0, 30_000));
    assert.equal(r.runUntil(5000), "reached");
    assert.equal(r.night_ms, 5000);
    assert.equal(r.runUntil(50_000), "starved", "the bytes so far end before 50 s");
    assert.ok(r.night_ms < 50_000);
    r.push(csv.slice(30_000));
    r.end();
    assert.equal(r.runUntil(60_000), "reached");
    assert.throws(() => r.record(), /before the night ended/);
    assert.equal(r.runUntil(Infinity), "ended");
    assert.equal(rows, 80 * 50);
    assert.deepEqual(r.record().events, replay("p.csv", csv).events, "the same night as unpaced");
  });

});
