// The platform-neutral CSV reader (host/replay/csvReader.ts) as a web page or the command line
// uses it: bytes pushed in chunks of any size, rows pulled one at a time. Its rules from RFC 4180
// and the recording's contract (t_ms a u32 board clock that strictly increases, modulo 2^32). The
// memory it holds on a long stream: streamingMemory.test.ts.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../host/inputError.js";
import { CsvReader, MAX_RECORD_BYTES, type RecordingRow } from "../../host/replay/csvReader.js";

const bytes = (text: string) => new TextEncoder().encode(text);

/** Every row of `text` pushed in chunks of `size` bytes (0: all at once). */
function rowsOf(text: string | Uint8Array, size = 0): RecordingRow[] {
  const data = typeof text === "string" ? bytes(text) : text;
  const reader = new CsvReader("rec.csv");
  const rows: RecordingRow[] = [];
  const take = () => { for (let row = reader.next(); row !== null; row = reader.next()) rows.push(row); };
  for (let i = 0; i < data.length; i += size || data.length) {
    reader.push(data.slice(i, i + (size || data.length)));
    take();
  }
  reader.end();
  take();
  assert.ok(reader.done);
  return rows;
}

function refusal(text: string | Uint8Array, size = 0): string {
  try {
    rowsOf(text, size);
  } catch (err) {
    assert.ok(err instanceof InputError, `expected an InputError, got ${err}`);
    return err.message;
  }
  assert.fail(`accepted: ${JSON.stringify(text.toString())}`);
}

const HEAD = "t_ms,ax_mg,ay_mg,az_mg";

describe("CSV reader: bytes in chunks of any size", () => {
  it("gives the same rows wherever the chunks split the file: inside a number, a CRLF, a quoted field, the byte order mark", () => {
    const text = `\uFEFF${HEAD},temp_cdeg,button\r\n0,1,-2,1000,3300,\r\n\r\n"20", 3 ,"-4",999,,1\r\n40,5,6,1001,,\n`;
    const whole = rowsOf(text);
    assert.deepEqual(whole, [
      { line: 2, t_ms: 0, ax_mg: 1, ay_mg: -2, az_mg: 1000, temp_cdeg: 3300 },
      { line: 4, t_ms: 20, ax_mg: 3, ay_mg: -4, az_mg: 999, button: 1 },
      { line: 5, t_ms: 40, ax_mg: 5, ay_mg: 6, az_mg: 1001 },
    ]);
    for (let size = 1; size <= 9; size++) assert.deepEqual(rowsOf(text, size), whole, `chunks of ${size} bytes`);
  });

  it("the last line may lack its line end, also after a quoted field or a CR", () => {
    assert.deepEqual(rowsOf(`${HEAD}\n0,1,2,3`).map((r) => r.az_mg), [3]);
    assert.deepEqual(rowsOf(`${HEAD}\n0,1,2,"3"`).map((r) => r.az_mg), [3]);
    assert.deepEqual(rowsOf(`${HEAD}\r\n0,1,2,3\r`).map((r) => r.az_mg), [3]);
  });

  it("a line of spaces is blank; a quoted line break counts in line numbers", () => {
    const rows = rowsOf(`${HEAD}\n  \t \n0,1,2,3\n20,"1\n",2,3\n`.replace('"1\n"', '"1"') + `40,1,"2",3\n`);
    assert.deepEqual(rows.map((r) => r.line), [3, 4, 5]);
    assert.equal(refusal(`${HEAD}\n0,"x\ny",2,3\n20,1,2,3\n`), 'rec.csv:2: ax_mg is "x\\ny", not a whole number');
  });

});

describe("CSV reader: time strictly increases (a gap is a dropout, a repeat or a step back an error)", () => {
  it("a gap of any length forward is accepted; the same time twice is refused at the second row", () => {
    assert.equal(rowsOf(`${HEAD}\n0,1,2,3\n20,1,2,3\n3600020,1,2,3\n`).length, 3);
    assert.equal(refusal(`${HEAD}\n0,1,2,3\n20,1,2,3\n\n20,1,2,3\n`), "rec.csv:5: t_ms 20 repeats the time of the row before (line 3): time must increase");
  });

  it("a step back of 1 ms is refused; a step of 2^31 ms, half the clock's range, is one back, 2^31 - 1 one forward", () => {
    assert.equal(refusal(`${HEAD}\n0,1,2,3\n20,1,2,3\n19,1,2,3\n`), "rec.csv:4: t_ms 19 is before the row before (line 3, t_ms 20): time must increase");
    assert.equal(refusal(`${HEAD}\n0,1,2,3\n2147483648,1,2,3\n`), "rec.csv:3: t_ms 2147483648 is before the row before (line 2, t_ms 0): time must increase");
    assert.equal(rowsOf(`${HEAD}\n0,1,2,3\n2147483647,1,2,3\n`).length, 2);
  });

  it("the u32 clock wraps: 4294967295 then 0 and 10 is forward", () => {
    assert.deepEqual(rowsOf(`${HEAD}\n4294967285,1,2,3\n4294967295,1,2,3\n9,1,2,3\n`).map((r) => r.t_ms), [4294967285, 4294967295, 9]);
  });
});

describe("CSV reader: what is not a recording's CSV", () => {
  it("quotes in the wrong place, an unclosed quote, a CR without LF", () => {
    assert.equal(refusal(`${HEAD}\n0,1,2"3",4\n`), "rec.csv:2: not valid CSV (a quote inside an unquoted field)");
    assert.equal(refusal(`${HEAD}\n0,1,"2"3,4\n`), "rec.csv:2: not valid CSV (characters after a closing quote)");
    assert.equal(refusal(`${HEAD}\n0,1,2,"3\n`), "rec.csv:2: not valid CSV (a quoted field is not closed)");
    assert.equal(refusal(`${HEAD}\r0,1,2,3\r`), "rec.csv:1: not valid CSV (a CR without LF: lines end in LF or CRLF)");
  });

  it("a record longer than MAX_RECORD_BYTES is refused at its line, whether the file ends or not", () => {
    const long = "1".repeat(MAX_RECORD_BYTES);
    assert.equal(refusal(`${HEAD}\n0,1,2,${long}\n`), `rec.csv:2: a line longer than ${MAX_RECORD_BYTES} bytes: not a recording's CSV`);
    assert.equal(refusal(`${HEAD}\n0,1,2,${long}`, 100), `rec.csv:2: a line longer than ${MAX_RECORD_BYTES} bytes: not a recording's CSV`);
    assert.equal(refusal(`${HEAD}\n0,1,2,"${long}"`, 100), `rec.csv:2: a line longer than ${MAX_RECORD_BYTES} bytes: not a recording's CSV`);
    // Exactly MAX_RECORD_BYTES before the line end is a record (its number is then out of range), in any chunks.
    const most = `0,1,2,${"1".repeat(MAX_RECORD_BYTES - 6)}`;
    for (const ending of ["\n", "\r\n", ""]) {
      for (const size of [0, 7, 4096]) {
        assert.match(refusal(`${HEAD}\n${most}${ending}`, size), /^rec\.csv:2: az_mg = 1{4090} is outside/, JSON.stringify(ending));
        assert.equal(refusal(`${HEAD}\n${most}1${ending}`, size), `rec.csv:2: a line longer than ${MAX_RECORD_BYTES} bytes: not a recording's CSV`);
      }
    }
  });

  it("a header of many columns names the first unknown one", () => {
    const head = `${HEAD},${Array.from({ length: 100 }, (_, i) => `c${i}`).join(",")}`;
    assert.equal(refusal(`${head}\n`), 'rec.csv:1: unknown column "c0"');
  });

  it("numbers: a leading zero and a sign are fine, a quoted \"\" or a huge number is not", () => {
    assert.deepEqual(rowsOf(`${HEAD}\n0000000000000000020,+1,-0,3\n`)[0], { line: 2, t_ms: 20, ax_mg: 1, ay_mg: 0, az_mg: 3 });
    assert.equal(refusal(`${HEAD}\n0,1,"2""",3\n`), 'rec.csv:2: ay_mg is "2\\"", not a whole number');
    assert.equal(refusal(`${HEAD}\n99999999999999999999999,1,2,3\n`), "rec.csv:2: t_ms = 99999999999999999999999 is outside 0…4294967295");
  });
});
