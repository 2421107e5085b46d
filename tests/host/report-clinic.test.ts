// The report as a clinician reads it: sleep stages and lights-off/on from a scored recording give
// the PLMS index per hour of sleep beside the PLM index per hour in bed; the activity lane shows
// a turn of the foot; the time axis suits the recording's length; the title carries the
// recording's date and IDs and says when it was resampled (an EDF+ file written by EDFlib).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { EVENT, MOVE_CLASS } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { simulatePlan } from "../../host/board/simulatedNight.js";
import type { DeviceEvent } from "../../host/eventLog.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { type LabelledMovement, type NightRecord, TraceRecorder } from "../../host/record.js";
import { replayRecording } from "../../host/replay/recording.js";
import { nightSvg, reportPage } from "../../host/report/page.js";
import { summarize } from "../../host/report/summary.js";
import { summaryObject } from "../../host/report/summaryJson.js";
import { stageOf } from "../../host/scoring/sleep.js";
import { planNight } from "../../host/sim/night.js";
import { EDFLIB_SKIP, compileEdflibProgram, runProgram } from "./edflib-c.js";

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

type Ev = [number, number, number, number];

/** A record of `events` ([offset_ms, kind, a, b], MOVE_START's `a` an offset too) with annotations `truth`. */
function night(events: Ev[], duration_ms: number, truth: LabelledMovement[] = []): NightRecord {
  return {
    source: "test", clock0_ms: 0, start_ms_of_day: 22 * 3_600_000, duration_ms, sample_hz: 50,
    events: events.sort((x, y) => x[0] - y[0]).map(([t, kind, a, b]): DeviceEvent => ({ now_ms: t, kind, a, b })),
    trace: { activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] },
    truth,
  };
}

/** n LMs of 2 s every 30 s from `from`, as the firmware logs a periodic series (SERIES from the 4th LM on). */
function series(from: number, n: number): Ev[] {
  const out: Ev[] = [];
  for (let i = 0; i < n; i++) {
    const onset = from + i * 30 * S;
    out.push([onset + 200, EVENT.MOVE_START, onset, 0], [onset + 2500, EVENT.MOVE_END, 2 * S, MOVE_CLASS.LM]);
    if (i >= 3) out.push([onset + 2500, EVENT.SERIES, i + 1, 30 * S]);
  }
  return out;
}

const label = (onset_ms: number, duration_ms: number, text: string): LabelledMovement => ({ onset_ms, duration_ms, label: text });

describe("sleep stages and lights off/on from the recording's annotations", () => {
  // 3 h: awake for 30 min, 2 h of N2, awake again; 30 PLMs in the N2, 10 more in the last wake.
  const hypnogram = [label(0, 30 * MIN, "Sleep stage W"), label(30 * MIN, 2 * HOUR, "Sleep stage N2"), label(150 * MIN, 30 * MIN, "Sleep stage W")];
  const events = [...series(40 * MIN, 30), ...series(155 * MIN, 10)];

  it("a night with 2 h of N2 and 30 PLMs in it gives a PLMS index of 15/h, beside 40 PLMs in 3 h in bed (13.3/h)", () => {
    const s = summarize(night(events, 3 * HOUR, hypnogram));
    assert.equal(s.sleep?.sleep_ms, 2 * HOUR);
    assert.equal(s.sleep?.plms_count, 30);
    assert.equal(s.sleep?.plms_index, 15);
    assert.equal(s.plm_count, 40);
    assert.equal(s.plm_index, 40 / 3);
    assert.equal(s.in_bed.by, "recording");
  });

  it("stages written as onsets only (a hypnogram without durations) last until the next stage", () => {
    const onsets = [label(0, 0, "Sleep stage W"), label(30 * MIN, 0, "Sleep stage N2"), label(150 * MIN, 0, "Sleep stage W")];
    assert.equal(summarize(night(events, 3 * HOUR, onsets)).sleep?.plms_index, 15);
  });

  it("lights off and on bound time in bed: 30 PLMs between lights off at 0:30 and lights on at 2:30 are 15/h in bed; the 10 after lights on are not counted", () => {
    const s = summarize(night(events, 3 * HOUR, [...hypnogram, label(30 * MIN, 0, "Lights off"), label(150 * MIN, 0, "Lights on")]));
    assert.deepEqual(s.in_bed, { from_ms: 30 * MIN, to_ms: 150 * MIN, by: "lights" });
    assert.equal(s.time_in_bed_ms, 2 * HOUR);
    assert.equal(s.plm_count, 30);
    assert.equal(s.plm_index, 15);
    assert.equal(s.lm_count, 30, "LMs are counted in bed too");
    assert.equal(s.movements.length, 40, "the firmware's movements are all still there for the chart");
    assert.equal(summaryObject(night(events, 3 * HOUR, [label(30 * MIN, 0, "Lights out"), label(150 * MIN, 0, "LightsOn")])).summary.time_in_bed.from, "22:30:00");
  });

  it("\"Sleep stage ?\" (not scored) and \"Movement time\" are not sleep: 15 PLMs in 1 h of N3 and 15 in unscored time give 15/h", () => {
    const s = summarize(night([...series(10 * MIN, 15), ...series(70 * MIN, 15)], 2 * HOUR,
      [label(0, HOUR, "Sleep stage 4"), label(HOUR, 50 * MIN, "Sleep stage ?"), label(110 * MIN, 10 * MIN, "Movement time")]));
    assert.equal(s.sleep?.sleep_ms, HOUR);
    assert.equal(s.sleep?.plms_index, 15);
    assert.equal(s.sleep?.stage_ms.N3, HOUR);
    assert.equal(s.sleep?.stage_ms["?"], 50 * MIN);
  });

  it("knows the stage names of Sleep-EDF/MNE (R&K 1–4), AASM (N1–N3) and NSRR/Luna's short forms", () => {
    const cases: [string, string | null][] = [
      ["Sleep stage W", "W"], ["Sleep stage 1", "N1"], ["Sleep stage 2", "N2"], ["Sleep stage 3", "N3"], ["Sleep stage 4", "N3"],
      ["Sleep stage R", "R"], ["Sleep stage ?", "?"], ["Sleep stage N1", "N1"], ["sleep stage n3", "N3"], ["Movement time", "MT"],
      ["W", "W"], ["N2", "N2"], ["REM", "R"], ["Wake", "W"], ["Leg movement", null], ["2", null], ["Arousal", null],
    ];
    for (const [text, stage] of cases) assert.equal(stageOf(text), stage, text);
  });

  it("sleep stages do not show as labelled movements, nor make an agreement section by themselves", () => {
    const s = summarize(night(events, 3 * HOUR, hypnogram));
    assert.equal(s.agreement, null);
  });

  it("without stages there is no PLMS index, and time in bed is the whole recording", () => {
    const s = summarize(night(events, 3 * HOUR, []));
    assert.equal(s.sleep, null);
    assert.equal(s.time_in_bed_ms, 3 * HOUR);
  });
});

describe("the activity lane", () => {
  const activityOf = (samples: [number, number, number][]) => {
    const r = new TraceRecorder();
    samples.forEach(([x, y, z], i) => r.sample((i * 1000) / samples.length, x, y, z, 0, 0, NaN));
    return r.finish().activity_mg[0];
  };

  it("a pure 30° turn of the foot within one second shows (the vector moves 2·sin 15° g = 518 mg; its length stays 1 g)", () => {
    const turn: [number, number, number][] = Array.from({ length: 50 }, (_, i) => {
      const a = ((30 * Math.PI) / 180) * (i / 49);
      return [1000 * Math.sin(a), 0, 1000 * Math.cos(a)];
    });
    assert.ok(turn.every(([x, y, z]) => Math.abs(Math.hypot(x, y, z) - 1000) < 1e-6), "a pure rotation");
    assert.ok(activityOf(turn) >= 518 - 1, `activity ${activityOf(turn)} mg`);
  });

  it("a foot at rest with ±3 mg of noise per axis stays within 11 mg (√3 · 6 mg)", () => {
    let k = 7;
    const noise = () => ((k = (k * 1103515245 + 12345) & 0x7fffffff) % 7) - 3;
    const still: [number, number, number][] = Array.from({ length: 50 }, () => [noise(), noise(), 1000 + noise()]);
    assert.ok(activityOf(still) <= Math.ceil(Math.sqrt(3) * 6), `activity ${activityOf(still)} mg`);
  });

  it("on a simulated PLMS night, nearly every labelled LM's seconds stand above 4× the night's median second", () => {
    const plan = planNight("plms", { hours: 2, seed: 2 });
    const record = simulatePlan(plan, { board: new Board(firmwareModule()), sample_hz: 50 });
    const act = record.trace.activity_mg;
    const median = [...act].sort((a, b) => a - b)[act.length >> 1];
    const lms = plan.truth.filter((t) => t.label === "LM");
    const seen = lms.filter((t) => {
      let peak = 0;
      for (let s = Math.floor(t.onset_ms / S); s <= Math.floor((t.onset_ms + t.duration_ms) / S); s++) peak = Math.max(peak, act[s] ?? 0);
      return peak > 4 * median;
    });
    assert.ok(lms.length > 50, `${lms.length} LMs`);
    assert.ok(seen.length >= 0.95 * lms.length, `${seen.length} of ${lms.length} LMs stand out (median ${median} mg)`);
  });
});

describe("the time axis suits the recording's length", () => {
  const blank = (duration_ms: number): NightRecord => ({
    source: "test", clock0_ms: 0, start_ms_of_day: (22 * 60 + 30) * 60_000, duration_ms, sample_hz: 50, events: [],
    trace: { activity_mg: new Array(Math.ceil(duration_ms / S)).fill(10), vibration_permille: [], heater_permille: [], pad_cdeg: [] },
  });
  const axisLabels = async (duration_ms: number) =>
    [...(await nightSvg(blank(duration_ms))).matchAll(/<text[^>]*>(\d\d:\d\d(?::\d\d)?)<\/text>/g)].map((m) => m[1]);

  it("a 10-minute recording is labelled every minute, from its start to its end", async () => {
    assert.deepEqual(await axisLabels(10 * MIN), ["22:30", "22:31", "22:32", "22:33", "22:34", "22:35", "22:36", "22:37", "22:38", "22:39", "22:40"]);
  });

  it("a 45-second recording is labelled in seconds", async () => {
    assert.deepEqual(await axisLabels(45 * S), ["22:30:00", "22:30:10", "22:30:20", "22:30:30", "22:30:40"]);
  });

  it("an 8-hour night is labelled every hour, a 24-hour recording every 2 hours", async () => {
    assert.deepEqual(await axisLabels(8 * HOUR), ["23:00", "00:00", "01:00", "02:00", "03:00", "04:00", "05:00", "06:00"]);
    const day = await axisLabels(24 * HOUR);
    assert.ok(day.length <= 12 && day.length >= 10, day.join(" "));
    assert.ok(day.every((t) => /^\d[02468]:00$/.test(t) || /^[02]\d:00$/.test(t)), day.join(" "));
    assert.equal(new Set(day.map((t) => Number(t.slice(0, 2)) % 2)).size, 1, `every 2 h: ${day.join(" ")}`);
  });
});

describe("the recording's date, IDs and resampling, from an EDF+ file written by EDFlib", { skip: EDFLIB_SKIP }, () => {
  const dir = mkdtempSync(join(tmpdir(), "calmfoot-clinic-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // 10 minutes at 100 Hz, the foot at rest (z = 1 g); lights off 1 min in, W then 6 min of N2,
  // lights on at 9 min; recorded on 2 March 2002 from 23:00:00.
  const writer = compileEdflibProgram("write_scored", `
#include <edflib.h>
int main(int argc, char **argv) {
  int h = edfopen_file_writeonly(argv[1], EDFLIB_FILETYPE_EDFPLUS, 3);
  if (h < 0) return 1;
  const char *labels[3] = { "AccX", "AccY", "AccZ" };
  for (int s = 0; s < 3; s++) {
    edf_set_samplefrequency(h, s, 100); edf_set_physical_maximum(h, s, 8.0); edf_set_physical_minimum(h, s, -8.0);
    edf_set_digital_maximum(h, s, 32767); edf_set_digital_minimum(h, s, -32768);
    edf_set_label(h, s, labels[s]); edf_set_physical_dimension(h, s, "g");
  }
  edf_set_startdatetime(h, 2002, 3, 2, 23, 0, 0);
  edf_set_patientcode(h, "MCH-0234567");
  edf_set_admincode(h, "PSG-1234/2002");
  double buf[100];
  for (int sec = 0; sec < 600; sec++)
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < 100; i++) buf[i] = s == 2 ? 1.0 : 0.0;
      if (edfwrite_physical_samples(h, buf)) return 2;
    }
  edfwrite_annotation_utf8(h, 600000, -1, "Lights off");
  edfwrite_annotation_utf8(h, 0, 1800000, "Sleep stage W");
  edfwrite_annotation_utf8(h, 1800000, 3600000, "Sleep stage N2");
  edfwrite_annotation_utf8(h, 5400000, 600000, "Sleep stage W");
  edfwrite_annotation_utf8(h, 5400000, -1, "Lights on");
  return edfclose_file(h) ? 3 : 0;
}
`);
  const file = join(dir, "scored.edf");
  runProgram(writer, [file]);

  it("puts the date, the recording's and the patient's codes and the resampling in the title; lights and stages into the figures", async () => {
    const record = await replayRecording(file, { sample_hz: 50 });
    assert.deepEqual(record.recording, { date: "2002-03-02", id: "PSG-1234/2002", patient: "MCH-0234567", resampled_from_hz: [100] });
    const s = summarize(record);
    assert.deepEqual([s.in_bed.by, s.time_in_bed_ms, s.sleep?.sleep_ms], ["lights", 8 * MIN, 6 * MIN]);
    const html = await reportPage(record, "");
    const sub = /<div class="sub" id="subtitle">(.*?)<\/div>/.exec(html)![1];
    assert.match(sub, /recording PSG-1234\/2002/);
    assert.match(sub, /patient MCH-0234567/);
    assert.match(sub, /2002-03-02 23:00 – 23:10/);
    assert.match(sub, /50 Hz, resampled from 100 Hz/);
    assert.match(html, /id="fig-plmsi"/);
    assert.match(html, /lights off 23:01:00 to lights on 23:09:00/);
    const json = summaryObject(record).summary;
    assert.equal(json.date, "2002-03-02");
    assert.equal(json.sleep?.ms, 6 * MIN);
  });

  it("says nothing of resampling when the rate is the file's own", async () => {
    const record = await replayRecording(file, { sample_hz: 100 });
    assert.equal(record.recording?.resampled_from_hz, null);
    assert.doesNotMatch(await reportPage(record, ""), /resampled from/);
  });
});
