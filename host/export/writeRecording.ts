// `calmfoot simulate --write-recording FILE.csv|FILE.edf` (Node): a simulated night's input streams
// (tap.ts, rows.ts) written as a recording that `calmfoot replay` reads, whole or not at all (a
// temporary file beside it, renamed at the end).
//
//   CSV   t_ms,ax_mg,ay_mg,az_mg,temp_cdeg,button: one row per sample, t_ms the board clock; the
//         true movements go beside it into FILE.labels.csv (t_ms,duration_ms,label; t_ms the
//         board clock of the onset), which `calmfoot replay FILE.csv --labels FILE.labels.csv`
//         reads as labelled movements (a CSV recording has no place of its own for them).
//   EDF   EDF+C, 1-s data records: AccX, AccY, AccZ in mg at SAMPLE_HZ with digital = physical
//         (−32768…32767 mg, 1 mg per step: the 16-bit quantisation loses nothing the firmware saw),
//         "Pad temp" in °C at 1 Hz (0.01 °C per step: exactly the thermistor's centi-°C), "Button"
//         (0/1) at SAMPLE_HZ, and the true movements as EDF+ annotations (their labels as texts,
//         onsets and durations to the ms). An EDF has no board clock: it starts at 0, at the night's
//         time of day. A sample missing at an instant (a dropout) holds the one before, and the
//         last data record is filled the same way when the night is not a whole number of seconds.

import { closeSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { InputError } from "../inputError.js";
import type { LabelledMovement } from "../record.js";
import { clockTime } from "../timeOfDay.js";
import { writeEdf } from "../replay/edfWrite.js";
import { type RowStats, recordedRows } from "./rows.js";
import type { InputStreams } from "./tap.js";

export interface NightToWrite {
  streams: InputStreams;
  clock0_ms: number;
  sample_hz: number;
  /** Time of day at the first sample, ms after midnight (the EDF header's start, to the second). */
  start_ms_of_day: number;
  duration_ms: number;
  truth: LabelledMovement[];
}

export type RecordingFormat = "csv" | "edf";

/** The format a path asks for, by its extension; anything else is the user's mistake. */
export function recordingFormat(path: string): RecordingFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".edf") return "edf";
  throw new InputError("--write-recording", `${JSON.stringify(path)} must end in .csv or .edf`);
}

/** The labels file written beside a CSV recording: night.csv → night.labels.csv. */
export function labelsPathOf(csvPath: string): string {
  return join(dirname(csvPath), `${basename(csvPath, extname(csvPath))}.labels.csv`);
}

/** Writes `night` to `path` (CSV plus its labels file, or EDF+); returns what had to be moved onto sample rows. */
export function writeRecording(path: string, night: NightToWrite): RowStats {
  const stats: RowStats = { moved_readings: 0, moved_edges: 0 };
  if (recordingFormat(path) === "csv") {
    whole(path, (temp) => withFile(temp, (fd) => writeCsv(fd, night, stats)));
    whole(labelsPathOf(path), (temp) => withFile(temp, (fd) => writeLabels(fd, night)));
  } else {
    whole(path, (temp) => writeEdfNight(temp, night, stats));
  }
  return stats;
}

/** Runs `write` on a temporary file beside `path`, then renames it over `path`; nothing is left half-written. */
function whole(path: string, write: (temp: string) => void): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    write(temp);
    renameSync(temp, path);
  } catch (err) {
    try { unlinkSync(temp); } catch { /* never made */ }
    const code = (err as NodeJS.ErrnoException).code;
    if (code && ["ENOENT", "EACCES", "EISDIR", "ENOTDIR", "EROFS", "EPERM"].includes(code)) {
      throw new InputError(path, `cannot write the recording (${code === "ENOENT" ? "no such directory" : code})`);
    }
    throw err;
  }
}

function withFile(path: string, write: (fd: number) => void): void {
  const fd = openSync(path, "w");
  try {
    write(fd);
  } finally {
    closeSync(fd);
  }
}

function writeCsv(fd: number, night: NightToWrite, stats: RowStats): void {
  let text = "t_ms,ax_mg,ay_mg,az_mg,temp_cdeg,button\n";
  for (const r of recordedRows(night.streams, night.clock0_ms, stats)) {
    text += `${r.t_ms},${r.x_mg},${r.y_mg},${r.z_mg},${r.temp_cdeg ?? ""},${r.button}\n`;
    if (text.length > 1 << 20) {
      writeSync(fd, text);
      text = "";
    }
  }
  writeSync(fd, text);
}

function writeLabels(fd: number, night: NightToWrite): void {
  let text = "t_ms,duration_ms,label\n";
  for (const t of night.truth) {
    text += `${(night.clock0_ms + t.onset_ms) >>> 0},${t.duration_ms},${csvField(t.label)}\n`;
  }
  writeSync(fd, text);
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeEdfNight(path: string, night: NightToWrite, stats: RowStats): void {
  const hz = night.sample_hz;
  const seconds = Math.ceil(night.duration_ms / 1000);
  const n = seconds * hz;
  const period_ms = 1000 / hz;
  // The streams on a grid of sample instants (index k at k / hz s); a gap holds the sample before.
  const x = new Int32Array(n);
  const y = new Int32Array(n);
  const z = new Int32Array(n);
  const button = new Uint8Array(n);
  const temp = new Int32Array(seconds);
  const hasTemp = new Uint8Array(seconds);
  let k = 0;
  let last = { x: 0, y: 0, z: 1000, button: 0 };
  let lastTemp = 0;
  for (const r of recordedRows(night.streams, night.clock0_ms, stats)) {
    const at = Math.round((((r.t_ms - night.clock0_ms) >>> 0)) / period_ms);
    for (; k < at && k < n; k++) { x[k] = last.x; y[k] = last.y; z[k] = last.z; button[k] = last.button; }
    if (k >= n) break;
    last = { x: r.x_mg, y: r.y_mg, z: r.z_mg, button: r.button };
    x[k] = r.x_mg; y[k] = r.y_mg; z[k] = r.z_mg; button[k] = r.button;
    if (r.temp_cdeg !== undefined && (k * period_ms) % 1000 === 0) { temp[(k * period_ms) / 1000] = r.temp_cdeg; hasTemp[(k * period_ms) / 1000] = 1; }
    k++;
  }
  for (; k < n; k++) { x[k] = last.x; y[k] = last.y; z[k] = last.z; button[k] = last.button; }
  for (let s = 0; s < seconds; s++) { if (hasTemp[s]) lastTemp = temp[s]; else temp[s] = lastTemp; }
  const at = (t_s: number) => Math.min(n - 1, Math.round(t_s * hz));
  const acc = (label: string, v: Int32Array) => ({
    label, unit: "mg", physical_min: -32768, physical_max: 32767, digital_min: -32768, digital_max: 32767,
    samples_per_record: hz, value: (t_s: number) => v[at(t_s)],
  });
  writeEdf(path, {
    kind: "EDF+C", records: seconds, record_duration_s: 1,
    start_time: clockTime(night.start_ms_of_day, 0).slice(0, 8).replace(/:/g, "."),
    channels: [
      acc("AccX", x), acc("AccY", y), acc("AccZ", z),
      { label: "Pad temp", unit: "degC", physical_min: -327.68, physical_max: 327.67, digital_min: -32768, digital_max: 32767,
        samples_per_record: 1, value: (t_s: number) => temp[Math.min(seconds - 1, Math.round(t_s))] / 100 },
      { label: "Button", unit: "", physical_min: 0, physical_max: 1, digital_min: 0, digital_max: 1,
        samples_per_record: hz, value: (t_s: number) => button[at(t_s)] },
    ],
    annotations: night.truth.map((t) => ({ onset_s: t.onset_ms / 1000, duration_s: t.duration_ms / 1000, text: t.label })),
  });
}
