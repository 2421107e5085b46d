// A session's timing through the device's exports (README "Sessions" and "Protective functions"):
// soft start, ramp-down, automatic end, and the independent off timer in the final actuator gate,
// which must cut both actuators by itself when the program fails to end a session (shown with the
// debug build's seam fw_debug_program_never_ends; that the release build lacks it is module.test.ts's).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, Device, EVENT, FAULT, LED, Leg, SESSION_CAUSE, SESSION_END_REASON, STATE, STATUS,
  powerOn } from "./device.js";

const MIN_MS = 60_000;
/** A button session eases in over 5 s. */
const BUTTON_RAMP_UP_MS = 5_000;
/** The ramp-down takes the last 5 minutes, as on the clinical vibration pad; half of a shorter session. */
const RAMP_DOWN_MS = 5 * MIN_MS;
/** The independent off timer cuts both actuators this long after a session's planned end. */
const OFF_TIMER_MARGIN_MS = 1_000;

/** Power-on, then a 200 ms press; returns the session's start (SESSION_START's time). */
function buttonSession(config: Record<number, number>) {
  const dev = powerOn(1_000, config);
  const leg = new Leg(dev, 1_000).quiet(2_000);
  dev.button(leg.t, 1);
  leg.quiet(200);
  dev.button(leg.t, 0);
  leg.quiet(1_000);
  const starts = dev.of(EVENT.SESSION_START);
  assert.equal(starts.length, 1);
  return { dev, leg, s: starts[0].now, start: starts[0] };
}

/** Samples up to `t`, then a tick at `t`: the device's state at `t`. */
function at(leg: Leg, t: number): Device {
  leg.quietUntil(t);
  leg.dev.tick(t);
  return leg.dev;
}

describe("power-on and the actuators' calls (HAL ABI v1)", () => {
  test("fw_init: motor 0, heater 0, LED idle, each told once; an idle device calls nothing more", () => {
    const dev = powerOn(1_000);
    assert.deepEqual(dev.calls.map((c) => [c.fn, ...c.args]), [["set_vibration", 0], ["set_heater", 0], ["set_led", LED.IDLE]]);
    new Leg(dev, 1_000).quiet(10_000);
    assert.equal(dev.calls.length, 3);
    assert.equal(dev.status(STATUS.STATE), STATE.IDLE);
    assert.equal(dev.status(STATUS.VIBRATION), 0);
  });
  test("through a session set_vibration and set_heater are called only when the value changes", () => {
    const { dev, leg, s } = buttonSession({ [CONFIG.SESSION_MIN]: 5 });
    for (let t = leg.t + 1_000; t <= s + 310_000; t += 1_000) { leg.quietUntil(t); dev.temperature(t, 3_990); }
    assert.deepEqual(dev.of(EVENT.FAULT), []);
    for (const fn of ["set_vibration", "set_heater", "set_led"] as const) {
      const v = dev.values(fn);
      assert.ok(v.length > 3, `${fn} used`);
      assert.deepEqual(v.filter((d, i) => i > 0 && d === v[i - 1]), [], `${fn} repeated a value`);
    }
    assert.equal(dev.status(STATUS.VIBRATION), dev.vibration);
    assert.equal(dev.status(STATUS.HEATER), dev.heater);
  });
});

describe("a button session", () => {
  test("10 min: soft start 5 s, running, ramp-down over the last 5 min, completed at 600,000 ms; LED and actuators follow", () => {
    const { dev, leg, s, start } = buttonSession({ [CONFIG.SESSION_MIN]: 10, [CONFIG.HEAT_ENABLED]: 0 });
    const planned_ms = 10 * MIN_MS;
    assert.deepEqual([start.a, start.b], [SESSION_CAUSE.BUTTON, planned_ms / 1000]);
    assert.equal(dev.status(STATUS.STATE), STATE.RAMP_UP);
    assert.equal(dev.led, LED.SESSION);
    assert.equal(dev.status(STATUS.INTENSITY_NOW), 5);
    assert.ok(leg.t - s < 1_000);
    assert.equal(dev.status(STATUS.SESSION_LEFT_S), planned_ms / 1000);
    const early = at(leg, s + 1_000).vibration;
    assert.equal(at(leg, s + BUTTON_RAMP_UP_MS - 1).status(STATUS.STATE), STATE.RAMP_UP);
    assert.equal(at(leg, s + BUTTON_RAMP_UP_MS).status(STATUS.STATE), STATE.RUNNING);
    assert.ok(early > 0 && early < dev.vibration, `soft: ${early} ‰ after 1 s, ${dev.vibration} ‰ at full level`);
    assert.equal(at(leg, s + planned_ms - RAMP_DOWN_MS - 1).status(STATUS.STATE), STATE.RUNNING);
    assert.equal(dev.led, LED.SESSION);
    assert.equal(dev.status(STATUS.SESSION_LEFT_S), RAMP_DOWN_MS / 1000 + 1);
    assert.equal(at(leg, s + planned_ms - RAMP_DOWN_MS).status(STATUS.STATE), STATE.RAMP_DOWN);
    assert.equal(dev.led, LED.RAMP_DOWN);
    assert.equal(dev.status(STATUS.SESSION_LEFT_S), RAMP_DOWN_MS / 1000);
    // Sampled a whole number of the massage wave's 6.4 s breaths apart, so only the ramp differs.
    const ramp = [0, 1, 2, 3].map((k) => at(leg, s + planned_ms - RAMP_DOWN_MS + k * 64_000 + 3_200).vibration);
    assert.ok(ramp.every((d, i) => i === 0 || d < ramp[i - 1]), `the duty falls through the ramp-down: ${ramp}`);
    assert.equal(at(leg, s + planned_ms - 1).status(STATUS.STATE), STATE.RAMP_DOWN);
    assert.equal(dev.status(STATUS.SESSION_LEFT_S), 1);
    assert.deepEqual(dev.of(EVENT.SESSION_END), []);
    at(leg, s + planned_ms);
    assert.deepEqual(dev.of(EVENT.SESSION_END).map((e) => [e.now, e.a, e.b]), [[s + planned_ms, SESSION_END_REASON.COMPLETED, planned_ms / 1000]]);
    assert.equal(dev.status(STATUS.STATE), STATE.IDLE);
    assert.equal(dev.status(STATUS.SESSION_LEFT_S), 0);
    assert.equal(dev.status(STATUS.INTENSITY_NOW), 0);
    assert.equal(dev.vibration, 0);
    assert.equal(dev.heater, 0);
    assert.equal(dev.led, LED.IDLE);
  });

  test("5 min: the ramp-down is half the session (from 150,000 ms)", () => {
    const { dev, leg, s } = buttonSession({ [CONFIG.SESSION_MIN]: 5, [CONFIG.HEAT_ENABLED]: 0 });
    assert.equal(at(leg, s + 150_000 - 1).status(STATUS.STATE), STATE.RUNNING);
    assert.equal(at(leg, s + 150_000).status(STATUS.STATE), STATE.RAMP_DOWN);
    at(leg, s + 300_000 - 1);
    assert.deepEqual(dev.of(EVENT.SESSION_END), []);
    at(leg, s + 300_000);
    assert.deepEqual(dev.of(EVENT.SESSION_END).map((e) => [e.now - s, e.a]), [[300_000, SESSION_END_REASON.COMPLETED]]);
  });

  test("a short press during a session ends it at once: SESSION_END 2, both actuators off in that call", () => {
    const { dev, leg, s } = buttonSession({ [CONFIG.SESSION_MIN]: 5, [CONFIG.HEAT_ENABLED]: 0 });
    at(leg, s + 20_000);
    assert.ok(dev.vibration > 0);
    dev.button(leg.t, 1);
    leg.quiet(200);
    dev.button(leg.t, 0);
    leg.quiet(1_000);
    const end = dev.of(EVENT.SESSION_END);
    assert.deepEqual(end.map((e) => e.a), [SESSION_END_REASON.BUTTON]);
    const off = dev.calls.find((c) => c.fn === "set_vibration" && c.args[0] === 0 && c.at >= end[0].now);
    assert.equal(off?.at, end[0].now, "the motor stops in the call that ends the session");
    assert.equal(dev.status(STATUS.STATE), STATE.IDLE);
  });
});

describe("changes during a session", () => {
  test("INTENSITY set during a session: the session runs at it at once", () => {
    const { dev, leg, s } = buttonSession({ [CONFIG.SESSION_MIN]: 5, [CONFIG.HEAT_ENABLED]: 0 });
    at(leg, s + 20_000);
    const before = dev.vibration;
    assert.equal(dev.set(CONFIG.INTENSITY, 9), 0);
    assert.equal(dev.status(STATUS.INTENSITY_NOW), 9);
    at(leg, s + 20_000 + 6_400);
    assert.ok(dev.vibration > before, `${dev.vibration} > ${before}`);
  });
  test("heat switched on during a session: the thermistor must report within 3 s of the switch (3,000 ms allowed, 3,001 a fault)", () => {
    const { dev, leg, s } = buttonSession({ [CONFIG.SESSION_MIN]: 5, [CONFIG.HEAT_ENABLED]: 0 });
    at(leg, s + 20_000);
    assert.equal(dev.set(CONFIG.HEAT_ENABLED, 1), 0);
    const h = leg.t;
    at(leg, h + 3_000);
    assert.deepEqual(dev.of(EVENT.FAULT), []);
    at(leg, h + 3_001);
    assert.deepEqual(dev.of(EVENT.FAULT).map((e) => [e.now - h, e.a, e.b]), [[3_001, FAULT.THERMISTOR, 2 /* silent */]]);
    assert.ok(dev.vibration > 0);
  });
});

describe("the independent off timer", () => {
  test("the program never ends its session: the gate cuts motor and heater at planned + 1 s (not 1 ms before), SESSION_END 4", () => {
    const dev = powerOn(1_000, { [CONFIG.SESSION_MIN]: 5 });
    dev.programNeverEnds();
    const leg = new Leg(dev, 1_000);
    // The pad a little below its target: the heater works gently all session.
    let next_reading = 0;
    leg.beforeSample = (t) => {
      if (t < next_reading) return;
      dev.temperature(t, 3_990);
      next_reading = t + 1_000;
    };
    leg.quiet(2_000);
    dev.button(leg.t, 1);
    leg.quiet(200);
    dev.button(leg.t, 0);
    leg.quiet(1_000);
    const s = dev.of(EVENT.SESSION_START)[0].now;
    const planned_ms = 5 * MIN_MS;
    at(leg, s + planned_ms + OFF_TIMER_MARGIN_MS - 1);
    assert.deepEqual(dev.of(EVENT.SESSION_END), [], "the program did not end it");
    assert.equal(dev.status(STATUS.STATE), STATE.RUNNING, "the program believes it runs");
    assert.ok(dev.vibration > 0, "motor still on 1 ms before the limit");
    assert.ok(dev.heater > 0, "heater still on 1 ms before the limit");
    at(leg, s + planned_ms + OFF_TIMER_MARGIN_MS);
    assert.deepEqual(dev.of(EVENT.SESSION_END).map((e) => [e.now - s, e.a, e.b]),
      [[planned_ms + OFF_TIMER_MARGIN_MS, SESSION_END_REASON.OTHER, planned_ms / 1000]]);
    assert.equal(dev.vibration, 0);
    assert.equal(dev.heater, 0);
    assert.equal(dev.status(STATUS.STATE), STATE.IDLE);
    at(leg, s + planned_ms + 60_000);
    assert.equal(dev.vibration, 0);
    assert.equal(dev.heater, 0);
  });

  test("a 60 min session (the longest) the program never ends: cut at 3,601,000 ms, not 1 ms before", () => {
    const dev = powerOn(1_000, { [CONFIG.SESSION_MIN]: 60, [CONFIG.HEAT_ENABLED]: 0, [CONFIG.SAMPLE_HZ]: 25 });
    dev.programNeverEnds();
    const leg = new Leg(dev, 1_000, 25).quiet(2_000);
    dev.button(leg.t, 1);
    leg.quiet(200);
    dev.button(leg.t, 0);
    leg.quiet(1_000);
    const s = dev.of(EVENT.SESSION_START)[0].now;
    const limit = 60 * MIN_MS + OFF_TIMER_MARGIN_MS;
    at(leg, s + limit - 1);
    assert.ok(dev.vibration > 0);
    assert.deepEqual(dev.of(EVENT.SESSION_END), []);
    at(leg, s + limit);
    assert.deepEqual(dev.of(EVENT.SESSION_END).map((e) => [e.now - s, e.a]), [[limit, SESSION_END_REASON.OTHER]]);
    assert.equal(dev.vibration, 0);
  });
});
