// Reads EDF and EDF+ recordings (the polysomnography standard, https://www.edfplus.info), streaming:
// the header is parsed and checked first, then data records are read a few at a time, so an
// 8-hour 100 Hz file never sits in memory. Rows come out in the shape of the CSV reader's, so
// replayRows() takes either.
//
//   Channels: chosen by label (--channels "AccX,AccY,AccZ"; one label for a 1-axis sensor, which
//   goes to x with y = z = 0). Without a choice, the channels whose unit is an acceleration are
//   used: those labelled …X, …Y, …Z in that order, or the only one there is.
//   Units: digital → physical with the header's digital/physical min/max, then to mg from the
//   physical dimension: "g" ×1000, "mg" ×1, "m/s2" / "m/s^2" / "m/s²" ×1000/9.80665. Rounded to
//   whole mg.
//   Resampling: every channel is interpolated linearly between its two neighbouring samples at
//   the times k / sample_hz from the start of the file (no anti-alias filter: a sensor sampled
//   faster than the firmware's rate is thinned, not low-passed). Rows end at the last time every
//   channel has a sample for. EDF+D (discontinuous) records are placed at their own start times;
//   nothing is interpolated across a gap, and the rows jump over it (the board sees a clock jump).
//   Annotations (EDF+ "EDF Annotations" signals, TALs): every annotation text becomes a
//   LabelledMovement (onset from the first row, duration 0 when not given); the per-record time-
//   keeping TALs are not annotations.
// Bad files are InputErrors naming the file and the byte offset or data record.

import { open, type FileHandle } from "node:fs/promises";
import { InputError } from "../inputError.js";
import type { LabelledMovement } from "../record.js";
import type { RecordingRow } from "./csv.js";
import { progressBar } from "./progress.js";

export const ANNOTATION_LABEL = "EDF Annotations";
const G_MS2 = 9.80665;

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
  /** Time of day of the start, minutes after midnight (seconds dropped). */
  start_minute_of_day: number;
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
  /** EDF+ annotations; filled while the rows stream, complete once the generator has finished. */
  annotations: LabelledMovement[];
  /** Chart-free summary of what was read: rows so far, records so far. */
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
  /** Called once the header is read (annotations still empty) and again at the end (complete). */
  onInfo?: (info: EdfInfo) => void;
  /** Progress bar on stderr when it is a terminal (default true). */
  progress?: boolean;
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

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

function ascii(buffer: Buffer, start: number, length: number): string {
  return buffer.toString("latin1", start, start + length);
}

/** Parses and checks the header of `file`; the file handle stays the caller's. */
async function parseHeader(file: string, fh: FileHandle, size: number): Promise<EdfHeader> {
  const where = (byte: number, what: string) => `${file}, byte ${byte} (${what})`;
  const fixed = await readAt(fh, 0, 256);
  if (fixed.length < 256) throw new InputError(`${file}, byte ${fixed.length}`, `not an EDF file: the header is cut off (${size} bytes, need at least 256)`);
  if (fixed[0] === 0xff) throw new InputError(where(0, "version"), "a BDF (24-bit) file: only EDF and EDF+ (16-bit) are read");
  const field: Record<string, { text: string; at: number }> = {};
  let at = 0;
  for (const [name, len] of FIELDS) {
    field[name] = { text: ascii(fixed, at, len), at };
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
  const reserved = field.reserved.text.trim();
  const kind = reserved.startsWith("EDF+D") ? "EDF+D" : reserved.startsWith("EDF+C") ? "EDF+C" : "";
  const startDate = field.start_date.text;
  const startTime = field.start_time.text;
  const tm = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(startTime.trim());
  if (!tm || Number(tm[1]) > 23 || Number(tm[2]) > 59 || Number(tm[3]) > 60) {
    throw new InputError(where(field.start_time.at, "start time"), `${JSON.stringify(startTime)} is not hh.mm.ss`);
  }

  const block = await readAt(fh, 256, 256 * ns);
  if (block.length < 256 * ns) throw new InputError(`${file}, byte ${256 + block.length}`, `the header is cut off: ${ns} signals need ${headerBytes} header bytes, the file has ${size}`);
  const signals: EdfSignal[] = [];
  let offset = 0;
  let fieldStart = 0;
  const columns: Record<string, { texts: string[]; at: number }> = {};
  for (const [name, len] of SIGNAL_FIELDS) {
    columns[name] = { texts: Array.from({ length: ns }, (_, i) => ascii(block, fieldStart + i * len, len)), at: 256 + fieldStart };
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
    signals.push(signal);
  }
  if (kind && !signals.some((s) => s.annotation)) {
    throw new InputError(`${file}, byte 192 (reserved)`, `says ${kind} but has no "${ANNOTATION_LABEL}" signal`);
  }
  const recordBytes = offset;
  const dataBytes = size - headerBytes;
  let records: number;
  if (declaredRecords === -1) {
    records = Math.floor(dataBytes / recordBytes);
    if (dataBytes % recordBytes !== 0) {
      throw new InputError(`${file}, data record ${records + 1} (byte ${headerBytes + records * recordBytes})`,
        `truncated: the last data record has ${dataBytes % recordBytes} of ${recordBytes} bytes`);
    }
  } else {
    records = declaredRecords;
    if (dataBytes < records * recordBytes) {
      const complete = Math.floor(Math.max(0, dataBytes) / recordBytes);
      throw new InputError(`${file}, data record ${complete + 1} (byte ${headerBytes + complete * recordBytes})`,
        `truncated: the header promises ${records} data records of ${recordBytes} bytes (${headerBytes + records * recordBytes} bytes in all), the file has ${size} bytes`);
    }
  }
  return {
    file, kind, patient: field.patient.text.trim(), recording: field.recording.text.trim(), start_date: startDate, start_time: startTime,
    start_minute_of_day: Number(tm[1]) * 60 + Number(tm[2]),
    header_bytes: headerBytes, records, record_duration_ms: duration_s * 1000, record_bytes: recordBytes, signals,
  };
}

async function openEdf(file: string): Promise<{ fh: FileHandle; header: EdfHeader }> {
  let fh: FileHandle;
  try {
    fh = await open(file, "r");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InputError(file, e.code === "ENOENT" ? "no such file" : e.code === "EISDIR" ? "is a directory" : e.message);
  }
  try {
    const { size } = await fh.stat();
    return { fh, header: await parseHeader(file, fh, size) };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/** The header of an EDF/EDF+ file, checked (including that the file is long enough for it). */
export async function readEdfHeader(file: string): Promise<EdfHeader> {
  const { fh, header } = await openEdf(file);
  await fh.close();
  return header;
}

// ─── Channels and units ────────────────────────────────────────────────────────

/** Factor from the physical dimension to mg, or null for a unit that is not an acceleration. */
export function mgPerUnit(unit: string): number | null {
  const u = unit.trim().replace("²", "2").replace(/\s+/g, "");
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
  for (const s of chosen) {
    if (mgPerUnit(s.unit) === null) {
      throw new InputError(header.file, `channel ${JSON.stringify(s.label)} is in ${JSON.stringify(s.unit)}, not an acceleration (g, mg, m/s2)`);
    }
  }
  return chosen;
}

// ─── Annotations (TALs) ────────────────────────────────────────────────────────

/** One Time-stamped Annotation List: onset s, duration s (null if absent), texts. */
interface Tal { onset_s: number; duration_s: number | null; texts: string[] }

/** Parses the TALs of one record's annotation bytes; `where` names the place for errors. */
export function parseTals(bytes: Buffer, where: string): Tal[] {
  const out: Tal[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] === 0) { i++; continue; } // padding between and after TALs
    const end = bytes.indexOf(0, i);
    const tal = bytes.toString("utf8", i, end === -1 ? bytes.length : end);
    if (end === -1) throw new InputError(where, `annotation not terminated: ${JSON.stringify(tal.slice(0, 40))}`);
    i = end + 1;
    const parts = tal.split("\x14");
    const stamp = parts[0].split("\x15");
    if (!/^[+-]\d+(\.\d*)?$/.test(stamp[0])) throw new InputError(where, `annotation onset ${JSON.stringify(stamp[0])} is not +seconds or -seconds`);
    const duration = stamp.length > 1 ? stamp[1] : null;
    if (duration !== null && !/^\d+(\.\d*)?$/.test(duration)) throw new InputError(where, `annotation duration ${JSON.stringify(duration)} is not a number of seconds`);
    // parts: stamp, text1, …, textN, "" (the TAL ends in \x14\x00)
    out.push({ onset_s: Number(stamp[0]), duration_s: duration === null ? null : Number(duration), texts: parts.slice(1).filter((t) => t !== "") });
  }
  return out;
}

// ─── Data ──────────────────────────────────────────────────────────────────────

/** Chunk of the file read at once: whole data records, about this many bytes. */
const READ_BYTES = 64 * 1024;

/**
 * Streams the rows of an EDF/EDF+ file at `sample_hz`: `t_ms` = clock0 + ms since the first row,
 * ax/ay/az whole mg, `line` = the data record (1-based) the row's time falls in.
 */
export async function* readEdfRecording(file: string, options: EdfReadOptions): AsyncGenerator<RecordingRow> {
  const { fh, header } = await openEdf(file);
  const period_ms = 1000 / options.sample_hz;
  const clock0 = (options.clock0 ?? 0) >>> 0;
  const bar = options.progress === false ? null : progressBar(`reading ${file}`, header.records, "records");
  try {
    const channels = pickChannels(header, options.channels);
    const annotationSignals = header.signals.filter((s) => s.annotation);
    const info: EdfInfo = { header, channels, sample_hz: options.sample_hz, annotations: [], rows: 0, records_read: 0 };
    options.onInfo?.(info);
    const scale = channels.map((s) => {
      const gain = (s.physical_max - s.physical_min) / (s.digital_max - s.digital_min);
      const mg = mgPerUnit(s.unit)!;
      return { gain: gain * mg, offset: (s.physical_min - gain * s.digital_min) * mg };
    });
    // Per channel: the last sample of the record before (index -1 of the current), or null after a gap.
    const tail: (number | null)[] = channels.map(() => null);
    const current: Float64Array[] = channels.map((s) => new Float64Array(s.samples_per_record));
    const step_ms = channels.map((s) => 1000 / s.rate_hz);
    let next_ms = 0;          // time of the next row, ms from the file start (on the k·period grid)
    let first_ms: number | null = null;
    let expected_start: number | null = null;
    const perRead = Math.max(1, Math.floor(READ_BYTES / header.record_bytes));
    const chunk = Buffer.alloc(perRead * header.record_bytes);
    const xyz = [0, 0, 0];

    for (let r0 = 0; r0 < header.records; r0 += perRead) {
      const n = Math.min(perRead, header.records - r0);
      const position = header.header_bytes + r0 * header.record_bytes;
      const { bytesRead } = await fh.read(chunk, 0, n * header.record_bytes, position);
      if (bytesRead < n * header.record_bytes) {
        const complete = r0 + Math.floor(bytesRead / header.record_bytes);
        throw new InputError(`${file}, data record ${complete + 1} (byte ${header.header_bytes + complete * header.record_bytes})`,
          "truncated: the file ended inside this data record");
      }
      for (let k = 0; k < n; k++) {
        const r = r0 + k;
        const base = k * header.record_bytes;
        const where = `${file}, data record ${r + 1} (byte ${position + base})`;
        // The record's start: its time-keeping TAL in EDF+, else r × duration.
        let start_ms = r * header.record_duration_ms;
        for (const [a, signal] of annotationSignals.entries()) {
          const bytes = chunk.subarray(base + signal.offset_in_record, base + signal.offset_in_record + 2 * signal.samples_per_record);
          const tals = parseTals(bytes, where);
          if (a === 0 && header.kind) {
            if (tals.length === 0 || tals[0].texts.length !== 0) throw new InputError(where, "EDF+ data record without its time-keeping annotation");
            start_ms = Math.round(tals[0].onset_s * 1000);
          }
          for (const [t, tal] of tals.entries()) {
            if (a === 0 && header.kind && t === 0) continue;
            for (const text of tal.texts) {
              info.annotations.push({ onset_ms: Math.round(tal.onset_s * 1000), duration_ms: Math.round((tal.duration_s ?? 0) * 1000), label: text.trim() });
            }
          }
        }
        // EDF+D may leave gaps between records, never overlaps.
        if (expected_start !== null && start_ms < expected_start - 1) {
          throw new InputError(where, `starts at ${start_ms / 1000} s, before the previous record ended (${expected_start / 1000} s)`);
        }
        if (expected_start === null || Math.abs(start_ms - expected_start) > 1) {
          // A gap (or the first record): nothing interpolated across it; rows resume on the grid.
          tail.fill(null);
          next_ms = Math.ceil(start_ms / period_ms - 1e-9) * period_ms;
        }
        expected_start = start_ms + header.record_duration_ms;
        for (const [c, signal] of channels.entries()) {
          const samples = current[c];
          const at = base + signal.offset_in_record;
          for (let i = 0; i < samples.length; i++) samples[i] = chunk.readInt16LE(at + 2 * i) * scale[c].gain + scale[c].offset;
        }
        // Rows up to the last instant every channel has a sample for.
        let limit = Infinity;
        for (const [c, signal] of channels.entries()) limit = Math.min(limit, start_ms + (signal.samples_per_record - 1) * step_ms[c]);
        for (; next_ms <= limit + 1e-6; next_ms += period_ms) {
          for (let c = 0; c < channels.length; c++) {
            const p = (next_ms - start_ms) / step_ms[c];
            const samples = current[c];
            let v: number;
            if (p < 0) {
              const prev = tail[c];
              v = prev === null ? samples[0] : prev + (p + 1) * (samples[0] - prev);
            } else {
              const i0 = Math.floor(p + 1e-9);
              const frac = p - i0;
              v = frac < 1e-9 || i0 + 1 >= samples.length ? samples[Math.min(i0, samples.length - 1)] : samples[i0] + frac * (samples[i0 + 1] - samples[i0]);
            }
            xyz[c] = Math.round(v);
          }
          if (first_ms === null) first_ms = next_ms;
          info.rows++;
          yield {
            line: r + 1,
            t_ms: (clock0 + Math.round(next_ms - first_ms)) >>> 0,
            ax_mg: clamp32(xyz[0]),
            ay_mg: channels.length > 1 ? clamp32(xyz[1]) : 0,
            az_mg: channels.length > 2 ? clamp32(xyz[2]) : 0,
          };
        }
        for (let c = 0; c < channels.length; c++) tail[c] = current[c][current[c].length - 1];
        info.records_read = r + 1;
      }
      bar?.update(r0 + n);
    }
    // Annotations on the night's axis: ms from the first row.
    const shift = first_ms ?? 0;
    for (const a of info.annotations) a.onset_ms -= shift;
    info.annotations.sort((a, b) => a.onset_ms - b.onset_ms);
    options.onInfo?.(info);
  } finally {
    bar?.stop();
    await fh.close();
  }
}

function clamp32(v: number): number {
  return v > 2147483647 ? 2147483647 : v < -2147483648 ? -2147483648 : v;
}

/** All annotations of an EDF+ file (none for plain EDF), onsets in ms from the start of the file. */
export async function readEdfAnnotations(file: string): Promise<LabelledMovement[]> {
  const { fh, header } = await openEdf(file);
  try {
    const out: LabelledMovement[] = [];
    const signals = header.signals.filter((s) => s.annotation);
    for (let r = 0; r < header.records && signals.length; r++) {
      for (const [a, signal] of signals.entries()) {
        const position = header.header_bytes + r * header.record_bytes + signal.offset_in_record;
        const bytes = await readAt(fh, position, 2 * signal.samples_per_record);
        const where = `${file}, data record ${r + 1} (byte ${position})`;
        if (bytes.length < 2 * signal.samples_per_record) throw new InputError(where, "truncated: the file ended inside this data record");
        parseTals(bytes, where).forEach((tal, t) => {
          if (a === 0 && t === 0 && header.kind) return;
          for (const text of tal.texts) out.push({ onset_ms: Math.round(tal.onset_s * 1000), duration_ms: Math.round((tal.duration_s ?? 0) * 1000), label: text.trim() });
        });
      }
    }
    return out.sort((x, y) => x.onset_ms - y.onset_ms);
  } finally {
    await fh.close();
  }
}
