// Reads a recording in CSV from bytes it is handed, a chunk at a time, and gives its rows one at
// a time: platform-neutral (no Node API), so a web page replays a File with the same rules.
//
//   const reader = new CsvReader("night.csv");
//   reader.push(bytes);            // the file's next bytes, chunks of any size, in order
//   reader.next();                 // the next row, or null: more bytes are needed (or `done`)
//   reader.end();                  // no more bytes: the last line is complete
//
// The format: RFC 4180 text, one header row naming the columns `t_ms,ax_mg,ay_mg,az_mg` and
// optionally `temp_cdeg`, `button`, in any order, each once; a UTF-8 byte order mark before it
// is allowed (spreadsheets write one). Lines end in LF or CRLF; empty (or blank) lines are
// skipped but counted in line numbers; fields may be quoted ("…", "" for a quote) and have
// spaces or tabs around them. Every value is a whole number: t_ms the u32 board clock, the axes
// and the temperature i32, the button a level 0 or 1; an empty temp_cdeg or button is no value.
// t_ms strictly increases from row to row (modulo 2^32: a recording may cross the wrap): a
// forward gap is a dropout of samples, a repeat or a step back is an error. A record longer than
// MAX_RECORD_BYTES is refused, so a file without line ends never fills memory.
//
// Every refusal is an InputError naming the file and line, never guessed around. Memory: the
// chunk being read plus at most one incomplete record.

import { InputError, at } from "../inputError.js";

/** One row of a recording, as the board replays it (an EDF's rows have the same shape). */
export interface RecordingRow {
  /** Line in the file (1-based), for messages; an EDF's data record. */
  line: number;
  /** Board clock, u32 ms. */
  t_ms: number;
  ax_mg: number;
  ay_mg: number;
  az_mg: number;
  temp_cdeg?: number;
  button?: number;
}

/** The columns a file has beyond the required ones. */
export interface CsvColumns {
  temp: boolean;
  button: boolean;
}

export const CSV_REQUIRED = ["t_ms", "ax_mg", "ay_mg", "az_mg"] as const;
export const CSV_OPTIONAL = ["temp_cdeg", "button"] as const;

/** Longest record accepted, bytes (without its line end): a row of six i32 needs under 80. */
export const MAX_RECORD_BYTES = 4096;

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
const U32_MAX = 0xffffffff;

const LF = 10;
const CR = 13;
const COMMA = 44;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;
const PLUS = 43;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

const utf8 = new TextDecoder("utf-8");

/** Fields kept per record; a record with more is refused (the header has at most six). */
const MAX_FIELDS = 64;

export class CsvReader {
  /** The optional columns, known once the header is read. */
  columns: CsvColumns | null = null;
  /** Bytes not yet read: the rest of the chunk being read plus an incomplete record. */
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private ended = false;
  private finished = false;
  /** Line of the next byte at `pos` (1-based). */
  private line = 1;
  private atStart = true;
  /** Column index of each field, from the header: -1 for absent columns. */
  private colT = -1;
  private colX = -1;
  private colY = -1;
  private colZ = -1;
  private colTemp = -1;
  private colButton = -1;
  private fieldCount = 0;
  private prevT = -1;
  private prevLine = 0;
  // Fields of the record being read: byte ranges in buf, and whether quoted with "" inside.
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly escaped: boolean[] = [];

  /** `name` names the file in messages (a path, or a page's file name). */
  constructor(readonly name: string) {}

  /** The file's next bytes. The reader keeps them until its rows are taken. */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error("CsvReader.push after end()");
    const rest = this.buf.length - this.pos;
    if (rest === 0) {
      this.buf = chunk;
    } else {
      const joined = new Uint8Array(rest + chunk.length);
      joined.set(this.buf.subarray(this.pos), 0);
      joined.set(chunk, rest);
      this.buf = joined;
    }
    this.pos = 0;
  }

  /** The file has no more bytes. */
  end(): void {
    this.ended = true;
  }

  /** True once every row has been taken (after end()). */
  get done(): boolean {
    return this.finished;
  }

  /** Bytes held: the unread part of the chunk and an incomplete record (bounded memory). */
  get bufferedBytes(): number {
    return this.buf.length - this.pos;
  }

  /** The next row; null when the bytes so far are used up (push more, or end()) or the file is done. */
  next(): RecordingRow | null {
    while (!this.finished) {
      const count = this.record();
      if (count === -1) return null; // needs more bytes
      if (count === 0) continue;     // a blank line
      if (this.columns === null) {
        this.header(count);
        continue;
      }
      return this.row(count);
    }
    return null;
  }

  // ─── Records ────────────────────────────────────────────────────────────────────

  /**
   * Splits the record at `pos` into fields: their count, 0 for a blank line, -1 when the record
   * is not complete in the bytes so far (or the file has ended: then `done`).
   */
  private record(): number {
    const buf = this.buf;
    const n = buf.length;
    let p = this.pos;
    if (this.atStart) {
      if (n - p < 3 && !this.ended) return -1;
      if (buf[p] === 0xef && buf[p + 1] === 0xbb && buf[p + 2] === 0xbf) p += 3;
      this.pos = p;
      this.atStart = false;
    }
    if (p >= n) {
      if (this.ended) this.close();
      return -1;
    }
    // A record may have MAX_RECORD_BYTES bytes before its line end: its bytes are read up to `m`,
    // and reaching `end` (rather than the end of the bytes so far) makes it too long.
    const begin = p;
    const end = begin + MAX_RECORD_BYTES + 1;
    const m = n < end ? n : end;
    const cut = m === end;
    const line = this.line;
    let lines = 0; // line ends passed, inside quoted fields and at the end
    let count = 0;
    let blank = true;
    for (;;) {
      // One field: spaces or tabs, a quoted or an unquoted value, spaces or tabs.
      while (p < m && (buf[p] === SPACE || buf[p] === TAB)) p++;
      let s = p;
      let e: number;
      let esc = false;
      if (p < m && buf[p] === QUOTE) {
        blank = false;
        s = ++p;
        for (;;) {
          while (p < m && buf[p] !== QUOTE) {
            if (buf[p] === LF) lines++;
            p++;
          }
          if (p >= m) {
            if (cut) this.tooLong(line);
            if (!this.ended) return -1;
            throw new InputError(at(this.name, line), "not valid CSV (a quoted field is not closed)");
          }
          if (p + 1 >= n && !this.ended) return -1; // "" or the end?
          if (p + 1 < n && buf[p + 1] === QUOTE) {
            esc = true;
            p += 2;
            continue;
          }
          break;
        }
        e = p++;
        while (p < m && (buf[p] === SPACE || buf[p] === TAB)) p++;
      } else {
        while (p < m) {
          const c = buf[p];
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new InputError(at(this.name, line), "not valid CSV (a quote inside an unquoted field)");
          p++;
        }
        e = p;
        while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
        if (e > s) blank = false;
      }
      if (p >= m) {
        if (cut) this.tooLong(line);
        if (!this.ended) return -1;
      }
      if (count < MAX_FIELDS) {
        this.starts[count] = s;
        this.ends[count] = e;
        this.escaped[count] = esc;
      }
      count++;
      if (p >= n) break; // the file ends without a line end
      const c = buf[p];
      if (c === COMMA) {
        p++;
        blank = false;
        continue;
      }
      if (c === LF) {
        p++;
        lines++;
        break;
      }
      if (c === CR) {
        if (p + 1 >= n && !this.ended) return -1;
        if (p + 1 >= n || buf[p + 1] === LF) {
          p += p + 1 >= n ? 1 : 2;
          lines++;
          break;
        }
        throw new InputError(at(this.name, line), "not valid CSV (a CR without LF: lines end in LF or CRLF)");
      }
      throw new InputError(at(this.name, line), "not valid CSV (characters after a closing quote)");
    }
    this.pos = p;
    this.line += lines;
    if (blank && count === 1) return 0;
    this.recordLine = line;
    return count;
  }

  /** Line of the record just split. */
  private recordLine = 0;

  private tooLong(line: number): never {
    throw new InputError(at(this.name, line), `a line longer than ${MAX_RECORD_BYTES} bytes: not a recording's CSV`);
  }

  private close(): void {
    this.finished = true;
    if (this.columns === null) throw new InputError(at(this.name, 1), "empty file: no header row");
  }

  /** The text of field i (quotes removed, "" as one quote), for names and messages. */
  private text(i: number): string {
    const t = utf8.decode(this.buf.subarray(this.starts[i], this.ends[i]));
    return this.escaped[i] ? t.replace(/""/g, '"') : t;
  }

  // ─── Header ─────────────────────────────────────────────────────────────────────

  private header(count: number): void {
    const where = at(this.name, this.recordLine);
    const index = new Map<string, number>();
    // A header of more than seven fields names an unknown column (or one twice) among them.
    for (let i = 0; i < Math.min(count, MAX_FIELDS); i++) {
      const name = this.text(i);
      if (index.has(name)) throw new InputError(where, `column ${JSON.stringify(name)} appears twice`);
      index.set(name, i);
    }
    for (const name of CSV_REQUIRED) {
      if (!index.has(name)) throw new InputError(where, `header lacks column ${name} (need ${CSV_REQUIRED.join(",")})`);
    }
    for (const name of index.keys()) {
      if (!(CSV_REQUIRED as readonly string[]).includes(name) && !(CSV_OPTIONAL as readonly string[]).includes(name)) {
        throw new InputError(where, `unknown column ${JSON.stringify(name)}`);
      }
    }
    this.fieldCount = count;
    this.colT = index.get("t_ms")!;
    this.colX = index.get("ax_mg")!;
    this.colY = index.get("ay_mg")!;
    this.colZ = index.get("az_mg")!;
    this.colTemp = index.get("temp_cdeg") ?? -1;
    this.colButton = index.get("button") ?? -1;
    this.columns = { temp: this.colTemp >= 0, button: this.colButton >= 0 };
  }

  // ─── Rows ───────────────────────────────────────────────────────────────────────

  private row(count: number): RecordingRow {
    const line = this.recordLine;
    if (count !== this.fieldCount) {
      throw new InputError(at(this.name, line), `not valid CSV (${count} field${count === 1 ? "" : "s"}, the header has ${this.fieldCount})`);
    }
    const t_ms = this.integer(this.colT, "t_ms", line, 0, U32_MAX);
    if (this.prevLine > 0) {
      const step = (t_ms - this.prevT) >>> 0;
      if (step === 0) {
        throw new InputError(at(this.name, line), `t_ms ${t_ms} repeats the time of the row before (line ${this.prevLine}): time must increase`);
      }
      if (step >= 0x80000000) {
        throw new InputError(at(this.name, line), `t_ms ${t_ms} is before the row before (line ${this.prevLine}, t_ms ${this.prevT}): time must increase`);
      }
    }
    this.prevT = t_ms;
    this.prevLine = line;
    const row: RecordingRow = {
      line,
      t_ms,
      ax_mg: this.integer(this.colX, "ax_mg", line, I32_MIN, I32_MAX),
      ay_mg: this.integer(this.colY, "ay_mg", line, I32_MIN, I32_MAX),
      az_mg: this.integer(this.colZ, "az_mg", line, I32_MIN, I32_MAX),
    };
    if (this.colTemp >= 0 && this.ends[this.colTemp] > this.starts[this.colTemp]) row.temp_cdeg = this.integer(this.colTemp, "temp_cdeg", line, I32_MIN, I32_MAX);
    if (this.colButton >= 0 && this.ends[this.colButton] > this.starts[this.colButton]) row.button = this.integer(this.colButton, "button", line, 0, 1);
    return row;
  }

  /** Field i as a whole number within its column's range: [+-]digits, nothing else. */
  private integer(i: number, column: string, line: number, min: number, max: number): number {
    const buf = this.buf;
    let p = this.starts[i];
    const e = this.ends[i];
    let negative = false;
    if (p < e && (buf[p] === PLUS || buf[p] === MINUS)) negative = buf[p++] === MINUS;
    let value = 0;
    if (p === e || this.escaped[i]) return this.notWhole(i, column, line);
    for (; p < e; p++) {
      const c = buf[p];
      if (c < ZERO || c > NINE) return this.notWhole(i, column, line);
      value = value * 10 + (c - ZERO);
    }
    if (negative) value = -value;
    if (value < min || value > max) {
      throw new InputError(at(this.name, line), `${column} = ${this.text(i)} is outside ${min}…${max}`);
    }
    return value === 0 ? 0 : value; // no -0
  }

  private notWhole(i: number, column: string, line: number): never {
    throw new InputError(at(this.name, line), `${column} is ${JSON.stringify(this.text(i))}, not a whole number`);
  }
}
