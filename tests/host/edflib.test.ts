// The EDF/EDF+ reader against EDFlib, the reference C library (Debian libedf-dev), both ways:
//   - files WRITTEN BY EDFlib in several layouts (EDF+C, with and without annotations; 100, 50,
//     25 and 10 Hz; units g, mg and m/s^2; extra channels at other rates; data records of 0.5 s,
//     1 s and 2 s; a start a fraction of a second after the header's second; an 8-hour night)
//     are read by our reader, and every row, the start time and every annotation are compared
//     with what EDFlib's own reader says of the same file;
//   - files written by our writer (host/replay/edfWrite.ts, and `calmfoot simulate
//     --write-recording x.edf`) are READ BY EDFlib without error, with samples and annotations
//     intact.
// (EDFlib 1.23 writes EDF+ only, and reads EDF+C only: plain EDF is tested in the second
// direction, EDF+D by our own reader's tests.)
// The expected values come from EDFlib and from the definitions (1 g = 1000 mg = 9.80665 m/s²;
// linear interpolation between a channel's two neighbouring samples when the rows' rate is
// higher than the channel's), never from the reader's own tables.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { RecordingRow } from "../../host/replay/csvReader.js";
import { type EdfInfo, readEdfAnnotations, readEdfRecording } from "../../host/replay/edf.js";
import { type EdfWriteOptions, writeEdf } from "../../host/replay/edfWrite.js";
import { replayRecording } from "../../host/replay/recording.js";
import { calmfoot } from "./cli-run.js";
import { EDFLIB_SKIP, compileEdflibProgram, runProgram } from "./edflib-c.js";
import { SKIP_UNDER_MUTATION } from "./mutation.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-edflib-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** mg per unit, by definition (standard gravity 9.80665 m/s², CGPM 1901). */
const MG_PER = { g: 1000, mg: 1, "m/s^2": 1000 / 9.80665 } as const;

// ─── EDFlib programs ───────────────────────────────────────────────────────────

/**
 * Writes an EDF or EDF+ file with EDFlib from a plan on stdin:
 *   type <0 EDF | 1 EDF+> records <n> duration <10 µs units> start <Y M D h m s> subsecond <100 ns units>
 *   <k signals>, then k lines: <label, _ for space> <unit> <samples per record> <phys min> <phys max>
 *     <dig min> <dig max> <freq Hz> <amplitude> <offset>   (value = offset + amplitude·sin(2π·freq·t))
 *   <m annotations>, then m lines: <onset 100 µs> <duration 100 µs, -1: none> <text, _ for space>
 */
const WRITER = `
#include <edflib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void spaces(char *s) { for (; *s; s++) if (*s == '_') *s = ' '; }
int main(int argc, char **argv) {
  int type, records, duration, Y, M, D, h, m, s, sub, k;
  if (scanf("type %d records %d duration %d start %d %d %d %d %d %d subsecond %d %d", &type, &records, &duration, &Y, &M, &D, &h, &m, &s, &sub, &k) != 11) return 10;
  char label[64][32], unit[64][16]; int spr[64], dmin[64], dmax[64]; double pmin[64], pmax[64], freq[64], amp[64], off[64];
  for (int i = 0; i < k; i++) {
    if (scanf("%31s %15s %d %lf %lf %d %d %lf %lf %lf", label[i], unit[i], &spr[i], &pmin[i], &pmax[i], &dmin[i], &dmax[i], &freq[i], &amp[i], &off[i]) != 10) return 11;
    spaces(label[i]);
  }
  int fd = edfopen_file_writeonly(argv[1], type, k);
  if (fd < 0) return 12;
  for (int i = 0; i < k; i++) {
    if (edf_set_samplefrequency(fd, i, spr[i]) || edf_set_physical_minimum(fd, i, pmin[i]) || edf_set_physical_maximum(fd, i, pmax[i])
      || edf_set_digital_minimum(fd, i, dmin[i]) || edf_set_digital_maximum(fd, i, dmax[i]) || edf_set_label(fd, i, label[i])
      || edf_set_physical_dimension(fd, i, unit[i])) return 13;
  }
  if (edf_set_datarecord_duration(fd, duration) || edf_set_startdatetime(fd, Y, M, D, h, m, s)) return 14;
  if (type == 1 && edf_set_subsecond_starttime(fd, sub)) return 15;
  int n;
  if (scanf("%d", &n) != 1) return 16;
  for (int a = 0; a < n; a++) {
    long long onset, dur; char text[256];
    if (scanf("%lld %lld %255s", &onset, &dur, text) != 3) return 17;
    spaces(text);
    if (edfwrite_annotation_utf8(fd, onset, dur, text)) return 18;
  }
  double record_s = duration / 100000.0;
  double *buf = malloc(sizeof(double) * 100000);
  for (int r = 0; r < records; r++)
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < spr[i]; j++) {
        double t = r * record_s + j * record_s / spr[i];
        buf[j] = off[i] + amp[i] * sin(2 * M_PI * freq[i] * t);
      }
      if (edfwrite_physical_samples(fd, buf)) return 19;
    }
  return edfclose_file(fd) ? 20 : 0;
}
`;

/**
 * EDFlib's reading of a file: the header, then per signal the physical values of samples
 * [from, from + count) ("all": every sample), then the annotations (onset and duration in 100 ns).
 */
const READER = `
#include <edflib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  struct edf_hdr_struct hdr;
  if (edfopen_file_readonly(argv[1], &hdr, EDFLIB_READ_ALL_ANNOTATIONS) < 0) { printf("error %d\\n", hdr.filetype); return 1; }
  long long from = atoll(argv[2]), count = atoll(argv[3]);
  printf("filetype %d signals %d records %lld duration %lld start %02d:%02d:%02d subsecond %lld date %04d-%02d-%02d annotations %lld\\n",
    hdr.filetype, hdr.edfsignals, hdr.datarecords_in_file, hdr.datarecord_duration, hdr.starttime_hour, hdr.starttime_minute,
    hdr.starttime_second, hdr.starttime_subsecond, hdr.startdate_year, hdr.startdate_month, hdr.startdate_day, hdr.annotations_in_file);
  double *buf = malloc(sizeof(double) * 4000000);
  for (int s = 0; s < hdr.edfsignals; s++) {
    char label[32]; strcpy(label, hdr.signalparam[s].label);
    for (int i = strlen(label) - 1; i >= 0 && label[i] == ' '; i--) label[i] = 0;
    long long n = count < 0 ? hdr.signalparam[s].smp_in_file : count;
    if (n > 4000000) return 2;
    edfseek(hdr.handle, s, count < 0 ? 0 : from, EDFSEEK_SET);
    if (edfread_physical_samples(hdr.handle, s, n, buf) != n) return 3;
    printf("signal %s|%d|%lld|", label, hdr.signalparam[s].smp_in_datarecord, hdr.signalparam[s].smp_in_file);
    for (long long i = 0; i < n; i++) printf(" %.10g", buf[i]);
    printf("\\n");
  }
  struct edf_annotation_struct a;
  for (long long i = 0; i < hdr.annotations_in_file; i++) {
    edf_get_annotation(hdr.handle, i, &a);
    printf("annotation %lld|%s|%s\\n", a.onset, a.duration, a.annotation);
  }
  edfclose_file(hdr.handle);
  return 0;
}
`;

interface Channel { label: string; unit: "g" | "mg" | "m/s^2" | "uV" | "degC"; spr: number; pmin: number; pmax: number; dmin?: number; dmax?: number; freq_hz: number; amp: number; offset: number }
interface Layout {
  name: string;
  type: 0 | 1;
  records: number;
  record_s: number;
  start: [number, number, number, number, number, number];
  subsecond_100ns?: number;
  channels: Channel[];
  annotations?: [onset_s: number, duration_s: number, text: string][];
  /** Rows read at this rate. */
  sample_hz: number;
}

interface Edflib {
  filetype: number;
  start: string;
  subsecond_100ns: number;
  date: string;
  signals: { label: string; spr: number; in_file: number; values: number[] }[];
  annotations: { onset_100ns: number; duration: string; text: string }[];
}

function edflibRead(exe: string, file: string, from = 0, count = -1): Edflib {
  const out = runProgram(exe, [file, String(from), String(count)]).split("\n");
  const head = /^filetype (\d+) signals \d+ records \d+ duration \d+ start (\S+) subsecond (\d+) date (\S+) annotations \d+$/.exec(out[0]);
  assert.ok(head, out[0]);
  return {
    filetype: Number(head[1]), start: head[2], subsecond_100ns: Number(head[3]), date: head[4],
    signals: out.filter((l) => l.startsWith("signal ")).map((l) => {
      const [label, spr, inFile, values] = l.slice(7).split("|");
      return { label, spr: Number(spr), in_file: Number(inFile), values: values.trim().split(" ").filter(Boolean).map(Number) };
    }),
    annotations: out.filter((l) => l.startsWith("annotation ")).map((l) => {
      const [onset, duration, text] = l.slice(11).split("|");
      return { onset_100ns: Number(onset), duration, text };
    }),
  };
}

function edflibWrite(exe: string, layout: Layout): string {
  const file = join(dir, `${layout.name.replace(/\W+/g, "-")}.edf`);
  const plan = [
    `type ${layout.type} records ${layout.records} duration ${Math.round(layout.record_s * 100_000)} start ${layout.start.join(" ")} subsecond ${layout.subsecond_100ns ?? 0} ${layout.channels.length}`,
    ...layout.channels.map((c) => [c.label.replace(/ /g, "_"), c.unit, c.spr, c.pmin, c.pmax, c.dmin ?? -32768, c.dmax ?? 32767, c.freq_hz, c.amp, c.offset].join(" ")),
    String(layout.annotations?.length ?? 0),
    ...(layout.annotations ?? []).map(([onset, duration, text]) => `${Math.round(onset * 10_000)} ${duration < 0 ? -1 : Math.round(duration * 10_000)} ${text.replace(/ /g, "_")}`),
  ].join("\n");
  runProgram(exe, [file], plan + "\n");
  return file;
}

async function ourRows(file: string, sample_hz: number): Promise<{ rows: RecordingRow[]; info: EdfInfo }> {
  const rows: RecordingRow[] = [];
  let info: EdfInfo | undefined;
  for await (const row of readEdfRecording(file, { sample_hz, progress: false, onInfo: (i) => { info = i; } })) rows.push({ ...row });
  return { rows, info: info! };
}

/** The value at `t_s` of samples taken every 1/rate s from 0, linearly between neighbours. */
function interpolated(values: number[], rate_hz: number, t_s: number): number {
  const p = t_s * rate_hz;
  const i = Math.floor(p + 1e-9);
  const frac = p - i;
  return frac < 1e-9 || i + 1 >= values.length ? values[Math.min(i, values.length - 1)] : values[i] + frac * (values[i + 1] - values[i]);
}

// ─── Files written by EDFlib, read by us ───────────────────────────────────────

const acc = (axis: string, unit: Channel["unit"], spr: number, range: number, offset: number, freq_hz = 0.7): Channel =>
  ({ label: `Acc${axis}`, unit, spr, pmin: -range, pmax: range, freq_hz, amp: range / 4, offset });

const LAYOUTS: Layout[] = [
  {
    name: "EDF+C without annotations, g, 50 Hz, 1-s records, on a leap day", type: 1, records: 60, record_s: 1, start: [2024, 2, 29, 22, 47, 13], sample_hz: 50,
    channels: [acc("X", "g", 50, 8, 0.1), acc("Y", "g", 50, 8, -0.2, 1.3), acc("Z", "g", 50, 8, 1)],
  },
  {
    name: "EDF+C, mg, 100 Hz read at 50 Hz, annotations with and without durations", type: 1, records: 40, record_s: 1,
    start: [2023, 11, 5, 23, 59, 58], sample_hz: 50,
    channels: [acc("X", "mg", 100, 4000, 30), acc("Y", "mg", 100, 4000, -12, 2.1), acc("Z", "mg", 100, 4000, 990)],
    annotations: [[3.25, 1.5, "LM"], [10, -1, "Lights off"], [12.5, 0.75, "LM"], [20, 30, "Sleep stage N2"], [39.9, 0.1, "Ärzt:in markiert"]],
  },
  {
    name: "EDF+C, m/s^2 at 25 Hz read at 50 Hz (interpolated), 2-s records, extra channels at 1 Hz and 200 Hz, a start 0.375 s past the second",
    type: 1, records: 30, record_s: 2, start: [2021, 6, 30, 1, 2, 3], subsecond_100ns: 3_750_000, sample_hz: 50,
    channels: [
      { label: "EMG tib", unit: "uV", spr: 400, pmin: -500, pmax: 500, freq_hz: 31, amp: 100, offset: 0 },
      acc("X", "m/s^2", 50, 39.2, 0.5, 0.3), acc("Y", "m/s^2", 50, 39.2, -1), acc("Z", "m/s^2", 50, 39.2, 9.80665, 0.4),
      { label: "Pad temp", unit: "degC", spr: 2, pmin: 0, pmax: 50, freq_hz: 0.01, amp: 2, offset: 33 },
    ],
    annotations: [[0, -1, "start"], [7.5, 2, "LM"], [59, 0.5, "LM"]],
  },
  {
    name: "EDF+C, g, 10 Hz in 0.5-s records with a narrow digital range", type: 1, records: 120, record_s: 0.5,
    start: [1999, 12, 31, 23, 0, 0], sample_hz: 10,
    channels: [
      { ...acc("X", "g", 5, 2, 0), dmin: -2048, dmax: 2047 }, { ...acc("Y", "g", 5, 2, 0.3), dmin: -2048, dmax: 2047 },
      { ...acc("Z", "g", 5, 2, -1, 0.2), dmin: -2048, dmax: 2047 },
    ],
    annotations: [[1, 4, "LM"]],
  },
];

/** The first row's time after the header's second, ms: rows are on the grid k / sample_hz from it, at or after the first sample. */
const firstRow_ms = (layout: Layout) => Math.ceil((layout.subsecond_100ns ?? 0) / 10_000 / (1000 / layout.sample_hz) - 1e-9) * (1000 / layout.sample_hz);

/** What our rows should be: EDFlib's samples in mg, at the rows' times (from the first sample, s). */
function expectedRows(layout: Layout, lib: Edflib, rows: number): number[][] {
  const axes = layout.channels.filter((c) => c.unit in MG_PER);
  const from_s = (firstRow_ms(layout) - (layout.subsecond_100ns ?? 0) / 10_000) / 1000;
  return Array.from({ length: rows }, (_, k) => axes.map((c) => {
    const values = lib.signals.find((s) => s.label === c.label)!.values;
    return Math.round(interpolated(values, c.spr / layout.record_s, from_s + k / layout.sample_hz) * MG_PER[c.unit as keyof typeof MG_PER]) + 0;
  }));
}

/** Each value within `mg` of the expected one (the reader rounds once, from the digital value; EDFlib's physical value is rounded again here). */
function near(actual: number[][], expected: number[][], mg: number, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let k = 0; k < actual.length; k++) {
    for (let a = 0; a < expected[k].length; a++) {
      assert.ok(Math.abs(actual[k][a] - expected[k][a]) <= mg, `${what}: row ${k} axis ${a}: ${actual[k][a]}, EDFlib ${expected[k][a]}`);
    }
  }
}

describe("EDF and EDF+ files written by EDFlib, read row by row as EDFlib reads them", { skip: EDFLIB_SKIP }, () => {
  const writer = EDFLIB_SKIP ? "" : compileEdflibProgram("edflib_write_plan", WRITER);
  const reader = EDFLIB_SKIP ? "" : compileEdflibProgram("edflib_read_dump", READER);

  for (const layout of LAYOUTS) {
    it(layout.name, async () => {
      const file = edflibWrite(writer, layout);
      const lib = edflibRead(reader, file);
      assert.equal(lib.filetype, layout.type, "EDFlib reads what it wrote");
      const { rows, info } = await ourRows(file, layout.sample_hz);
      // Rows up to the last instant every channel has a sample for (at the rows' rate).
      const axes = layout.channels.filter((c) => c.unit in MG_PER);
      const sub_ms = (layout.subsecond_100ns ?? 0) / 10_000;
      const last_ms = sub_ms + Math.min(...axes.map((c) => (layout.records * c.spr - 1) * layout.record_s * 1000 / c.spr));
      assert.equal(rows.length, Math.floor((last_ms - firstRow_ms(layout)) * layout.sample_hz / 1000 + 1e-9) + 1, "rows");
      near(rows.map((r) => [r.ax_mg, r.ay_mg, r.az_mg]), expectedRows(layout, lib, rows.length), 1, layout.name);
      assert.deepEqual(rows.slice(0, 3).map((r) => r.t_ms), [0, 1000 / layout.sample_hz, 2000 / layout.sample_hz], "ms from the first row");
      assert.equal(rows.at(-1)!.t_ms, Math.round((rows.length - 1) * 1000 / layout.sample_hz));
      assert.deepEqual(info.channels.map((c) => c.label), ["AccX", "AccY", "AccZ"], "the acceleration channels, in x, y, z order");
      // The start: the header's time, and EDF+'s fraction of a second (EDFlib: in 100 ns).
      const [, , , hh, mm, ss] = layout.start;
      assert.equal(lib.start, [hh, mm, ss].map((n) => String(n).padStart(2, "0")).join(":"));
      assert.equal(info.header.start_s_of_day, hh * 3600 + mm * 60 + ss);
      assert.equal(lib.subsecond_100ns / 10_000, sub_ms);
      assert.equal(info.first_ms, firstRow_ms(layout));
      // Annotations: EDFlib's onsets are from the first sample, ours from the first row.
      const shift_ms = firstRow_ms(layout) - sub_ms;
      assert.deepEqual(info.annotations.map((a) => [a.onset_ms, a.duration_ms, a.label]),
        lib.annotations.map((a) => [a.onset_100ns / 10_000 - shift_ms, a.duration === "" ? 0 : Math.round(Number(a.duration) * 1000), a.text]));
      assert.deepEqual(info.annotations.map((a) => [a.onset_ms + shift_ms, a.label]), (layout.annotations ?? []).map(([onset, , text]) => [onset * 1000, text]),
        "the annotations as written");
    });
  }

  it("a replay starts at the header's time of day plus EDF+'s fraction of a second, and has the date", async () => {
    const layout = LAYOUTS[2];
    const record = await replayRecording(join(dir, `${layout.name.replace(/\W+/g, "-")}.edf`), { sample_hz: 50, progress: false });
    // The first sample is 0.375 s past 01:02:03; the first 50-Hz row is on the grid after it, at 0.380 s.
    assert.equal(record.start_ms_of_day, (1 * 3600 + 2 * 60 + 3) * 1000 + 380);
    assert.equal(record.recording?.date, "2021-06-30");
    assert.deepEqual(record.recording?.resampled_from_hz, [25]);
  });

  it("an 8-hour night in 30-s records at 2 Hz: the last rows and the annotations near the end are where EDFlib has them", async () => {
    const hours = 8;
    const layout: Layout = {
      name: "8 hours", type: 1, records: hours * 120, record_s: 30, start: [2025, 1, 7, 22, 15, 0], sample_hz: 2,
      channels: [acc("X", "g", 60, 4, 0, 0.05), acc("Y", "g", 60, 4, 0.1, 0.11), acc("Z", "g", 60, 4, 1, 0.02)],
      annotations: [[5, 2, "LM"], [4 * 3600 + 0.5, 1, "LM"], [hours * 3600 - 3.5, 2.5, "LM"], [hours * 3600 - 1, -1, "Lights on"]],
    };
    const file = edflibWrite(writer, layout);
    const tail = 20; // the last 10 s
    const lib = edflibRead(reader, file, hours * 7200 - tail, tail);
    const last: number[][] = [];
    let rows = 0;
    let last_t = -1;
    let info: EdfInfo | undefined;
    for await (const row of readEdfRecording(file, { sample_hz: 2, progress: false, onInfo: (i) => { info = i; } })) {
      if (++rows > hours * 7200 - tail) last.push([row.ax_mg, row.ay_mg, row.az_mg]);
      last_t = row.t_ms;
    }
    assert.equal(rows, hours * 7200);
    near(last, Array.from({ length: tail }, (_, k) => [0, 1, 2].map((s) => Math.round(lib.signals[s].values[k] * 1000) + 0)), 1, "the last 10 s");
    assert.equal(last_t, hours * 3_600_000 - 500, "no drift over 57,600 rows");
    assert.deepEqual(info!.annotations.map((a) => [a.onset_ms, a.duration_ms, a.label]),
      lib.annotations.map((a) => [a.onset_100ns / 10_000, a.duration === "" ? 0 : Math.round(Number(a.duration) * 1000), a.text]));
    assert.deepEqual(info!.annotations.map((a) => a.onset_ms), [5000, 4 * 3_600_000 + 500, hours * 3_600_000 - 3500, hours * 3_600_000 - 1000]);
  });
});

// ─── Files written by us, read by EDFlib ───────────────────────────────────────

describe("EDF and EDF+ files written by our writer, read by EDFlib without error", { skip: EDFLIB_SKIP }, () => {
  const reader = EDFLIB_SKIP ? "" : compileEdflibProgram("edflib_read_dump", READER);
  const sine = (amp: number, freq_hz: number, offset: number) => (t: number) => offset + amp * Math.sin(2 * Math.PI * freq_hz * t);

  const cases: [string, EdfWriteOptions][] = [
    ["plain EDF, mg, 50 Hz", {
      kind: "EDF", records: 20, record_duration_s: 1, start_time: "23.12.34",
      channels: ["X", "Y", "Z"].map((a, i) => ({ label: `Acc${a}`, unit: "mg", physical_min: -32768, physical_max: 32767, samples_per_record: 50, value: sine(300, 0.5 + i, i === 2 ? 1000 : 0) })),
    }],
    ["EDF+C, g, 100 Hz, annotations with durations, without, and in UTF-8, several in one record", {
      kind: "EDF+C", records: 30, record_duration_s: 1,
      channels: ["X", "Y", "Z"].map((a) => ({ label: `Acc${a}`, unit: "g", physical_min: -8, physical_max: 8, samples_per_record: 100, value: sine(0.5, 1, a === "Z" ? 1 : 0) })),
      annotations: [{ onset_s: 2.5, duration_s: 1.25, text: "LM" }, { onset_s: 2.75, text: "Lights off" }, { onset_s: 2.9, duration_s: 0.5, text: "Bewegung über 0,5 s" },
        { onset_s: 29.5, duration_s: 0.5, text: "LM" }],
    }],
    ["EDF+C, m/s^2 at 25 Hz in 0.5-s records, beside a 1 Hz temperature", {
      kind: "EDF+C", records: 40, record_duration_s: 0.5,
      channels: [
        ...["X", "Y", "Z"].map((a) => ({ label: `Acc${a}`, unit: "m/s^2", physical_min: -78.4532, physical_max: 78.4532, samples_per_record: 25, value: sine(3, 0.7, a === "Z" ? 9.80665 : 0) })),
        { label: "Pad temp", unit: "degC", physical_min: 0, physical_max: 60, samples_per_record: 1, value: () => 34 },
      ],
      annotations: [{ onset_s: 0, duration_s: 19.5, text: "Sleep stage W" }, { onset_s: 10.25, duration_s: 2, text: "LM" }],
    }],
  ];

  for (const [name, options] of cases) {
    it(name, () => {
      const file = join(dir, `ours-${name.replace(/\W+/g, "-")}.edf`);
      writeEdf(file, options);
      const lib = edflibRead(reader, file);
      assert.equal(lib.filetype, options.kind === "EDF" ? 0 : 1, "EDFlib: 0 is EDF, 1 is EDF+ (EDF+D too)");
      const record_s = options.record_duration_s;
      for (const [i, c] of options.channels.entries()) {
        const s = lib.signals[i];
        assert.equal(s.label, c.label);
        assert.equal(s.in_file, options.records * c.samples_per_record);
        // Every sample within half a digital step of the value written (EDFlib scales with the header's ranges).
        const step = (c.physical_max - c.physical_min) / 65535;
        for (let k = 0; k < s.values.length; k++) {
          const r = Math.floor(k / c.samples_per_record);
          const t = (options.record_start_s ? options.record_start_s(r) : r * record_s) + (k % c.samples_per_record) * record_s / c.samples_per_record;
          assert.ok(Math.abs(s.values[k] - c.value(t)) <= step / 2 + 1e-9, `${c.label} sample ${k}: ${s.values[k]} for ${c.value(t)}`);
        }
      }
      assert.deepEqual(lib.annotations.map((a) => [a.onset_100ns / 10_000_000, a.duration === "" ? undefined : Number(a.duration), a.text]),
        (options.annotations ?? []).map((a) => [a.onset_s, a.duration_s, a.text]));
    });
  }

  it("`calmfoot simulate --write-recording x.edf`: EDFlib reads the signals and every true movement as an annotation", { skip: SKIP_UNDER_MUTATION }, async () => {
    const file = join(dir, "sim.edf");
    const r = calmfoot("simulate", "--scenario", "plms", "--hours", "0.05", "--seed", "2", "--write-recording", file, "--no-summary");
    assert.equal(r.code, 0, r.err);
    const lib = edflibRead(reader, file, 0, 10);
    assert.equal(lib.filetype, 1);
    assert.deepEqual(lib.signals.map((s) => s.label).slice(0, 3), ["AccX", "AccY", "AccZ"]);
    assert.equal(lib.signals[0].in_file, 0.05 * 3600 * 50, "3 min at 50 Hz");
    const ours = await readEdfAnnotations(file);
    assert.ok(ours.length >= 1, `${ours.length} annotations`);
    assert.deepEqual(lib.annotations.map((a) => [a.onset_100ns / 10_000, Math.round(Number(a.duration) * 1000), a.text]),
      ours.map((a) => [a.onset_ms, a.duration_ms, a.label]));
  });
});
