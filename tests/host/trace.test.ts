// The night's trace for reports (host/record.ts TraceRecorder): one point a second, and a night of
// any length keeps at most a fixed number of points: when full, neighbours merge in pairs, each
// keeping the highest value of its seconds, so a one-second spike stays visible at any length.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_TRACE_POINTS, TraceRecorder } from "../../host/record.js";

/** Feeds `seconds` seconds at 25 Hz: a foot at rest, a movement of 400 mg in second `spikeAt`. */
function night(recorder: TraceRecorder, seconds: number, spikeAt: number, heatAt = -1): void {
  for (let s = 0; s < seconds; s++) {
    for (let k = 0; k < 25; k++) {
      const z = s === spikeAt && k === 10 ? 1400 : 1000 + (k % 2);
      recorder.sample(s * 1000 + k * 40, 0, 0, z, 0, s === heatAt ? 500 : 0, 3000 + (s % 7));
    }
  }
}

describe("the trace of a night", () => {
  it("one point a second: activity is the peak-to-peak of the magnitude, duties and pad at the end of the second", () => {
    const r = new TraceRecorder();
    night(r, 10, 4);
    const t = r.finish();
    assert.equal(t.step_s, 1);
    assert.deepEqual(t.activity_mg, [1, 1, 1, 1, 400, 1, 1, 1, 1, 1]);
    assert.deepEqual(t.pad_cdeg, [3000, 3001, 3002, 3003, 3004, 3005, 3006, 3000, 3001, 3002]);
  });

  it("a second without samples is a gap (NaN activity), not a quiet second", () => {
    const r = new TraceRecorder();
    r.sample(0, 0, 0, 1000, 0, 0, NaN);
    r.sample(2500, 0, 0, 1000, 100, 0, NaN);
    const t = r.finish();
    assert.deepEqual(t.activity_mg, [0, NaN, 0]);
    assert.deepEqual(t.vibration_permille, [0, 100, 100], "the gap takes the duty of the sample after it");
  });

  it("keeps at most its points: a night 3.5 times as long as them has points of 4 s, between half and all of them", () => {
    const r = new TraceRecorder(16);
    night(r, 56, 37, 50);
    const t = r.finish();
    assert.equal(t.step_s, 4);
    assert.equal(t.activity_mg.length, 14);
    assert.equal(t.activity_mg[9], 400, "the spike in second 37 stays in point 9 (36–39 s)");
    assert.equal(t.activity_mg.filter((a) => a === 400).length, 1);
    assert.equal(t.heater_permille[12], 500, "a second of heat in 48–51 s shows");
    assert.equal(t.pad_cdeg[0], 3003, "the highest pad temperature of 0–3 s");
  });

  it("a part-filled last point counts; the limit itself fits, one second more halves", () => {
    const full = new TraceRecorder(16);
    night(full, 15, -1);
    assert.equal(full.finish().step_s, 1, "15 points of 16");
    const over = new TraceRecorder(16);
    night(over, 17, -1);
    const t = over.finish();
    assert.equal(t.step_s, 2);
    assert.equal(t.activity_mg.length, 9, "8 points of 2 s and the 17th second alone");
  });

  it("by default a whole day still has a point a second", () => {
    assert.ok(MAX_TRACE_POINTS >= 24 * 3600 && MAX_TRACE_POINTS % 2 === 0);
  });
});
