// The labelled night generator: deterministic, physically sane, truth consistent with the rules.

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { LabelledMovement } from "../../host/record.js";
import { periodicSeries } from "../../host/scoring/series.js";
import { labelNight, markPeriodic } from "../../host/scoring/truth.js";
import { LegSensor } from "../../host/sim/leg.js";
import { DEFAULT_SCENARIO, SCENARIOS, planNight } from "../../host/sim/night.js";

test("every scenario plans a night; unknown names are refused", () => {
  assert.ok(SCENARIOS.some((s) => s.name === DEFAULT_SCENARIO));
  for (const s of SCENARIOS) {
    const plan = planNight(s.name, { hours: 1, seed: 3 });
    assert.equal(plan.scenario, s.name);
    assert.equal(plan.duration_ms, 3_600_000);
    assert.equal(plan.truth.length, plan.movements.length);
  }
  assert.throws(() => planNight("no-such-night", { hours: 1, seed: 1 }), /unknown scenario/);
});

test("the same scenario and seed give the same night, another seed another", () => {
  const a = planNight("plms", { hours: 1, seed: 7 });
  const b = planNight("plms", { hours: 1, seed: 7 });
  const c = planNight("plms", { hours: 1, seed: 8 });
  assert.deepEqual(a.truth, b.truth);
  assert.notDeepEqual(a.truth, c.truth);
  const la = new LegSensor(a, { seed: 7, sample_hz: 50 });
  const lb = new LegSensor(b, { seed: 7, sample_hz: 50 });
  for (let t = 0; t < 600_000; t += 20) assert.deepEqual([...la.sample(t, 0)], [...lb.sample(t, 0)]);
});

test("movements do not overlap and keep to the durations of their kind", () => {
  for (const s of SCENARIOS) {
    for (const seed of [1, 2]) {
      const plan = planNight(s.name, { hours: 2, seed });
      for (let i = 0; i < plan.movements.length; i++) {
        const m = plan.movements[i];
        if (i > 0) {
          const p = plan.movements[i - 1];
          assert.ok(m.onset_ms >= p.onset_ms + p.render_ms + 1500, `${s.name}: overlap at ${m.onset_ms}`);
        }
        const d = m.duration_ms;
        if (m.label === "LM") assert.ok(d >= 700 && d <= 9000, `LM ${d}`);
        if (m.label === "JERK") assert.ok(d >= 75 && d <= 250, `JERK ${d}`);
        if (m.label === "TURN") assert.ok(d >= 3000 && d <= 45_000, `TURN ${d}`);
        if (m.label === "FIDGET") assert.ok(d < 500, `FIDGET ${d}`);
        assert.ok(m.onset_ms + m.render_ms < plan.duration_ms);
      }
    }
  }
});

test("PLMS nights have periodic LMs and a restlessness moment per series", () => {
  const plan = labelNight(planNight("plms", { hours: 2, seed: 1 }));
  const periodic = plan.truth.filter((m) => m.periodic).length;
  assert.ok(periodic > 40, `periodic LMs ${periodic}`);
  assert.ok(plan.restless.filter((r) => r.reason === 1).length >= 1);
  const quiet = labelNight(planNight("quiet", { hours: 2, seed: 1 }));
  assert.equal(quiet.restless.length, 0);
  const rls = labelNight(planNight("rls-evening", { hours: 1.5, seed: 1 }));
  assert.ok(rls.restless.some((r) => r.reason === 2));
});

test("sessions scenarios script presses", () => {
  assert.ok(planNight("plms-sessions", { hours: 2, seed: 1 }).presses.length >= 2);
  assert.equal(planNight("plms", { hours: 2, seed: 1 }).presses.length, 0);
});

test("at rest the sensor reads 1 g, in integers, with the sensor's noise", () => {
  const plan = planNight("quiet", { hours: 1, seed: 5 });
  const leg = new LegSensor(plan, { seed: 5, sample_hz: 50 });
  const first = plan.truth[0]?.onset_ms ?? 3_600_000;
  const mags: number[] = [];
  const xs: number[] = [];
  for (let t = 0; t < Math.min(first, 60_000); t += 20) {
    const [x, y, z] = leg.sample(t, 0);
    assert.ok(Number.isInteger(x) && Number.isInteger(y) && Number.isInteger(z));
    mags.push(Math.hypot(x, y, z));
    xs.push(x);
  }
  const mean = mags.reduce((a, b) => a + b, 0) / mags.length;
  assert.ok(Math.abs(mean - 1000) < 100, `|a| = ${mean}`);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mx) ** 2, 0) / xs.length);
  assert.ok(sd > 0.5 && sd < 6, `noise sd ${sd}`);
});

test("a leg movement changes the reading by well over the noise; the motor adds vibration", () => {
  const plan = planNight("plms", { hours: 1, seed: 2 });
  const lm = plan.truth.find((m) => m.label === "LM")!;
  const leg = new LegSensor(plan, { seed: 2, sample_hz: 50 });
  let rest: number[] = [];
  let peak = 0;
  for (let t = lm.onset_ms - 2000; t < lm.onset_ms + lm.duration_ms; t += 20) {
    const s = leg.sample(t, 0);
    if (t < lm.onset_ms) rest = [...s];
    else peak = Math.max(peak, Math.abs(s[0] - rest[0]) + Math.abs(s[1] - rest[1]) + Math.abs(s[2] - rest[2]));
  }
  assert.ok(peak > 60, `LM peak ${peak} mg`);
  const still = new LegSensor(planNight("quiet", { hours: 1, seed: 9 }), { seed: 9, sample_hz: 50 });
  let spread = 0;
  let lo = Infinity, hi = -Infinity;
  for (let t = 0; t < 5000; t += 20) {
    const x = still.sample(t, 1000)[0];
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  spread = hi - lo;
  assert.ok(spread > 30, `vibration spread ${spread} mg`);
});

test("markPeriodic: a series needs 4 LMs with 10–90 s intervals, unbroken by any other movement (property)", () => {
  const labels = ["LM", "LM", "LM", "LM", "JERK", "FIDGET", "TURN", "RUB"];
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 2_000, max: 120_000 }), fc.integer({ min: 0, max: labels.length - 1 })),
    { minLength: 1, maxLength: 14 }), (steps) => {
    const truth: LabelledMovement[] = [];
    let t = 0;
    for (const [g, l] of steps) { t += g; truth.push({ onset_ms: t, duration_ms: labels[l] === "LM" ? 1500 : 300, label: labels[l] }); }
    const reached = markPeriodic(truth);
    // Reference: split at every non-LM movement, then runs of consecutive in-range intervals.
    const runs: number[] = [];
    let run = 0;
    let last = -Infinity;
    for (const m of truth) {
      if (m.label !== "LM") { if (run) runs.push(run); run = 0; continue; }
      const iv = m.onset_ms - last;
      if (run > 0 && iv >= 10_000 && iv <= 90_000) run++;
      else { if (run) runs.push(run); run = 1; }
      last = m.onset_ms;
    }
    if (run) runs.push(run);
    const series = runs.filter((r) => r >= 4);
    assert.equal(reached.length, series.length);
    assert.equal(truth.filter((m) => m.periodic).length, series.reduce((a, r) => a + r, 0));
  }));
});

test("a 0.3 s jerk between LMs breaks the series, in the truth as in the report", () => {
  const lm = (t: number): LabelledMovement => ({ onset_ms: t, duration_ms: 2000, label: "LM" });
  const truth = [lm(0), lm(20_000), { onset_ms: 35_000, duration_ms: 300, label: "JERK" }, lm(40_000), lm(60_000)];
  assert.deepEqual(markPeriodic(truth), []);
  assert.deepEqual(truth.map((m) => m.periodic), [false, false, false, false, false]);
  const { periodic } = periodicSeries(truth.map((m) => ({ onset_ms: m.onset_ms, role: m.label === "LM" ? "LM" : "movement" })));
  assert.deepEqual(periodic, [false, false, false, false, false]);
  // Without the jerk the same four LMs are a series, recognised at the 4th LM's offset.
  const clean = [lm(0), lm(20_000), lm(40_000), lm(60_000)];
  assert.deepEqual(markPeriodic(clean), [62_000]);
  // Annotations that are not movements do not break it.
  assert.deepEqual(periodicSeries([0, 20_000, 30_000, 40_000, 60_000].map((t, i) => ({ onset_ms: t, role: i === 2 ? "none" as const : "LM" as const }))).fourth, [4]);
});

test("an 8-hour night at 50 Hz renders in a few seconds", () => {
  const plan = planNight("night", { hours: 8, seed: 1 });
  const leg = new LegSensor(plan, { seed: 1, sample_hz: 50 });
  const started = Date.now();
  let sum = 0;
  for (let t = 0; t < plan.duration_ms; t += 20) sum += leg.sample(t, 0)[2];
  assert.ok(Number.isFinite(sum));
  // Generous bound: this is a smoke test, not a benchmark.
  assert.ok(Date.now() - started < 20_000);
});
