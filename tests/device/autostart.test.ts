// Restlessness starts a session by itself, and only when it may (HAL ABI v1's config keys 3, 7 and
// 9; README "Sessions"): AUTO_START on, no session running, the accelerometer trusted (no FAULT 1
// or 2), and AUTO_COOLDOWN_MIN passed since the last session ended — to the millisecond.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, EVENT, FAULT, Leg, SESSION_CAUSE, STATE, STATUS, powerOn, u32 } from "./device.js";

/** A periodic series: 4 LMs 20 s apart (≥ 4 LMs, 10–90 s: the domain's rule). */
const SERIES_INTERVALS = [20_000, 20_000, 20_000];
const MIN_MS = 60_000;
/** An auto session eases in over 30 s, two intensity levels below the setting (at least 1): README "Sessions". */
const AUTO_RAMP_UP_MS = 30_000;
const AUTO_LEVELS_LOWER = 2;

function restlessNight(config: Record<number, number> = {}) {
  const dev = powerOn(1_000, { [CONFIG.AUTO_SESSION_MIN]: 5, ...config });
  const leg = new Leg(dev, 1_000).quiet(5_000);
  return { dev, leg };
}

describe("a periodic series starts an auto session", () => {
  test("at the moment the series is recognised, of AUTO_SESSION_MIN, easing in over 30 s at intensity − 2", () => {
    const { dev, leg } = restlessNight({ [CONFIG.INTENSITY]: 6 });
    leg.lms(SERIES_INTERVALS);
    const restless = dev.of(EVENT.RESTLESS);
    assert.equal(restless.length, 1);
    const starts = dev.of(EVENT.SESSION_START);
    assert.deepEqual(starts.map((e) => [e.now, e.a, e.b]), [[restless[0].now, SESSION_CAUSE.AUTO, 5 * 60]]);
    const s = starts[0].now;
    assert.equal(dev.status(STATUS.INTENSITY_NOW), 6 - AUTO_LEVELS_LOWER);
    leg.quietUntil(s + AUTO_RAMP_UP_MS - 1);
    dev.tick(s + AUTO_RAMP_UP_MS - 1);
    assert.equal(dev.status(STATUS.STATE), STATE.RAMP_UP);
    leg.quietUntil(s + AUTO_RAMP_UP_MS);
    dev.tick(s + AUTO_RAMP_UP_MS);
    assert.equal(dev.status(STATUS.STATE), STATE.RUNNING);
    assert.ok(dev.vibration > 0);
  });

  test("at intensity 1 or 2 an auto session runs at level 1", () => {
    for (const level of [1, 2]) {
      const { dev, leg } = restlessNight({ [CONFIG.INTENSITY]: level });
      leg.lms(SERIES_INTERVALS);
      assert.equal(dev.of(EVENT.SESSION_START).length, 1);
      assert.equal(dev.status(STATUS.INTENSITY_NOW), 1);
    }
  });

  test("AUTO_START=0: the series is recognised, no session starts, the motor stays off", () => {
    const { dev, leg } = restlessNight({ [CONFIG.AUTO_START]: 0 });
    leg.lms(SERIES_INTERVALS);
    assert.equal(dev.of(EVENT.RESTLESS).length, 1);
    assert.deepEqual(dev.of(EVENT.SESSION_START), []);
    assert.equal(dev.status(STATUS.STATE), STATE.IDLE);
    assert.deepEqual(dev.values("set_vibration").filter((d) => d !== 0), []);
  });
});

describe("an untrusted accelerometer never starts a session", () => {
  test("FAULT 2 (implausible samples) active when the series is recognised: no session; once it clears, the next series starts one", () => {
    const { dev, leg } = restlessNight();
    // A burst of out-of-range samples between the real ones (refused, never seen by the detector),
    // then one every 0.5 s: the sensor stays untrusted through the whole series.
    let next_bad = -1;
    leg.beforeSample = (t) => {
      if (t - 5 < next_bad) return;
      for (let i = 0; i < (next_bad < 0 ? 50 : 1); i++) dev.accel(t - 5, 16_001, 0, 1_000);
      next_bad = t + 500;
    };
    leg.quiet(1_000);
    assert.equal(dev.of(EVENT.FAULT).filter((e) => e.a === FAULT.ACCEL_IMPLAUSIBLE).length, 1);
    leg.lms(SERIES_INTERVALS);
    assert.equal(dev.of(EVENT.RESTLESS).length, 1);
    assert.ok(dev.status(STATUS.FAULTS) & (1 << FAULT.ACCEL_IMPLAUSIBLE));
    assert.deepEqual(dev.of(EVENT.SESSION_START), []);
    // The sensor recovers; the next series starts a session.
    leg.beforeSample = undefined;
    leg.quiet(5_000);
    assert.equal(dev.status(STATUS.FAULTS), 0);
    leg.lms(SERIES_INTERVALS);
    assert.equal(dev.of(EVENT.SESSION_START).length, 1);
  });
});

describe("the cooldown after a session, to the millisecond", () => {
  /**
   * A button session ended by the button at E; then a series whose recognition falls at
   * E + cooldown + `delta_ms`. The moment of recognition is measured on a twin device first
   * (same leg, no session), so the test does not assume the detector's latency.
   */
  function afterSession(cooldown_min: number, delta_ms: number) {
    const twin = restlessNight({ [CONFIG.AUTO_START]: 0 });
    const t0 = twin.leg.t;
    twin.leg.lms(SERIES_INTERVALS);
    const latency_ms = twin.dev.of(EVENT.RESTLESS)[0].now - t0;

    const { dev, leg } = restlessNight({ [CONFIG.HEAT_ENABLED]: 0 });
    if (cooldown_min !== 10) assert.equal(dev.set(CONFIG.AUTO_COOLDOWN_MIN, cooldown_min), 0);
    dev.button(leg.t, 1);
    leg.quiet(200);
    dev.button(leg.t, 0);
    leg.quiet(2_000);
    assert.equal(dev.of(EVENT.SESSION_START).length, 1);
    leg.quiet(10_000);
    dev.button(leg.t, 1);
    leg.quiet(200);
    dev.button(leg.t, 0);
    leg.quiet(2_000);
    const end = dev.of(EVENT.SESSION_END);
    assert.equal(end.length, 1);
    const e = end[0].now;
    leg.quietUntil(e + cooldown_min * MIN_MS + delta_ms - latency_ms);
    leg.lms(SERIES_INTERVALS);
    const restless = dev.of(EVENT.RESTLESS);
    assert.equal(restless.length, 1);
    assert.equal(u32(restless[0].now - e), cooldown_min * MIN_MS + delta_ms, "recognised when planned");
    return dev.of(EVENT.SESSION_START).slice(1);
  }
  test("cooldown 2 min: restlessness 119,999 ms after the session ended starts nothing", () => {
    assert.deepEqual(afterSession(2, -1), []);
  });
  test("cooldown 2 min: restlessness 120,000 ms after the session ended starts an auto session", () => {
    assert.deepEqual(afterSession(2, 0).map((e) => e.a), [SESSION_CAUSE.AUTO]);
  });
  test("the default cooldown (10 min): 599,999 ms nothing, 600,000 ms a session", () => {
    assert.deepEqual(afterSession(10, -1), []);
    assert.deepEqual(afterSession(10, 0).map((e) => e.a), [SESSION_CAUSE.AUTO]);
  });
});
