// What is and is not restlessness, through the device's exports (/work/shared/domain.md; README
// "Detector"): turning over is no leg movement; rhythmic foot movements while falling asleep and
// hypnic jerks are not restlessness; dense irregular movement with leg movements at rest is
// (RESTLESS 2), and starts a session.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, EVENT, Leg, MOVE_CLASS, SESSION_CAUSE, STATUS, powerOn } from "./device.js";

const RESTLESS_DENSE = 2;

function bench(config: Record<number, number> = {}) {
  const dev = powerOn(1_000, config);
  const leg = new Leg(dev, 1_000).quiet(5_000);
  return { dev, leg };
}

describe("turning over", () => {
  test("a 3 s movement that leaves the foot resting on its side (gravity turned 90°) is LONG, not an LM", () => {
    const { dev, leg } = bench({ [CONFIG.AUTO_START]: 0 });
    leg.move(3_000);
    leg.rest = [1000, 0, 0];
    leg.quiet(20_000);
    assert.deepEqual(dev.of(EVENT.MOVE_END).map((e) => e.b), [MOVE_CLASS.LONG]);
    assert.equal(dev.status(STATUS.LM_COUNT), 0);
    // …and the new orientation is the new rest: an LM there is an LM.
    leg.move(2_000).quiet(3_000);
    assert.deepEqual(dev.of(EVENT.MOVE_END).map((e) => [e.a, e.b]).slice(1), [[2_000, MOVE_CLASS.LM]]);
  });
  test("the same 3 s movement back to where the foot lay is an LM", () => {
    const { dev, leg } = bench({ [CONFIG.AUTO_START]: 0 });
    leg.move(3_000).quiet(20_000);
    assert.deepEqual(dev.of(EVENT.MOVE_END).map((e) => [e.a, e.b]), [[3_000, MOVE_CLASS.LM]]);
  });
});

describe("not restlessness", () => {
  test("rhythmic foot movements while falling asleep (0.5 s bursts at 1.5/s for 12 s, three trains): no RESTLESS, no session", () => {
    const { dev, leg } = bench();
    for (let train = 0; train < 3; train++) {
      for (let k = 0; k < 18; k++) leg.move(500).quiet(167);
      leg.quiet(20_000);
    }
    assert.deepEqual(dev.of(EVENT.RESTLESS), []);
    assert.deepEqual(dev.of(EVENT.SESSION_START), []);
  });
  test("hypnic jerks (0.2 s, every 5–9 s, twelve of them): all SHORT, no RESTLESS, no session", () => {
    const { dev, leg } = bench();
    for (let k = 0; k < 12; k++) leg.move(200).quiet(4_800 + (k % 5) * 1_000);
    assert.deepEqual(dev.of(EVENT.MOVE_END).map((e) => e.b), Array(12).fill(MOVE_CLASS.SHORT));
    assert.deepEqual(dev.of(EVENT.RESTLESS), []);
    assert.deepEqual(dev.of(EVENT.SESSION_START), []);
  });
});

describe("dense irregular movement at rest", () => {
  test("LMs and fidgets 4–8 s apart for a minute: RESTLESS 2 and an auto session at that moment", () => {
    const { dev, leg } = bench({ [CONFIG.AUTO_SESSION_MIN]: 5 });
    const pattern: [number, number][] = [[1_500, 5_000], [300, 4_000], [2_500, 7_000], [400, 5_500], [1_200, 8_000], [300, 4_500], [3_000, 6_000], [800, 5_000]];
    for (const [move_ms, gap_ms] of pattern) {
      if (dev.of(EVENT.SESSION_START).length > 0) break;
      leg.move(move_ms).quiet(gap_ms);
    }
    const restless = dev.of(EVENT.RESTLESS);
    assert.deepEqual(restless.map((e) => e.a), [RESTLESS_DENSE]);
    assert.deepEqual(dev.of(EVENT.SESSION_START).map((e) => [e.now, e.a]), [[restless[0].now, SESSION_CAUSE.AUTO]]);
    assert.deepEqual(dev.of(EVENT.SERIES), [], "no periodic series (intervals under 10 s)");
  });
});
