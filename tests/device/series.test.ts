// Periodic series of leg movements through the device's exports (WASM/IRLSSG 2016,
// /work/shared/domain.md): ≥ 4 consecutive LMs with onset-to-onset intervals of 10–90 s; an
// interval outside that range, or a non-LM movement in between, breaks the series. SERIES
// (a: LMs so far, b: mean interval) and PLM_COUNT as HAL ABI v1 reports them.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, EVENT, Leg, STATUS, WRAP_MS, powerOn } from "./device.js";

const SERIES_MIN_LMS = 4;
const INTERVAL_MIN_MS = 10_000;
const INTERVAL_MAX_MS = 90_000;
const LM_MS = 1_000;

function train(intervals_ms: number[], start = 1_000) {
  const dev = powerOn(start, { [CONFIG.AUTO_START]: 0 });
  const leg = new Leg(dev, start).quiet(5_000);
  const onsets = leg.lms(intervals_ms, LM_MS);
  return { dev, leg, onsets };
}
const mean = (xs: number[]) => Math.floor(xs.reduce((a, b) => a + b, 0) / xs.length);

describe("onset-to-onset intervals at their limits", () => {
  const cases: [string, number[], boolean][] = [
    ["all 10,000 ms", [INTERVAL_MIN_MS, INTERVAL_MIN_MS, INTERVAL_MIN_MS], true],
    ["one of 9,999 ms (first)", [INTERVAL_MIN_MS - 1, INTERVAL_MIN_MS, INTERVAL_MIN_MS], false],
    ["one of 9,999 ms (last)", [INTERVAL_MIN_MS, INTERVAL_MIN_MS, INTERVAL_MIN_MS - 1], false],
    ["all 90,000 ms", [INTERVAL_MAX_MS, INTERVAL_MAX_MS, INTERVAL_MAX_MS], true],
    ["one of 90,001 ms (first)", [INTERVAL_MAX_MS + 1, INTERVAL_MAX_MS, INTERVAL_MAX_MS], false],
    ["one of 90,001 ms (last)", [INTERVAL_MAX_MS, INTERVAL_MAX_MS, INTERVAL_MAX_MS + 1], false],
    ["10,000, 90,000 and 20,000 ms", [INTERVAL_MIN_MS, INTERVAL_MAX_MS, 20_000], true],
  ];
  for (const [name, intervals, isSeries] of cases) {
    test(`4 LMs, intervals ${name}: ${isSeries ? "a series" : "no series"}`, () => {
      const { dev, onsets } = train(intervals);
      assert.equal(dev.status(STATUS.LM_COUNT), 4);
      assert.deepEqual(dev.of(EVENT.MOVE_START).map((e) => e.a >>> 0), onsets.map((t) => t >>> 0), "onsets as planned");
      const series = dev.of(EVENT.SERIES);
      if (isSeries) {
        assert.deepEqual(series.map((e) => [e.a, e.b]), [[SERIES_MIN_LMS, mean(intervals)]]);
        // Emitted when the 4th LM is scored (its MOVE_END).
        assert.equal(series[0].now, dev.of(EVENT.MOVE_END)[3].now);
        assert.equal(dev.status(STATUS.PLM_COUNT), 4);
      } else {
        assert.deepEqual(series, []);
        assert.equal(dev.status(STATUS.PLM_COUNT), 0);
      }
    });
  }
});

describe("the minimum count and the LM that breaks a series", () => {
  test("3 LMs are no series; the 4th makes one (PLM_COUNT 4 at once), the 5th extends it", () => {
    const { dev, leg } = train([20_000, 20_000]);
    assert.equal(dev.of(EVENT.SERIES).length, 0);
    assert.equal(dev.status(STATUS.PLM_COUNT), 0);
    leg.quiet(20_000 - LM_MS - 2_000).move(LM_MS).quiet(2_000);
    assert.deepEqual(dev.of(EVENT.SERIES).map((e) => [e.a, e.b]), [[4, 20_000]]);
    assert.equal(dev.status(STATUS.PLM_COUNT), 4);
    leg.quiet(30_000 - LM_MS - 2_000).move(LM_MS).quiet(2_000);
    assert.deepEqual(dev.of(EVENT.SERIES).map((e) => [e.a, e.b]), [[4, 20_000], [5, 22_500]]);
    assert.equal(dev.status(STATUS.PLM_COUNT), 5);
    assert.equal(dev.status(STATUS.LM_COUNT), 5);
  });

  test("an LM 9,999 ms after the last breaks the series and starts the next: the series comes at the 7th LM", () => {
    const { dev } = train([20_000, 20_000, INTERVAL_MIN_MS - 1, 20_000, 20_000, 20_000]);
    const series = dev.of(EVENT.SERIES);
    assert.deepEqual(series.map((e) => [e.a, e.b]), [[4, 20_000]]);
    assert.equal(series[0].now, dev.of(EVENT.MOVE_END)[6].now);
    assert.equal(dev.status(STATUS.PLM_COUNT), 4);
    assert.equal(dev.status(STATUS.LM_COUNT), 7);
  });

  test("an LM 90,001 ms after the last breaks the series and starts the next", () => {
    const { dev } = train([20_000, 20_000, 20_000, INTERVAL_MAX_MS + 1, 20_000, 20_000, 20_000]);
    const series = dev.of(EVENT.SERIES);
    assert.deepEqual(series.map((e) => [e.a, e.b]), [[4, 20_000], [4, 20_000]]);
    assert.equal(series[1].now, dev.of(EVENT.MOVE_END)[7].now);
    assert.equal(dev.status(STATUS.PLM_COUNT), 8);
  });

  for (const [what, ms] of [["a 0.3 s jerk (SHORT)", 300], ["a 12 s turn (LONG)", 12_000]] as const) {
    test(`${what} between the 3rd and the 4th LM breaks the series`, () => {
      const dev = powerOn(1_000, { [CONFIG.AUTO_START]: 0 });
      const leg = new Leg(dev, 1_000).quiet(5_000);
      leg.lms([30_000, 30_000]);
      leg.quiet(3_000).move(ms).quiet(30_000 - 2_000 - LM_MS - 3_000 - ms).move(LM_MS).quiet(2_000);
      assert.equal(dev.of(EVENT.MOVE_END).length, 5);
      assert.equal(dev.status(STATUS.LM_COUNT), 4);
      assert.deepEqual(dev.of(EVENT.SERIES), []);
      assert.equal(dev.status(STATUS.PLM_COUNT), 0);
    });
  }
});

describe("a series across the u32 wrap", () => {
  test("4 LMs 10,000 ms apart whose 2nd interval spans 2^32 are a series", () => {
    const start = WRAP_MS - 5_000 - 15_000;
    const { dev, onsets } = train([INTERVAL_MIN_MS, INTERVAL_MIN_MS, INTERVAL_MIN_MS], start);
    assert.ok(onsets[1] < WRAP_MS && onsets[2] > WRAP_MS);
    assert.deepEqual(dev.of(EVENT.SERIES).map((e) => [e.a, e.b]), [[4, INTERVAL_MIN_MS]]);
    assert.equal(dev.status(STATUS.PLM_COUNT), 4);
  });
  test("…and one of 9,999 ms across the wrap breaks it", () => {
    const start = WRAP_MS - 5_000 - 15_000;
    const { dev } = train([INTERVAL_MIN_MS, INTERVAL_MIN_MS - 1, INTERVAL_MIN_MS], start);
    assert.deepEqual(dev.of(EVENT.SERIES), []);
  });
});
