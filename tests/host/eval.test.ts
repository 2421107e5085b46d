// The evaluation's scoring, on hand-made event logs: it must reward what is right and count
// what is wrong, or the numbers in `npm run eval` mean nothing.

import assert from "node:assert/strict";
import { test } from "node:test";
import { EVENT, MOVE_CLASS, SESSION_CAUSE } from "../../host/abi.js";
import type { DeviceEvent } from "../../host/eventLog.js";
import { nightClock0, runNight } from "../../host/commands/evalNight.js";
import { detectedMovements } from "../../host/scoring/movements.js";
import { type NightRun, aggregate, quantile, scoreNight } from "../../host/scoring/nightScore.js";
import type { LabelledNight as NightPlan } from "../../host/scoring/truth.js";
import { planNight } from "../../host/sim/night.js";

const C0 = 0xffff_0000; // the board clock wraps during these logs

function plan(truth: NightPlan["truth"], restless: NightPlan["restless"] = []): NightPlan {
  const base = planNight("quiet", { hours: 1, seed: 1 });
  return { ...base, truth, restless, movements: [] };
}

function move(onset: number, detectedAfter: number, duration: number, cls: number): DeviceEvent[] {
  return [
    { now_ms: (C0 + onset + detectedAfter) >>> 0, kind: EVENT.MOVE_START, a: (C0 + onset) | 0, b: 0 },
    { now_ms: (C0 + onset + duration + 600) >>> 0, kind: EVENT.MOVE_END, a: duration, b: cls },
  ];
}

function night(p: NightPlan, events: DeviceEvent[], plm = 0): NightRun {
  return { plan: p, sample_hz: 50, clock0_ms: C0, events, lm_count: 0, plm_count: plm };
}

const lms = [10_000, 40_000, 70_000, 100_000].map((t) => ({ onset_ms: t, duration_ms: 2000, label: "LM", periodic: true }));

test("perfect detection scores 1, with the latencies as logged, across the clock wrap", () => {
  const p = plan(lms);
  const events = lms.flatMap((m, i) => move(m.onset_ms - 40, 50 + 10 * i, 2000, MOVE_CLASS.LM));
  const s = scoreNight(night(p, events, 4));
  assert.equal(s.found_lms, 4);
  assert.equal(s.true_positive_lms, 4);
  assert.equal(s.detected_lms, 4);
  assert.deepEqual(s.latencies_ms.sort((a, b) => a - b), [10, 20, 30, 40]);
  const a = aggregate([s]);
  assert.equal(a.sensitivity, 1);
  assert.equal(a.ppv, 1);
  assert.equal(a.plm_index_error, 0);
});

test("a missed LM, a wrong class and a false alarm each count", () => {
  const p = plan([...lms, { onset_ms: 130_000, duration_ms: 150, label: "JERK" }]);
  const events = [
    ...move(10_000, 50, 2000, MOVE_CLASS.LM),
    ...move(40_000, 50, 300, MOVE_CLASS.SHORT), // found, but not as an LM
    ...move(70_000, 50, 2000, MOVE_CLASS.LM),
    // 100_000 missed
    ...move(130_000, 20, 600, MOVE_CLASS.LM), // a jerk taken for an LM
    ...move(200_000, 20, 1000, MOVE_CLASS.LM), // nothing there
  ];
  const s = scoreNight(night(p, events, 0));
  assert.equal(s.found_lms, 2);
  assert.equal(s.detected_lms, 4);
  assert.equal(s.jerks_as_lm, 1);
  const a = aggregate([s]);
  assert.equal(a.sensitivity, 0.5);
  assert.equal(a.ppv, 0.5);
  assert.equal(a.plm_index_error, 1);
});

test("auto-starts: justified, false, and the delay after the criterion", () => {
  const p = plan(lms, [{ at_ms: 102_000, reason: 1 }]);
  const start = (t: number): DeviceEvent => ({ now_ms: (C0 + t) >>> 0, kind: EVENT.SESSION_START, a: SESSION_CAUSE.AUTO, b: 1200 });
  const end = (t: number): DeviceEvent => ({ now_ms: (C0 + t) >>> 0, kind: EVENT.SESSION_END, a: 1, b: 1200 });
  const s = scoreNight(night(p, [start(102_600), end(1_302_600), start(2_400_000)]));
  assert.equal(s.auto_starts, 2);
  assert.equal(s.false_auto_starts, 1);
  assert.deepEqual(s.periodic_delays_ms, [600]);
  const none = scoreNight(night(p, []));
  assert.deepEqual(none.periodic_delays_ms, [Infinity]);
});

test("quantile is nearest-rank", () => {
  assert.equal(quantile([5, 1, 3, 2, 4], 0.5), 3);
  assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95), 10);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test("a real short PLMS night through the firmware finds most LMs (end to end)", () => {
  const p = planNight("plms", { hours: 0.5, seed: 4 });
  const run = runNight(p, { sample_hz: 50 });
  const a = aggregate([scoreNight(run)]);
  assert.ok(a.true_lms > 10);
  assert.ok(a.sensitivity > 0.8, `sensitivity ${a.sensitivity}`);
  assert.ok(a.ppv > 0.8, `PPV ${a.ppv}`);
  // The firmware's own counter agrees with its events.
  const lmEnds = run.events.filter((e) => e.kind === EVENT.MOVE_END && e.b === MOVE_CLASS.LM).length;
  assert.equal(run.lm_count, lmEnds);
});

test("a coarse sensor noisier than the floor assumed at power-on settles: no stream of movements (end to end)", () => {
  // coarse-sensor seed 26 at 25 Hz (8-bit, 16 mg steps, ~10 mg noise): its truth has no movement
  // in the first 3 minutes. A floor that only learnt between movements never got a rest to learn
  // from here: 11 LONG movements one after another, and the RLS episode at 180 s got no session.
  const p = planNight("coarse-sensor", { hours: 2, seed: 26 });
  assert.ok(p.truth.every((m) => m.onset_ms >= 180_000));
  const run = runNight(p, { sample_hz: 25, clock0_ms: nightClock0(26, 25) });
  const early = detectedMovements(run.events, run.clock0_ms).filter((d) => d.onset_ms < 180_000);
  assert.ok(early.length <= 1, `${early.length} movements before the first true one`);
});
