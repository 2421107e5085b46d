// The one matching rule between the firmware's movements and labelled ones (host/scoring/
// matching.ts), at its limits, and the proof that the evaluation and the night report now count
// the same night alike.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Board } from "../../host/board/board.js";
import { simulatePlan } from "../../host/board/simulatedNight.js";
import { nightClock0, runNight } from "../../host/commands/evalNight.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { summarize } from "../../host/report/summary.js";
import { type Label, match } from "../../host/scoring/matching.js";
import type { DetectedMovement } from "../../host/scoring/movements.js";
import { aggregate, scoreNight } from "../../host/scoring/nightScore.js";
import { planNight } from "../../host/sim/night.js";

const lm = (onset_ms: number, duration_ms: number): DetectedMovement => ({ onset_ms, duration_ms, cls: "LM", latency_ms: 100 });
const label = (onset_ms: number, duration_ms: number, text = "LM"): Label => ({ onset_ms, duration_ms, label: text });

describe("the matching rule", () => {
  it("needs the intervals to overlap: by 1 ms they match, touching they do not", () => {
    assert.deepEqual(match([lm(0, 1000)], [label(999, 1000)]).pairs, [[0, 0]]);
    const touching = match([lm(0, 1000)], [label(1000, 1000)]);
    assert.deepEqual(touching.pairs, []);
    assert.deepEqual(touching.missed, [0]);
    assert.deepEqual(touching.false_lms, [0]);
  });

  it("an onset 0.9 s from a labelled onset is no match without overlap", () => {
    assert.deepEqual(match([lm(1500, 600)], [label(600, 700)]).pairs, []);
  });

  it("a detection belongs to the movement it overlaps most: an LM over a labelled turn is false, the LM it grazes missed", () => {
    const m = match([lm(10_000, 8000)], [label(9_000, 1500), label(11_000, 12_000, "TURN")]);
    assert.deepEqual(m.owner, [1]);
    assert.deepEqual(m.pairs, []);
    assert.deepEqual(m.missed, [0]);
    assert.deepEqual(m.false_lms, [0]);
  });

  it("every labelled LM counts once: a second firmware LM on it is false, one firmware LM over two finds one", () => {
    const twice = match([lm(1000, 800), lm(2000, 800)], [label(900, 2000)]);
    assert.deepEqual(twice.pairs, [[0, 0]]);
    assert.deepEqual(twice.false_lms, [1]);
    const merged = match([lm(1000, 5000)], [label(1000, 1500), label(3500, 2000)]);
    assert.deepEqual(merged.pairs, [[0, 1]]);
    assert.deepEqual(merged.missed, [0]);
  });

  it("firmware LMs on rubbing or a fidget are left out of PPV; annotations that are not movements take no part", () => {
    const m = match([lm(1000, 700), lm(5000, 700)], [label(900, 500, "FIDGET"), label(0, 30_000, "Sleep stage 2"), label(5000, 900, "Leg movement")]);
    assert.equal(m.dont_care_lms, 1);
    assert.equal(m.detected_lms, 1);
    assert.deepEqual(m.pairs, [[1, 2]]);
    assert.equal(m.labelled_lms, 1);
  });
});

describe("one rule for the evaluation and the report", () => {
  it("a simulated night with a false LM and one on a fidget: the report's sensitivity and PPV are the evaluation's", () => {
    const plan = planNight("coarse-sensor", { hours: 1, seed: 2 });
    const sample_hz = 25;
    const run = runNight(plan, { sample_hz, clock0_ms: nightClock0(2, sample_hz) });
    const evaluation = aggregate([scoreNight(run)]);
    const record = simulatePlan(plan, { board: new Board(firmwareModule()), sample_hz, clock0_ms: nightClock0(2, sample_hz), trace: false });
    assert.deepEqual(record.events, run.events, "the same night");
    const report = summarize(record).agreement!;
    assert.ok(report.labelled_lms > 30, `${report.labelled_lms} labelled LMs`);
    assert.ok(evaluation.ppv < 1 && evaluation.dont_care_lms > 0, "a night with something to disagree about");
    assert.equal(report.sensitivity, evaluation.sensitivity);
    assert.equal(report.ppv, evaluation.ppv);
  });
});
