// `calmfoot simulate --write-recording`: a simulated night's sensor streams (and thermistor,
// button) as a CSV or EDF+ recording. EDFlib, the reference C library, reads the EDF+ (signals
// and the true movements as annotations), and `calmfoot replay` of either file gives the
// simulation's event log byte for byte under the conditions the README states: the same
// --sample-hz, --batch and --config, no button presses, and for EDF a board clock starting at 0.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { simulatePlan } from "../../host/board/simulatedNight.js";
import { logLine } from "../../host/eventLog.js";
import { TapBoard } from "../../host/export/tap.js";
import { labelsPathOf, writeRecording } from "../../host/export/writeRecording.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { replayRecording } from "../../host/replay/recording.js";
import { summarize } from "../../host/report/summary.js";
import { planNight } from "../../host/sim/night.js";
import { calmfoot } from "./cli-run.js";
import { EDFLIB_SKIP, compileEdflibProgram, runProgram } from "./edflib-c.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-export-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Simulates `scenario` on a tapped board and writes the recording to `file`. */
function simulateTo(file: string, scenario: string, o: { hours: number; seed: number; sample_hz: number; batch: number; clock0_ms?: number }) {
  const plan = planNight(scenario, { hours: o.hours, seed: o.seed });
  const board = new TapBoard(firmwareModule(), o.sample_hz);
  const record = simulatePlan(plan, { board, sample_hz: o.sample_hz, batch: o.batch, clock0_ms: o.clock0_ms ?? 0, start_ms_of_day: 23 * 3_600_000 });
  const moved = writeRecording(file, { streams: board.streams, clock0_ms: record.clock0_ms, sample_hz: o.sample_hz,
    start_ms_of_day: record.start_ms_of_day, duration_ms: record.duration_ms, truth: record.truth ?? [] });
  return { plan, record, moved, streams: board.streams, log: record.events.map(logLine).join("\n") };
}

/** The EDF+ night both the replay and the EDFlib tests read: 4.8 min of an RLS evening at 50 Hz, one sample at a time. */
let edfNight: ReturnType<typeof simulateTo> | undefined;
const EDF_FILE = join(dir, "rls.edf");
const edf = () => (edfNight ??= simulateTo(EDF_FILE, "rls-evening", { hours: 0.08, seed: 3, sample_hz: 50, batch: 0 }));

describe("a simulated night written as a recording and replayed", () => {
  it("CSV: the same event log, here through the FIFO at 50 Hz across the u32 clock wrap; with its labels file, the same agreement", async () => {
    const file = join(dir, "rls.csv");
    const sim = simulateTo(file, "rls-evening", { hours: 0.08, seed: 4, sample_hz: 50, batch: 32, clock0_ms: 2 ** 32 - 3 * 60_000 });
    assert.deepEqual(sim.moved, { moved_readings: 0, moved_edges: 0 });
    assert.ok(sim.record.events.length > 10, `${sim.record.events.length} events`);
    const replay = await replayRecording(file, { sample_hz: 50, batch: 32, labels: labelsPathOf(file) });
    assert.equal(replay.events.map(logLine).join("\n"), sim.log);
    // The first row is the board clock at the night's start; a thermistor reading every second.
    const rows = readFileSync(file, "utf8").split("\n");
    assert.equal(rows[0], "t_ms,ax_mg,ay_mg,az_mg,temp_cdeg,button");
    assert.match(rows[1], new RegExp(`^${2 ** 32 - 3 * 60_000},-?\\d+,-?\\d+,-?\\d+,\\d+,0$`));
    assert.equal(rows.slice(1, 51).filter((r) => /,\d+,[01]$/.test(r)).length, 1, "one reading in the first second's 50 rows");
    const a = summarize(sim.record).agreement!;
    const b = summarize(replay).agreement!;
    assert.ok(a.labelled_lms >= 3, `${a.labelled_lms} labelled LMs`);
    assert.deepEqual([b.labelled_lms, b.matched, b.sensitivity, b.ppv, b.by_label], [a.labelled_lms, a.matched, a.sensitivity, a.ppv, a.by_label]);
  });

  it("EDF+: the same event log at 50 Hz one sample at a time (1 mg per digital step: the 16-bit quantisation loses nothing)", async () => {
    const sim = edf();
    assert.ok(sim.record.events.length > 10, `${sim.record.events.length} events`);
    const replay = await replayRecording(EDF_FILE, { sample_hz: 50 });
    assert.equal(replay.events.map(logLine).join("\n"), sim.log);
    assert.equal(replay.start_ms_of_day, 23 * 3_600_000, "the EDF starts at the night's time of day");
    // The true movements come back as annotations, to the ms.
    assert.deepEqual(replay.truth!.map((t) => [t.onset_ms, t.duration_ms, t.label]), sim.record.truth!.map((t) => [t.onset_ms, t.duration_ms, t.label]));
  });

  it("a night with button presses is not replayed call for call: the writer counts the edges that fell between samples", () => {
    const sim = simulateTo(join(dir, "sessions.csv"), "plms-sessions", { hours: 0.1, seed: 1, sample_hz: 50, batch: 32 });
    assert.ok(sim.moved.moved_edges > 0, "a bouncing press has edges between the 20-ms samples");
  });
});

describe("the EDF+ recording as EDFlib reads it", { skip: EDFLIB_SKIP }, () => {
  const reader = EDFLIB_SKIP ? "" : compileEdflibProgram("read_edf", `
#include <edflib.h>
int main(int argc, char **argv) {
  struct edf_hdr_struct h;
  if (edfopen_file_readonly(argv[1], &h, EDFLIB_READ_ALL_ANNOTATIONS) < 0) { printf("error %d\\n", h.filetype); return 1; }
  printf("filetype %d signals %d records %lld start %02d:%02d:%02d\\n", h.filetype, h.edfsignals, h.datarecords_in_file,
    h.starttime_hour, h.starttime_minute, h.starttime_second);
  for (int s = 0; s < h.edfsignals; s++)
    printf("signal %s|%s|%d|%lld\\n", h.signalparam[s].label, h.signalparam[s].physdimension, h.signalparam[s].smp_in_datarecord, h.signalparam[s].smp_in_file);
  int buf[4];
  for (int s = 0; s < h.edfsignals; s++) {
    edfseek(h.handle, s, 0, EDFSEEK_SET);
    if (edfread_digital_samples(h.handle, s, 4, buf) != 4) return 2;
    printf("first %d %d %d %d %d\\n", s, buf[0], buf[1], buf[2], buf[3]);
  }
  struct edf_annotation_struct a;
  printf("annotations %lld\\n", h.annotations_in_file);
  for (long long n = 0; n < h.annotations_in_file; n++) {
    edf_get_annotation(h.handle, (int)n, &a);
    printf("annotation %lld %s %s\\n", a.onset, a.duration, a.annotation);
  }
  edfclose_file(h.handle);
  return 0;
}
`);

  it("has the accelerometer, thermistor and button signals and the true movements as annotations", () => {
    const sim = edf();
    const out = runProgram(reader, [EDF_FILE]).split("\n");
    assert.equal(out[0], "filetype 1 signals 5 records 288 start 23:00:00", "EDF+ (filetype 1), 4.8 min of 1-s records");
    // EDFlib keeps the header fields' padding: trimmed here.
    assert.deepEqual(out.filter((l) => l.startsWith("signal ")).map((l) => l.replace(/ +\|/g, "|")), [
      "signal AccX|mg|50|14400", "signal AccY|mg|50|14400", "signal AccZ|mg|50|14400", "signal Pad temp|degC|1|288", "signal Button||50|14400"]);
    // The digital values are the mg (and centi-°C) the firmware was given.
    const first = (s: number) => out.find((l) => l.startsWith(`first ${s} `))!.split(" ").slice(2).map(Number);
    const given = [sim.streams.x, sim.streams.y, sim.streams.z];
    for (const axis of [0, 1, 2]) assert.deepEqual(first(axis), [0, 1, 2, 3].map((i) => given[axis].at(i)), `axis ${axis}`);
    assert.equal(first(3)[0], sim.streams.temp_cdeg.at(0), "the thermistor's first reading, centi-°C");
    const truth = sim.record.truth!;
    assert.ok(truth.length >= 3, `${truth.length} true movements`);
    const annotations = out.filter((l) => l.startsWith("annotation ")).map((l) => l.split(" "));
    assert.equal(annotations.length, truth.length);
    assert.equal(Number(out.find((l) => l.startsWith("annotations "))!.split(" ")[1]), truth.length);
    annotations.forEach(([, onset, duration, text], i) => {
      assert.equal(Number(onset) / 10_000, truth[i].onset_ms, "onset in 100 ns units");
      assert.equal(Math.round(Number(duration) * 1000), truth[i].duration_ms);
      assert.equal(text, truth[i].label);
    });
  });
});

describe("calmfoot simulate --write-recording on the command line", () => {

  it("writes FILE.csv and FILE.labels.csv and says so", () => {
    const file = join(dir, "cli.csv");
    const r = calmfoot("simulate", "--hours", "0.02", "--write-recording", file, "--no-summary");
    assert.equal(r.code, 0, r.err);
    assert.ok(existsSync(file) && existsSync(join(dir, "cli.labels.csv")));
    assert.match(r.err, /recording written to .*cli\.csv \(labelled movements in .*cli\.labels\.csv\)/);
  });

  it("refuses a file that is neither .csv nor .edf, before simulating, in one line (exit 2)", () => {
    const r = calmfoot("simulate", "--write-recording", join(dir, "night.txt"));
    assert.equal(r.code, 2);
    assert.match(r.err, /^calmfoot: --write-recording: ".*night\.txt" must end in \.csv or \.edf\n$/);
  });
});
