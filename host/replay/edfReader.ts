// Reads EDF and EDF+ recordings (the polysomnography standard, https://www.edfplus.info) from
// bytes it is handed, a chunk at a time, and gives rows one at a time in the shape of the CSV
// reader's: platform-neutral (no Node API), so a web page replays a File with the same rules.
//
//   const reader = new EdfReader("psg.edf", file.size, { sample_hz: 50 });
//   reader.push(bytes);            // the file's next bytes, chunks of any size, in order
//   reader.next();                 // the next row, or null: more bytes are needed (or `done`)
//   reader.end();                  // no more bytes
//   reader.header, reader.info     // once the header is read; info.annotations complete when done
//
//   Header: every field checked against the others and against the file's size (which must be
//   exactly the header plus the data records it declares; -1 records: counted from the size).
//   Data record duration 1 ms … 1 h, at most MAX_RECORD_BYTES per record, start date and time
//   valid, EDF+C/EDF+D told by the reserved field (anything else starting "EDF+" is refused).
//   Channels: chosen by label (--channels "AccX,AccY,AccZ"; one label for a 1-axis sensor, which
//   goes to x with y = z = 0). Without a choice, the channels whose unit is an acceleration are
//   used: those labelled …X, …Y, …Z in that order, or the only one there is. Each chosen channel
//   is sampled at 1 Hz or faster.
//   Units: digital → physical with the header's digital/physical min/max, then to mg from the
//   physical dimension: "g" ×1000, "mg" ×1, "m/s2" / "m/s^2" / "m/s²" ×1000/9.80665. Rounded to
//   whole mg.
//   Resampling: every channel is interpolated linearly between its two neighbouring samples at
//   the times k / sample_hz from the header's start time (no anti-alias filter: a sensor sampled
//   faster than the firmware's rate is thinned, not low-passed). Rows end at the last time every
//   channel has a sample for. EDF+D (discontinuous) records are placed at their own start times;
//   nothing is interpolated across a gap, and the rows jump over it (the board sees a clock jump).
//   EDF+C records follow each other without gaps (each starts where the one before ended).
//   Time: `info.first_ms` is the first row's time after the header's start (hh.mm.ss); in EDF+
//   the first record's time-keeping annotation may start the recording a fraction of a second
//   later (EDF+ 2.2.4).
//   Annotations (EDF+ "EDF Annotations" signals, TALs): every annotation text becomes a
//   LabelledMovement (onset from the first row, duration 0 when not given); the per-record time-
//   keeping TALs are not annotations.
// Bad files are InputErrors naming the file and the byte offset or data record.

import { InputError } from "../inputError.js";
import type { LabelledMovement } from "../record.js";
import type { RecordingRow } from "./csvReader.js";

export const ANNOTATION_LABEL = "EDF Annotations";
const G_MS2 = 9.80665;

/** Plausible data record durations, s: a record is placed on the board's ms clock, and EDF+ recommends 1 s. */
export const RECORD_DURATION_S = [0.001, 3600] as const;
/** Largest data record read, bytes: one record is held in memory at a time. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** Lowest plausible rate of an accelerometer channel, Hz: slower cannot show a leg movement (0.5–10 s). */
export const MIN_ACCEL_RATE_HZ = 1;

export interface EdfSignal {
  index: number;
  label: string;
  transducer: string;
  /** Physical dimension as written, e.g. "g", "mg", "m/s2", "uV". */
  unit: string;
  physical_min: number;
  physical_max: number;
  digital_min: number;
  digital_max: number;
  prefiltering: string;
  samples_per_record: number;
  /** Offset of this signal's samples within a data record, bytes. */
  offset_in_record: number;
  /** Samples per second. */
  rate_hz: number;
  annotation: boolean;
}

export interface EdfHeader {
  file: string;
  /** "EDF+C", "EDF+D", or "" for plain EDF. */
  kind: "" | "EDF+C" | "EDF+D";
  patient: string;
  recording: string;
  /** "dd.mm.yy" and "hh.mm.ss" as written. */
  start_date: string;
  start_time: string;
  /** Time of day of the header's start, seconds after midnight (23:59:60, a leap second, is 86400). */
  start_s_of_day: number;
  header_bytes: number;
  /** Data records in the file (counted from its size when the header says -1). */
  records: number;
  record_duration_ms: number;
  record_bytes: number;
  signals: EdfSignal[];
}

export interface EdfInfo {
  header: EdfHeader;
  /** The channels used for x, y, z (one or three, or two: z = 0). */
  channels: EdfSignal[];
  sample_hz: number;
  /** EDF+ annotations; filled while the rows stream, complete once the reader is done. */
  annotations: LabelledMovement[];
  /** Time of the first row after the header's start time, ms (null before it). */
  first_ms: number | null;
  /** Rows and data records so far. */
  rows: number;
  records_read: number;
}

export interface EdfReadOptions {
  /** Labels of the channels for x, y, z (1–3). Default: the acceleration channels. */
  channels?: string[];
  /** Rate of the rows, Hz (the firmware's SAMPLE_HZ). */
  sample_hz: number;
  /** Board clock of the first row, u32 ms (default 0). */
  clock0?: number;
  /** Read the annotations only: no channels are chosen and no rows given. */
  annotationsOnly?: boolean;
}

// ─── Bytes ─────────────────────────────────────────────────────────────────────

function latin1(bytes: Uint8Array, start: number, length: number): string {
  let s = "";
  for (let i = start; i < start + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

const utf8 = new TextDecoder("utf-8");

/** The chunks pushed and not yet taken, read from the front. */
class ByteQueue {
  private chunks: Uint8Array[] = [];
  private offset = 0;
  available = 0;
  /** Bytes taken so far: the file offset of the next byte. */
  position = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.available += chunk.length;
  }

  /** Copies the next `n` bytes into `into` (from 0) and drops them; `available` must be ≥ n. */
  take(n: number, into: Uint8Array): Uint8Array {
    let done = 0;
    while (done < n) {
      const chunk = this.chunks[0];
      const k = Math.min(n - done, chunk.length - this.offset);
      into.set(chunk.subarray(this.offset, this.offset + k), done);
      done += k;
      this.offset += k;
      if (this.offset === chunk.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.available -= n;
    this.position += n;
    return into;
  }
}

// ─── Header ────────────────────────────────────────────────────────────────────

const FIELDS = [
  ["version", 8], ["patient", 80], ["recording", 80], ["start_date", 8], ["start_time", 8], ["header_bytes", 8],
  ["reserved", 44], ["records", 8], ["record_duration", 8], ["signals", 4],
] as const;

const SIGNAL_FIELDS = [
  ["label", 16], ["transducer", 80], ["unit", 8], ["physical_min", 8], ["physical_max", 8], ["digital_min", 8],
  ["digital_max", 8], ["prefiltering", 80], ["samples_per_record", 8], ["reserved", 32],
] as const;

/** Whether day.month.year is a day of the calendar. */
function isDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The fixed 256 bytes: the fields every EDF has, checked on their own and against the file's size. */
interface FixedHeader {
  ns: number;
  header_bytes: number;
  declared_records: number;
  duration_s: number;
  kind: EdfHeader["kind"];
  fields: Record<string, { text: string; at: number }>;
  start_s_of_day: number;
}

function parseFixed(file: string, fixed: Uint8Array, size: number): FixedHeader {
  const where = (byte: number, what: string) => `${file}, byte ${byte} (${what})`;
  if (fixed.length < 256) throw new InputError(`${file}, byte ${fixed.length}`, `not an EDF file: the header is cut off (${size} bytes, need at least 256)`);
  if (fixed[0] === 0xff) throw new InputError(where(0, "version"), "a BDF (24-bit) file: only EDF and EDF+ (16-bit) are read");
  const field: Record<string, { text: string; at: number }> = {};
  let at = 0;
  for (const [name, len] of FIELDS) {
    field[name] = { text: latin1(fixed, at, len), at };
    at += len;
  }
  if (field.version.text.trim() !== "0") {
    throw new InputError(where(0, "version"), `not an EDF file: version is ${JSON.stringify(field.version.text.trim())}, not "0"`);
  }
  const int = (name: string, what: string, min: number): number => {
    const { text, at } = field[name];
    if (!/^\s*[-+]?\d+\s*$/.test(text)) throw new InputError(where(at, what), `${JSON.stringify(text.trim())} is not a whole number`);
    const value = Number(text);
    if (value < min) throw new InputError(where(at, what), `${value} is below ${min}`);
    return value;
  };
  const ns = int("signals", "number of signals", 1);
  const headerBytes = int("header_bytes", "header size", 0);
  if (headerBytes !== 256 * (ns + 1)) {
    throw new InputError(where(field.header_bytes.at, "header size"), `says ${headerBytes} bytes, but ${ns} signals need ${256 * (ns + 1)}`);
  }
  const declaredRecords = int("records", "number of data records", -1);
  const durText = field.record_duration.text.trim();
  const duration_s = Number(durText);
  if (durText === "" || !Number.isFinite(duration_s) || duration_s <= 0) {
    throw new InputError(where(field.record_duration.at, "data record duration"), `${JSON.stringify(durText)} is not a positive number of seconds`);
  }
  if (duration_s < RECORD_DURATION_S[0] || duration_s > RECORD_DURATION_S[1]) {
    throw new InputError(where(field.record_duration.at, "data record duration"),
      `${durText} s is outside ${RECORD_DURATION_S[0]}…${RECORD_DURATION_S[1]} s`);
  }
  const reserved = field.reserved.text; // "EDF+C" or "EDF+D" at its start (EDF+ 2.1.1), as EDFlib reads it
  const kind = reserved.startsWith("EDF+D") ? "EDF+D" : reserved.startsWith("EDF+C") ? "EDF+C" : "";
  if (kind === "" && reserved.startsWith("EDF+")) {
    throw new InputError(where(field.reserved.at, "reserved"), `${JSON.stringify(reserved.slice(0, 5).trim())} is neither EDF+C nor EDF+D`);
  }
  const startTime = field.start_time.text;
  const tm = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(startTime);
  if (!tm || Number(tm[1]) > 23 || Number(tm[2]) > 59 || Number(tm[3]) > 60) {
    throw new InputError(where(field.start_time.at, "start time"), `${JSON.stringify(startTime)} is not hh.mm.ss`);
  }
  const startDate = field.start_date.text;
  const dm = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(startDate.trim());
  // EDF: yy 85–99 is 19yy, 00–84 is 20yy (the clipping date 1985).
  // (What the date means, with EDF+'s four-digit year, is edfIdentity.ts's; here: that it is one.)
  const yy = dm ? Number(dm[3]) : 0;
  if (!dm || !isDate(yy >= 85 ? 1900 + yy : 2000 + yy, Number(dm[2]), Number(dm[1]))) {
    throw new InputError(where(field.start_date.at, "start date"), `${JSON.stringify(startDate)} is not dd.mm.yy`);
  }
  return {
    ns, header_bytes: headerBytes, declared_records: declaredRecords, duration_s, kind, fields: field,
    start_s_of_day: Number(tm[1]) * 3600 + Number(tm[2]) * 60 + Number(tm[3]),
  };
}

function parseSignals(file: string, fixed: FixedHeader, block: Uint8Array, size: number): EdfHeader {
  const { ns, duration_s } = fixed;
  const where = (byte: number, what: string) => `${file}, byte ${byte} (${what})`;
  const signals: EdfSignal[] = [];
  let offset = 0;
  let fieldStart = 0;
  const columns: Record<string, { texts: string[]; at: number }> = {};
  for (const [name, len] of SIGNAL_FIELDS) {
    columns[name] = { texts: Array.from({ length: ns }, (_, i) => latin1(block, fieldStart + i * len, len)), at: 256 + fieldStart };
    fieldStart += len * ns;
  }
  const len = Object.fromEntries(SIGNAL_FIELDS) as Record<string, number>;
  for (let i = 0; i < ns; i++) {
    const label = columns.label.texts[i].trim();
    const byte = (name: string) => columns[name].at + i * len[name];
    const what = (name: string) => `${name.replace(/_/g, " ")} of signal ${i + 1} ${JSON.stringify(label)}`;
    const num = (name: string, integer: boolean): number => {
      const text = columns[name].texts[i].trim();
      const ok = integer ? /^[-+]?\d+$/.test(text) : text !== "" && Number.isFinite(Number(text));
      if (!ok) throw new InputError(where(byte(name), what(name)), `${JSON.stringify(text)} is not a ${integer ? "whole " : ""}number`);
      return Number(text);
    };
    const annotation = label === ANNOTATION_LABEL;
    const signal: EdfSignal = {
      index: i,
      label,
      transducer: columns.transducer.texts[i].trim(),
      unit: columns.unit.texts[i].trim(),
      physical_min: num("physical_min", false),
      physical_max: num("physical_max", false),
      digital_min: num("digital_min", true),
      digital_max: num("digital_max", true),
      prefiltering: columns.prefiltering.texts[i].trim(),
      samples_per_record: num("samples_per_record", true),
      offset_in_record: offset,
      rate_hz: 0,
      annotation,
    };
    if (signal.samples_per_record < 1) throw new InputError(where(byte("samples_per_record"), what("samples_per_record")), `${signal.samples_per_record} must be at least 1`);
    if (!annotation) {
      if (signal.digital_max <= signal.digital_min) {
        throw new InputError(where(byte("digital_max"), what("digital_max")), `digital max ${signal.digital_max} is not above digital min ${signal.digital_min}`);
      }
      if (signal.digital_min < -32768 || signal.digital_max > 32767) {
        throw new InputError(where(byte("digital_min"), what("digital_min")), `digital range ${signal.digital_min}…${signal.digital_max} does not fit 16 bits`);
      }
      if (signal.physical_max === signal.physical_min) {
        throw new InputError(where(byte("physical_max"), what("physical_max")), "physical max equals physical min");
      }
    }
    signal.rate_hz = signal.samples_per_record / duration_s;
    offset += 2 * signal.samples_per_record;
    if (offset > MAX_RECORD_BYTES) {
      throw new InputError(where(byte("samples_per_record"), what("samples_per_record")),
        `data records of more than ${MAX_RECORD_BYTES} bytes (${MAX_RECORD_BYTES / 1024 / 1024} MiB) are not read`);
    }
    signals.push(signal);
  }
  const kind = fixed.kind;
  if (kind && !signals.some((s) => s.annotation)) {
    throw new InputError(`${file}, byte 192 (reserved)`, `says ${kind} but has no "${ANNOTATION_LABEL}" signal`);
  }
  const recordBytes = offset;
  const headerBytes = fixed.header_bytes;
  const dataBytes = size - headerBytes;
  let records: number;
  if (fixed.declared_records === -1) {
    records = Math.floor(dataBytes / recordBytes);
    if (dataBytes % recordBytes !== 0) {
      throw new InputError(`${file}, data record ${records + 1} (byte ${headerBytes + records * recordBytes})`,
        `truncated: the last data record has ${dataBytes % recordBytes} of ${recordBytes} bytes`);
    }
  } else {
    records = fixed.declared_records;
    if (dataBytes < records * recordBytes) {
      const complete = Math.floor(Math.max(0, dataBytes) / recordBytes);
      throw new InputError(`${file}, data record ${complete + 1} (byte ${headerBytes + complete * recordBytes})`,
        `truncated: the header promises ${records} data records of ${recordBytes} bytes (${headerBytes + records * recordBytes} bytes in all), the file has ${size} bytes`);
    }
    if (dataBytes > records * recordBytes) {
      throw new InputError(`${file}, byte ${headerBytes + records * recordBytes}`,
        `${dataBytes - records * recordBytes} byte${dataBytes - records * recordBytes === 1 ? "" : "s"} after the last of the ${records} data records of ${recordBytes} bytes the header promises: ` +
        "its number of data records or samples per record disagree with the file");
    }
  }
  const f = fixed.fields;
  return {
    file, kind, patient: f.patient.text.trim(), recording: f.recording.text.trim(), start_date: f.start_date.text, start_time: f.start_time.text,
    start_s_of_day: fixed.start_s_of_day,
    header_bytes: headerBytes, records, record_duration_ms: duration_s * 1000, record_bytes: recordBytes, signals,
  };
}

// ─── Channels and units ────────────────────────────────────────────────────────

/** Factor from the physical dimension to mg, or null for a unit that is not an acceleration. */
export function mgPerUnit(unit: string): number | null {
  const u = unit.replace("²", "2").replace(/\s+/g, "");
  if (u === "g" || u === "G") return 1000;
  if (u === "mg" || u === "mG") return 1;
  if (/^m\/s(\^?2)$/i.test(u) || /^m\*s-2$/i.test(u)) return 1000 / G_MS2;
  return null;
}

function pickChannels(header: EdfHeader, wanted: string[] | undefined): EdfSignal[] {
  const data = header.signals.filter((s) => !s.annotation);
  const names = data.map((s) => JSON.stringify(s.label)).join(", ");
  let chosen: EdfSignal[];
  if (wanted && wanted.length > 0) {
    if (wanted.length > 3) throw new InputError(header.file, `--channels names ${wanted.length} channels; give 1 (one axis) or 3 (x, y, z)`);
    chosen = wanted.map((label) => {
      const exact = data.find((s) => s.label === label.trim());
      const loose = exact ?? data.find((s) => s.label.toLowerCase() === label.trim().toLowerCase());
      if (!loose) throw new InputError(header.file, `no channel ${JSON.stringify(label)}; the channels are ${names || "(none)"}`);
      return loose;
    });
  } else {
    const acc = data.filter((s) => mgPerUnit(s.unit) !== null);
    const axis = (a: string) => acc.find((s) => new RegExp(`(^|[^a-z])${a}$|^${a}([^a-z]|$)|acc.*${a}$`, "i").test(s.label));
    const [x, y, z] = ["x", "y", "z"].map(axis);
    if (x && y && z) chosen = [x, y, z];
    else if (acc.length === 1) chosen = acc;
    else {
      throw new InputError(header.file, acc.length === 0
        ? `no channel with an acceleration unit (g, mg, m/s2); choose with --channels from ${names || "(none)"}`
        : `cannot tell which acceleration channels are x, y, z; choose with --channels from ${acc.map((s) => JSON.stringify(s.label)).join(", ")}`);
    }
  }
  const ns = header.signals.length;
  for (const s of chosen) {
    if (mgPerUnit(s.unit) === null) {
      throw new InputError(header.file, `channel ${JSON.stringify(s.label)} is in ${JSON.stringify(s.unit)}, not an acceleration (g, mg, m/s2)`);
    }
    if (s.rate_hz < MIN_ACCEL_RATE_HZ) {
      // The samples-per-record field of signal s: after label … prefiltering of every signal.
      const byte = 256 + ns * (16 + 80 + 8 + 8 + 8 + 8 + 8 + 80) + 8 * s.index;
      throw new InputError(`${header.file}, byte ${byte} (samples per record of signal ${s.index + 1} ${JSON.stringify(s.label)})`,
        `${s.samples_per_record} per ${header.record_duration_ms / 1000} s record is ${s.rate_hz} Hz, below the ${MIN_ACCEL_RATE_HZ} Hz an accelerometer needs`);
    }
  }
  return chosen;
}

// ─── Annotations (TALs) ────────────────────────────────────────────────────────

/** One Time-stamped Annotation List: onset s, duration s (null if absent), texts. */
/**
 * One Time-stamped Annotation List: onset s, duration s (null if absent), its non-empty
 * annotations, and whether its first annotation is empty, as a time-keeping TAL's is
 * ("+567\x14\x14\0"; EDF+ 2.2.4).
 */
export interface Tal { onset_s: number; duration_s: number | null; texts: string[]; timekeeping: boolean }

/** Parses the TALs of one record's annotation bytes; `where` names the place for errors. */
export function parseTals(bytes: Uint8Array, where: string): Tal[] {
  const out: Tal[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] === 0) { i++; continue; } // padding between and after TALs
    const end = bytes.indexOf(0, i);
    const tal = utf8.decode(bytes.subarray(i, end === -1 ? bytes.length : end));
    if (end === -1) throw new InputError(where, `annotation not terminated: ${JSON.stringify(tal.slice(0, 40))}`);
    i = end + 1;
    const parts = tal.split("\x14");
    const stamp = parts[0].split("\x15");
    if (!/^[+-]\d+(\.\d*)?$/.test(stamp[0])) throw new InputError(where, `annotation onset ${JSON.stringify(stamp[0])} is not +seconds or -seconds`);
    const duration = stamp.length > 1 ? stamp[1] : null;
    if (duration !== null && !/^\d+(\.\d*)?$/.test(duration)) throw new InputError(where, `annotation duration ${JSON.stringify(duration)} is not a number of seconds`);
    // parts: stamp, text1, …, textN, "" (the TAL ends in \x14\x00)
    out.push({ onset_s: Number(stamp[0]), duration_s: duration === null ? null : Number(duration), texts: parts.slice(1).filter((t) => t !== ""),
      timekeeping: parts.length > 2 && parts[1] === "" });
  }
  return out;
}

// ─── The reader ────────────────────────────────────────────────────────────────

function clamp32(v: number): number {
  return v > 2147483647 ? 2147483647 : v < -2147483648 ? -2147483648 : v;
}

export class EdfReader {
  /** The checked header, once its bytes have come. */
  header: EdfHeader | null = null;
  /** What is read so far, once the header is known (null before). */
  info: EdfInfo | null = null;
  private readonly bytes = new ByteQueue();
  private fixed: FixedHeader | null = null;
  private ended = false;
  private finished = false;
  private readonly period_ms: number;
  private readonly clock0: number;
  // Per chosen channel: scale to mg, samples of the current record, and the last sample of the
  // record before (null after a gap or before the first).
  private channels: EdfSignal[] = [];
  private annotationSignals: EdfSignal[] = [];
  private gain: number[] = [];
  private offset: number[] = [];
  private step_ms: number[] = [];
  private current: Float64Array[] = [];
  private tail: (number | null)[] = [];
  private record: Uint8Array = new Uint8Array(0);
  private readonly xyz = [0, 0, 0];
  /** The current record: its index, start and the last instant every channel has a sample for (ms from the header's start). */
  private r = -1;
  private start_ms = 0;
  private limit_ms = -Infinity;
  private expected_start: number | null = null;
  /** Time of the next row, ms from the header's start (on the k·period grid). */
  private next_ms = 0;

  /** `name` names the file in messages; `size_bytes` is the whole file's size, checked against the header. */
  constructor(readonly name: string, readonly size_bytes: number, readonly options: EdfReadOptions) {
    this.period_ms = 1000 / options.sample_hz;
    this.clock0 = (options.clock0 ?? 0) >>> 0;
  }

  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error("EdfReader.push after end()");
    this.bytes.push(chunk);
  }

  end(): void {
    this.ended = true;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Bytes held: pushed and not yet read, plus the current data record. */
  get bufferedBytes(): number {
    return this.bytes.available + this.record.length;
  }

  /** The next row; null when the bytes so far are used up (push more, or end()) or the file is done. */
  next(): RecordingRow | null {
    if (this.info === null && this.readHeader() === null) return null;
    const info = this.info!;
    for (;;) {
      if (this.finished) return null;
      if (this.next_ms <= this.limit_ms + 1e-6) return this.row(info);
      if (this.r >= 0 && this.limit_ms > -Infinity) this.closeRecord();
      if (info.records_read === info.header.records) {
        this.finish(info);
        return null;
      }
      if (this.bytes.available < info.header.record_bytes) {
        if (this.ended) this.cutOff(info);
        return null;
      }
      this.readRecord(info);
    }
  }

  /** Reads the header once its bytes are there (null while they are not); next() does it too. */
  readHeader(): EdfHeader | null {
    if (this.header) return this.header;
    if (this.fixed === null) {
      if (this.bytes.available < 256) {
        if (!this.ended) return null;
        const n = this.bytes.available;
        parseFixed(this.name, this.bytes.take(n, new Uint8Array(n)), this.size_bytes); // throws: cut off
      }
      this.fixed = parseFixed(this.name, this.bytes.take(256, new Uint8Array(256)), this.size_bytes);
    }
    const need = 256 * this.fixed.ns;
    if (this.bytes.available < need) {
      if (!this.ended) return null;
      throw new InputError(`${this.name}, byte ${256 + this.bytes.available}`,
        `the header is cut off: ${this.fixed.ns} signals need ${this.fixed.header_bytes} header bytes, the file has ${this.size_bytes}`);
    }
    const header = parseSignals(this.name, this.fixed, this.bytes.take(need, new Uint8Array(need)), this.size_bytes);
    this.header = header;
    this.annotationSignals = header.signals.filter((s) => s.annotation);
    if (!this.options.annotationsOnly) {
      const channels = pickChannels(header, this.options.channels);
      this.channels = channels;
      for (const s of channels) {
        const gain = (s.physical_max - s.physical_min) / (s.digital_max - s.digital_min);
        const mg = mgPerUnit(s.unit)!;
        this.gain.push(gain * mg);
        this.offset.push((s.physical_min - gain * s.digital_min) * mg);
        this.step_ms.push(1000 / s.rate_hz);
        this.current.push(new Float64Array(s.samples_per_record));
        this.tail.push(null);
      }
    }
    this.record = new Uint8Array(header.record_bytes);
    this.info = { header, channels: this.channels, sample_hz: this.options.sample_hz, annotations: [], first_ms: null, rows: 0, records_read: 0 };
    return header;
  }

  private cutOff(info: EdfInfo): never {
    const h = info.header;
    const r = info.records_read;
    throw new InputError(`${this.name}, data record ${r + 1} (byte ${h.header_bytes + r * h.record_bytes})`, "truncated: the file ended inside this data record");
  }

  /** The next data record: its time, its annotations, its samples. */
  private readRecord(info: EdfInfo): void {
    const h = info.header;
    const r = info.records_read;
    const position = h.header_bytes + r * h.record_bytes;
    const record = this.bytes.take(h.record_bytes, this.record);
    const where = `${this.name}, data record ${r + 1} (byte ${position})`;
    // The record's start: its time-keeping TAL in EDF+, else r × duration.
    let start_ms = r * h.record_duration_ms;
    for (const [a, signal] of this.annotationSignals.entries()) {
      const tals = parseTals(record.subarray(signal.offset_in_record, signal.offset_in_record + 2 * signal.samples_per_record), where);
      if (a === 0 && h.kind) {
        if (tals.length === 0 || !tals[0].timekeeping) throw new InputError(where, "EDF+ data record without its time-keeping annotation");
        start_ms = Math.round(tals[0].onset_s * 1000);
        if (start_ms < 0) throw new InputError(where, `starts at ${start_ms / 1000} s, before the file's start time`);
      }
      // The time-keeping TAL's own annotations after its empty one are events too (EDF+ 2.2.4).
      for (const tal of tals) {
        for (const text of tal.texts) {
          info.annotations.push({ onset_ms: Math.round(tal.onset_s * 1000), duration_ms: Math.round((tal.duration_s ?? 0) * 1000), label: text.trim() });
        }
      }
    }
    const expected = this.expected_start;
    // EDF+D may leave gaps between records, never overlaps; EDF+C leaves none.
    if (expected !== null && start_ms < expected - 1) {
      throw new InputError(where, `starts at ${start_ms / 1000} s, before the previous record ended (${expected / 1000} s)`);
    }
    if (expected !== null && h.kind === "EDF+C" && start_ms > expected + 1) {
      throw new InputError(where, `starts at ${start_ms / 1000} s, after the previous record ended (${expected / 1000} s): a gap in EDF+C (continuous)`);
    }
    this.r = r;
    this.start_ms = start_ms;
    this.expected_start = start_ms + h.record_duration_ms;
    info.records_read = r + 1;
    if (this.options.annotationsOnly) {
      this.limit_ms = -Infinity;
      return;
    }
    if (expected === null || Math.abs(start_ms - expected) > 1) {
      // A gap (or the first record): nothing interpolated across it; rows resume on the grid.
      this.tail.fill(null);
      this.next_ms = Math.ceil(start_ms / this.period_ms - 1e-9) * this.period_ms;
    }
    let limit = Infinity;
    for (let c = 0; c < this.channels.length; c++) {
      const signal = this.channels[c];
      const samples = this.current[c];
      const at = signal.offset_in_record;
      const gain = this.gain[c];
      const offset = this.offset[c];
      for (let i = 0; i < samples.length; i++) {
        const lo = record[at + 2 * i];
        const hi = record[at + 2 * i + 1];
        samples[i] = (((hi << 24) >> 16) | lo) * gain + offset;
      }
      // Rows up to the last instant every channel has a sample for.
      limit = Math.min(limit, start_ms + (signal.samples_per_record - 1) * this.step_ms[c]);
    }
    this.limit_ms = limit;
  }

  /** The record's rows are given: its last samples are the next one's neighbours. */
  private closeRecord(): void {
    for (let c = 0; c < this.channels.length; c++) this.tail[c] = this.current[c][this.current[c].length - 1];
    this.limit_ms = -Infinity;
  }

  private row(info: EdfInfo): RecordingRow {
    const next_ms = this.next_ms;
    const xyz = this.xyz;
    for (let c = 0; c < this.channels.length; c++) {
      const p = (next_ms - this.start_ms) / this.step_ms[c];
      const samples = this.current[c];
      let v: number;
      if (p < 0) {
        const prev = this.tail[c];
        v = prev === null ? samples[0] : prev + (p + 1) * (samples[0] - prev);
      } else {
        const i0 = Math.floor(p + 1e-9);
        const frac = p - i0;
        v = frac < 1e-9 || i0 + 1 >= samples.length ? samples[Math.min(i0, samples.length - 1)] : samples[i0] + frac * (samples[i0 + 1] - samples[i0]);
      }
      xyz[c] = Math.round(v);
    }
    if (info.first_ms === null) info.first_ms = next_ms;
    info.rows++;
    this.next_ms = next_ms + this.period_ms;
    const n = this.channels.length;
    return {
      line: this.r + 1,
      t_ms: (this.clock0 + Math.round(next_ms - info.first_ms)) >>> 0,
      ax_mg: clamp32(xyz[0]),
      ay_mg: n > 1 ? clamp32(xyz[1]) : 0,
      az_mg: n > 2 ? clamp32(xyz[2]) : 0,
    };
  }

  /** All records read: annotations on the night's axis (ms from the first row), in order. */
  private finish(info: EdfInfo): void {
    this.finished = true;
    if (!this.options.annotationsOnly) {
      const shift = info.first_ms ?? 0;
      for (const a of info.annotations) a.onset_ms -= shift;
    }
    info.annotations.sort((a, b) => a.onset_ms - b.onset_ms);
  }
}
