// Writes EDF and EDF+ files, record by record, for tests and for turning a simulated night into
// a file other tools open. Not a general converter: values are given physical, per channel, as a
// function of time, and quantised with the channel's own digital/physical range.

import { closeSync, openSync, writeSync } from "node:fs";
import { ANNOTATION_LABEL } from "./edf.js";

export interface EdfWriteChannel {
  label: string;
  unit: string;
  physical_min: number;
  physical_max: number;
  /** Default −32768 … 32767. */
  digital_min?: number;
  digital_max?: number;
  /** Samples per data record. */
  samples_per_record: number;
  /** Physical value at `t_s` seconds from the start. */
  value(t_s: number): number;
}

export interface EdfWriteAnnotation {
  onset_s: number;
  duration_s?: number;
  text: string;
}

export interface EdfWriteOptions {
  /** "EDF" (plain), "EDF+C" or "EDF+D". */
  kind: "EDF" | "EDF+C" | "EDF+D";
  records: number;
  record_duration_s: number;
  /** "hh.mm.ss", default "22.30.00". */
  start_time?: string;
  channels: EdfWriteChannel[];
  annotations?: EdfWriteAnnotation[];
  /** Bytes of the annotation signal per record (even), default 512. */
  annotation_bytes?: number;
  /** EDF+D: the start of each record, s (default r × duration). */
  record_start_s?: (r: number) => number;
  /** Write this number of records into the header instead of the true one (−1: unknown). */
  header_records?: number;
}

function field(text: string, width: number): string {
  if (text.length > width) throw new Error(`EDF header field ${JSON.stringify(text)} is wider than ${width}`);
  return text.padEnd(width, " ");
}

function num(x: number, width = 8): string {
  let text = String(x);
  if (text.length > width) text = x.toPrecision(width - 2).replace(/\.?0+(e|$)/, "$1");
  return field(text, width);
}

function tal(onset_s: number, duration_s: number | undefined, texts: string[]): string {
  const stamp = (onset_s >= 0 ? "+" : "") + String(onset_s) + (duration_s !== undefined ? "\x15" + String(duration_s) : "");
  // A TAL without texts (a record's time-keeping TAL) still ends in \x14 after its (empty) text: "+0\x14\x14\x00".
  return stamp + "\x14" + (texts.length ? texts.map((t) => t + "\x14").join("") : "\x14") + "\x00";
}

/** Writes `path`; returns its size in bytes. */
export function writeEdf(path: string, o: EdfWriteOptions): number {
  const plus = o.kind !== "EDF";
  const annBytes = o.annotation_bytes ?? 512;
  const signals = [...o.channels.map((c) => ({
    label: c.label, unit: c.unit, pmin: c.physical_min, pmax: c.physical_max,
    dmin: c.digital_min ?? -32768, dmax: c.digital_max ?? 32767, spr: c.samples_per_record,
  }))];
  if (plus) signals.push({ label: ANNOTATION_LABEL, unit: "", pmin: -1, pmax: 1, dmin: -32768, dmax: 32767, spr: annBytes / 2 });
  const ns = signals.length;
  let h = "";
  h += field("0", 8) + field("X X X X", 80) + field("Startdate 01-JAN-2000 X X X", 80);
  h += field("01.01.00", 8) + field(o.start_time ?? "22.30.00", 8) + num(256 * (ns + 1));
  h += field(plus ? o.kind : "", 44) + num(o.header_records ?? o.records) + num(o.record_duration_s) + num(ns, 4);
  const col = (f: (s: (typeof signals)[number]) => string) => signals.map(f).join("");
  h += col((s) => field(s.label, 16)) + col(() => field("", 80)) + col((s) => field(s.unit, 8));
  h += col((s) => num(s.pmin)) + col((s) => num(s.pmax)) + col((s) => num(s.dmin)) + col((s) => num(s.dmax));
  h += col(() => field("", 80)) + col((s) => num(s.spr)) + col(() => field("", 32));
  const fd = openSync(path, "w");
  try {
    let size = writeSync(fd, Buffer.from(h, "latin1"));
    const recordBytes = signals.reduce((n, s) => n + 2 * s.spr, 0);
    const record = Buffer.alloc(recordBytes);
    const pending = [...(o.annotations ?? [])].sort((a, b) => a.onset_s - b.onset_s);
    for (let r = 0; r < o.records; r++) {
      const start_s = o.record_start_s ? o.record_start_s(r) : r * o.record_duration_s;
      record.fill(0);
      let at = 0;
      for (const [i, c] of o.channels.entries()) {
        const s = signals[i];
        for (let k = 0; k < c.samples_per_record; k++) {
          const v = c.value(start_s + (k * o.record_duration_s) / c.samples_per_record);
          const d = Math.round(s.dmin + ((v - s.pmin) * (s.dmax - s.dmin)) / (s.pmax - s.pmin));
          record.writeInt16LE(Math.max(s.dmin, Math.min(s.dmax, d)), at);
          at += 2;
        }
      }
      if (plus) {
        let text = tal(start_s, undefined, []);
        // Annotations go into the record they begin in (or the first record for earlier ones).
        while (pending.length && (pending[0].onset_s < start_s + o.record_duration_s || r === o.records - 1)) {
          const a = pending[0];
          const next = tal(a.onset_s, a.duration_s, [a.text]);
          if (Buffer.byteLength(text + next, "utf8") > annBytes) break;
          text += next;
          pending.shift();
        }
        Buffer.from(text, "utf8").copy(record, at);
      }
      size += writeSync(fd, record);
    }
    if (pending.length) throw new Error(`${pending.length} annotations did not fit; raise annotation_bytes`);
    return size;
  } finally {
    closeSync(fd);
  }
}
