// The Node side of reading a recording: a file's bytes in chunks (a missing file, a directory or a
// device named in one line), the progress bar on a terminal (and nothing elsewhere), a CSV file's
// rows and columns, and the labels file beside a CSV recording (header `t_ms,duration_ms,label`,
// onsets on the board clock, put on the night's axis across the u32 wrap).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { InputError } from "../../host/inputError.js";
import { type CsvColumns, readCsvRecording } from "../../host/replay/csv.js";
import { fileChunks, fileSize } from "../../host/replay/fileChunks.js";
import { labelsOnNight, readLabelsCsv } from "../../host/replay/labelsCsv.js";
import { progressBar } from "../../host/replay/progress.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-files-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (text: string | Uint8Array) => { const f = join(dir, `f${n++}`); writeFileSync(f, text); return f; };

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof InputError, `expected an InputError, got ${err}`);
    return err.message;
  }
  assert.fail("accepted");
}

async function chunksOf(path: string, options?: { size?: number; progress?: boolean }): Promise<number[]> {
  const sizes: number[] = [];
  for await (const chunk of fileChunks(path, options)) sizes.push(chunk.length);
  return sizes;
}

describe("a recording file's bytes", () => {
  it("come in chunks of 64 KiB (a few thousand rows), the last one the rest, all bytes in order", async () => {
    const bytes = Uint8Array.from({ length: 3 * 65536 + 100 }, (_, i) => (i * 7) & 0xff);
    const path = file(bytes);
    assert.equal(await fileSize(path), bytes.length);
    assert.deepEqual(await chunksOf(path, { progress: false }), [65536, 65536, 65536, 100]);
    const back: number[] = [];
    for await (const chunk of fileChunks(path)) back.push(...chunk);
    assert.deepEqual(Uint8Array.from(back), bytes);
  });

  it("an empty file has no chunks; a missing file, a directory and a device are named in one line", async () => {
    assert.deepEqual(await chunksOf(file("")), []);
    const missing = join(dir, "none.csv");
    assert.equal(await refusal(() => fileSize(missing)), `${missing}: no such file`);
    assert.equal(await refusal(() => chunksOf(missing)), `${missing}: no such file`);
    assert.equal(await refusal(() => fileSize(dir)), `${dir}: is a directory, not a recording`);
    assert.equal(await refusal(() => fileSize("/dev/null")), "/dev/null: is not a regular file");
  });

  it("a file that cannot be opened for reading is named with the reason", { skip: process.getuid?.() === 0 ? "root reads every file" : false }, async () => {
    const path = file("t_ms\n");
    const { chmodSync } = await import("node:fs");
    chmodSync(path, 0o000);
    assert.equal(await refusal(() => chunksOf(path)), `${path}: cannot be read (permission denied)`);
  });
});

describe("the progress bar", () => {
  /** What the bar writes to stderr while `run` runs, stderr a terminal or not. */
  function stderrOf(tty: boolean, run: () => void): string {
    const err = process.stderr as NodeJS.WriteStream & { isTTY: boolean };
    const was = { tty: err.isTTY, write: err.write, columns: err.columns };
    let out = "";
    err.isTTY = tty;
    err.columns = 200;
    err.write = ((chunk: string | Uint8Array) => { out += chunk.toString(); return true; }) as typeof err.write;
    try {
      run();
    } finally {
      Object.assign(err, { isTTY: was.tty, write: was.write, columns: was.columns });
    }
    return out;
  }

  it("on a terminal: the label, the share done, done/total and the unit; never past the total", () => {
    const out = stderrOf(true, () => {
      const bar = progressBar("reading night.edf", 2000, "bytes");
      bar.update(500);
      bar.update(5000);
      bar.stop();
    });
    assert.match(out, /reading night\.edf \[/);
    assert.match(out, /0% · 0\/2000 bytes/);
    assert.match(out, /100% · 2000\/2000 bytes/, "5000 of 2000 shows as the whole");
    assert.doesNotMatch(out, /5000/);
  });

  it("nothing when stderr is not a terminal (pipes, CI), nor for an empty or unknown total; stop twice is harmless", () => {
    assert.equal(stderrOf(false, () => { const b = progressBar("x", 100, "bytes"); b.update(50); b.stop(); }), "");
    assert.equal(stderrOf(true, () => { const b = progressBar("x", 0, "bytes"); b.update(50); b.stop(); }), "");
    assert.equal(stderrOf(true, () => { const b = progressBar("x", Number.NaN, "bytes"); b.update(50); b.stop(); }), "");
    const after = stderrOf(true, () => {
      const b = progressBar("x", 100, "rows");
      b.stop();
      process.stderr.write("|");
      b.update(50);
      b.stop();
    });
    assert.doesNotMatch(after.slice(after.indexOf("|")), /50/, "an update after stop draws nothing");
  });
});

describe("a CSV recording file", () => {
  it("gives its rows with their line numbers, and tells its optional columns once, before the first row", async () => {
    const path = file("t_ms,ax_mg,ay_mg,az_mg,temp_cdeg\n0,1,2,3,3300\n20,4,5,6,\n");
    const seen: (CsvColumns | string)[] = [];
    for await (const row of readCsvRecording(path, (c) => seen.push(c), { progress: false })) seen.push(`row ${row.line}`);
    assert.equal(seen.length, 3);
    assert.deepEqual(seen.slice(1), ["row 2", "row 3"]);
    assert.equal((seen[0] as CsvColumns).temp, true);
    assert.equal((seen[0] as CsvColumns).button, false);
  });

  it("a header without rows tells its columns and gives no row", async () => {
    let told = 0;
    const rows = [];
    for await (const row of readCsvRecording(file("t_ms,ax_mg,ay_mg,az_mg\n"), () => { told++; })) rows.push(row);
    assert.deepEqual([told, rows.length], [1, 0]);
  });
});

describe("the labels file beside a CSV recording", () => {
  it("reads onsets on the board clock, durations and labels (spaces trimmed, empty lines skipped)", () => {
    const path = file("t_ms,duration_ms,label\n1000,500,LM\n\n 4294967295 , 86400000 , Sleep stage N2 \n0,0,Lights off\n");
    assert.deepEqual(readLabelsCsv(path), [
      { t_ms: 1000, duration_ms: 500, label: "LM" },
      { t_ms: 4294967295, duration_ms: 86_400_000, label: "Sleep stage N2" },
      { t_ms: 0, duration_ms: 0, label: "Lights off" },
    ]);
  });

  it("puts them on the night's axis from the first row's board clock, across the u32 wrap, in time order", () => {
    const clock0 = 2 ** 32 - 1000;
    assert.deepEqual(labelsOnNight([
      { t_ms: 500, duration_ms: 2000, label: "after the wrap" },
      { t_ms: clock0, duration_ms: 0, label: "at the start" },
      { t_ms: 2 ** 32 - 1, duration_ms: 600, label: "just before the wrap" },
    ], clock0), [
      { onset_ms: 0, duration_ms: 0, label: "at the start" },
      { onset_ms: 999, duration_ms: 600, label: "just before the wrap" },
      { onset_ms: 1500, duration_ms: 2000, label: "after the wrap" },
    ]);
  });

  it("refuses, naming file and line: a wrong header, a value that is not a whole number of ms in range, a row of the wrong width", () => {
    const bad = (text: string) => { const path = file(text); try { readLabelsCsv(path); } catch (err) { assert.ok(err instanceof InputError); return err.message.slice(path.length); } assert.fail(`accepted ${text}`); };
    assert.equal(bad("onset,duration,label\n1,2,LM\n"), ':1: the header must be t_ms,duration_ms,label, not "onset,duration,label"');
    assert.equal(bad(""), ':1: the header must be t_ms,duration_ms,label, not ""');
    assert.equal(bad("t_ms,duration_ms,label\n1,2,LM\n-5,2,LM\n"), ':3: t_ms is "-5", not a whole number of ms within 0…4294967295');
    assert.equal(bad("t_ms,duration_ms,label\n4294967296,2,LM\n"), ':2: t_ms is "4294967296", not a whole number of ms within 0…4294967295');
    assert.equal(bad("t_ms,duration_ms,label\n1,86400001,LM\n"), ':2: duration_ms is "86400001", not a whole number of ms within 0…86400000');
    assert.equal(bad("t_ms,duration_ms,label\n1,1.5,LM\n"), ':2: duration_ms is "1.5", not a whole number of ms within 0…86400000');
    assert.match(bad("t_ms,duration_ms,label\n1,2\n") ?? "", /^:2: not valid CSV \(/);
    assert.match(bad('t_ms,duration_ms,label\n1,2,"LM\n') ?? "", /^:\d+: not valid CSV \(/);
  });

  it("a missing labels file and a directory are named", () => {
    const missing = join(dir, "none.labels.csv");
    assert.throws(() => readLabelsCsv(missing), { message: `${missing}: no such file` });
    assert.throws(() => readLabelsCsv(dir), { message: `${dir}: is a directory` });
  });
});
