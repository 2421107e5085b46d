// An EDF header is checked against itself and against the file (EDF spec; EDF+ 2.1 and 2.2):
// the file is exactly the header plus the data records it declares, a record lasts a plausible
// time (1e9 s and 1e-9 s are refused at once, not replayed for ever), the reserved field says
// EDF+C or EDF+D or nothing of EDF+, EDF+C records follow each other without gaps, the start date
// is a date, an accelerometer channel is sampled at 1 Hz or faster. Field offsets come from the
// spec's header layout (fixed fields at 0, 8, 88, 168, 176, 184, 192, 236, 244, 252).

import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { InputError } from "../../host/inputError.js";
import { parseTals, readEdfHeader, readEdfRecording } from "../../host/replay/edf.js";
import { type EdfWriteChannel, type EdfWriteOptions, writeEdf } from "../../host/replay/edfWrite.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-edfchecks-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const FIELD = { recording: [88, 80], start_date: [168, 8], start_time: [176, 8], reserved: [192, 44], records: [236, 8], duration: [244, 8] } as const;

function setField(file: string, field: keyof typeof FIELD, text: string): void {
  const [at, width] = FIELD[field];
  const b = readFileSync(file);
  b.write(text.padEnd(width, " "), at, width, "latin1");
  writeFileSync(file, b);
}

const acc = (label: string, samples_per_record = 50): EdfWriteChannel =>
  ({ label, unit: "g", physical_min: -8, physical_max: 8, samples_per_record, value: (t) => (label === "AccZ" ? 1 : 0.1 * Math.sin(t)) });

function edf(options: Partial<EdfWriteOptions> = {}): string {
  const file = join(dir, `f${n++}.edf`);
  writeEdf(file, { kind: "EDF", records: 4, record_duration_s: 1, channels: [acc("AccX"), acc("AccY"), acc("AccZ")], ...options });
  return file;
}

async function rows(file: string): Promise<number> {
  let count = 0;
  for await (const _ of readEdfRecording(file, { sample_hz: 50, progress: false })) count++;
  return count;
}

async function refusal(file: string): Promise<string> {
  try {
    await rows(file);
  } catch (err) {
    assert.ok(err instanceof InputError, `expected an InputError, got ${err}`);
    return err.message.replace(file, "f.edf");
  }
  assert.fail("accepted");
}

describe("EDF header against the file", () => {
  it("bytes after the last declared data record are refused: the record count or the samples per record lie", async () => {
    const file = edf();
    const header = await readEdfHeader(file);
    assert.equal(header.record_bytes, 300);
    appendFileSync(file, Buffer.alloc(1));
    assert.equal(await refusal(file), `f.edf, byte ${1024 + 4 * 300}: 1 byte after the last of the 4 data records of 300 bytes the header promises: ` +
      "its number of data records or samples per record disagree with the file");
    // Records of 100 samples a channel, a header saying 50: twice the bytes the header accounts for.
    const twice = edf({ channels: [acc("AccX", 100), acc("AccY", 100), acc("AccZ", 100)] });
    const b = readFileSync(twice);
    for (let i = 0; i < 3; i++) b.write("50".padEnd(8), 256 + 3 * 216 + 8 * i, 8, "latin1");
    writeFileSync(twice, b);
    assert.match(await refusal(twice), /^f\.edf, byte 2224: 1200 bytes after the last of the 4 data records of 300 bytes/);
  });

  it("a data record lasts 1 ms to 1 h: 1e9 s and 1e-9 s are refused at once, the limits accepted", async () => {
    const file = edf();
    for (const [bad, shown] of [["1e9", "1e9"], ["1e-9", "1e-9"], ["0.0009", "0.0009"], ["3600.01", "3600.01"]]) {
      setField(file, "duration", bad);
      assert.equal(await refusal(file), `f.edf, byte 244 (data record duration): ${shown} s is outside 0.001…3600 s`);
    }
    // 50 samples a record: at 3600 s a record that is 0.014 Hz, too slow for an accelerometer; at 0.001 s 50 kHz.
    setField(file, "duration", "0.001");
    assert.equal((await readEdfHeader(file)).record_duration_ms, 1);
    assert.equal(await rows(file), 1, "4 records of 1 ms: one 50 Hz row at 0 ms");
    setField(file, "duration", "3600");
    assert.equal((await readEdfHeader(file)).record_duration_ms, 3_600_000);
    assert.equal(await refusal(file), 'f.edf, byte 904 (samples per record of signal 1 "AccX"): 50 per 3600 s record is 0.013888888888888888 Hz, below the 1 Hz an accelerometer needs');
  });

  it("an accelerometer channel is sampled at 1 Hz or faster", async () => {
    const slow = edf({ record_duration_s: 2, channels: [acc("AccX", 2), acc("AccY", 2), acc("AccZ", 2)] });
    assert.equal(await rows(slow), 351, "1 Hz: rows up to the last sample at 7 s");
    const slower = edf({ record_duration_s: 2, channels: [acc("AccX", 2), acc("AccY", 1), acc("AccZ", 2)] });
    assert.equal(await refusal(slower), 'f.edf, byte 912 (samples per record of signal 2 "AccY"): 1 per 2 s record is 0.5 Hz, below the 1 Hz an accelerometer needs');
  });

  it("a data record of more than 16 MiB is refused before anything is read", async () => {
    const file = edf();
    const b = readFileSync(file);
    for (let i = 0; i < 3; i++) b.write("3000000".padEnd(8), 256 + 3 * 216 + 8 * i, 8, "latin1");
    writeFileSync(file, b);
    assert.equal(await refusal(file), 'f.edf, byte 920 (samples per record of signal 3 "AccZ"): data records of more than 16777216 bytes (16 MiB) are not read');
  });

  it("the reserved field: EDF+C, EDF+D or nothing of EDF+", async () => {
    const file = edf({ kind: "EDF+C" });
    setField(file, "reserved", "EDF+X");
    assert.equal(await refusal(file), 'f.edf, byte 192 (reserved): "EDF+X" is neither EDF+C nor EDF+D');
    setField(file, "reserved", "EDF+");
    assert.equal(await refusal(file), 'f.edf, byte 192 (reserved): "EDF+" is neither EDF+C nor EDF+D');
    setField(file, "reserved", "EDF+D");
    assert.equal(await rows(file), 200);
  });

  it("EDF+C records follow each other: a record 2 ms late is a gap EDF+C cannot have; EDF+D can", async () => {
    const late = (kind: "EDF+C" | "EDF+D") => edf({ kind, record_start_s: (r) => r + (r >= 2 ? 0.002 : 0) });
    assert.equal(await refusal(late("EDF+C")), `f.edf, data record 3 (byte ${1280 + 2 * (300 + 512)}): starts at 2.002 s, after the previous record ended (2 s): a gap in EDF+C (continuous)`);
    assert.equal(await rows(late("EDF+D")), 199, "EDF+D: the rows resume after the gap, one fewer");
    const onTime = edf({ kind: "EDF+C", record_start_s: (r) => r + (r >= 2 ? 0.001 : 0) });
    assert.equal(await rows(onTime), 200, "within 1 ms (TAL onsets are rounded to the ms): continuous");
  });
});

describe("EDF+ time-keeping (EDF+ 2.2.4)", () => {
  it("a time-keeping TAL is one whose first annotation is empty; an event after it in the same TAL is an annotation", () => {
    const tals = parseTals(new TextEncoder().encode("+3456.789\x14\x14R-wave\x14\x00+1\x14LM\x14\x00"), "f.edf");
    assert.deepEqual(tals.map((t) => [t.timekeeping, t.texts]), [[true, ["R-wave"]], [false, ["LM"]]]);
    assert.equal(parseTals(new TextEncoder().encode("+0\x14\x00"), "f.edf")[0].timekeeping, false, "no annotation at all is not an empty one");
  });

  it("a record may not start before the file's start time", async () => {
    const file = edf({ kind: "EDF+C", record_start_s: (r) => r - 0.5 });
    assert.equal(await refusal(file), "f.edf, data record 1 (byte 1280): starts at -0.5 s, before the file's start time");
  });
});

describe("EDF start date", () => {
  it("a date that is not one is refused (dd.mm.yy, years 85–99 in 1900s, 00–84 in 2000s)", async () => {
    const file = edf();
    for (const ok of ["29.02.00", "29.02.84", "31.12.85"]) {
      setField(file, "start_date", ok);
      assert.equal((await readEdfHeader(file)).start_date, ok);
    }
    for (const bad of ["32.01.20", "29.02.21", "29.02.85", "00.01.20", "01.13.20", "1.1.20", "17-05-20", ""]) {
      setField(file, "start_date", bad);
      assert.equal(await refusal(file), `f.edf, byte 168 (start date): ${JSON.stringify(bad.padEnd(8))} is not dd.mm.yy`);
    }
  });
});
