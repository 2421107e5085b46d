// Supervision of the sensors and the clock through the device's exports (HAL ABI v1 "Faults"):
// the accelerometer missing for more than 2 s, implausible or frozen; the clock stepping back or
// more than 2 s forward, the lockout until it has been orderly for 5 s; the wrap is no fault.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, EVENT, FAULT, LED, Leg, SESSION_END_REASON, STATE, STATUS, WRAP_MS, powerOn } from "./device.js";

const ACCEL_TIMEOUT_MS = 2_000;
const CLOCK_MAX_STEP_MS = 2_000;
const CLOCK_RECOVERY_MS = 5_000;
/** FAULT 2 and 5 details (HAL ABI v1 extension). */
const ACCEL_OUT_OF_RANGE = 1;
const ACCEL_FROZEN = 2;
const CLOCK_BACKWARDS = 1;
const CLOCK_FORWARDS = 2;

const faults = (dev: ReturnType<typeof powerOn>, code: number) => dev.of(EVENT.FAULT).filter((e) => e.a === code);

describe("the accelerometer", () => {
  test("no sample for 2,000 ms is allowed; 2,001 ms is FAULT 1; the next sample clears it", () => {
    const dev = powerOn(1_000);
    const leg = new Leg(dev, 1_000).quiet(1_000);
    const last = leg.t;
    for (let t = last + 100; t < last + ACCEL_TIMEOUT_MS; t += 100) dev.tick(t);
    dev.tick(last + ACCEL_TIMEOUT_MS);
    assert.deepEqual(faults(dev, FAULT.ACCEL_MISSING), []);
    dev.tick(last + ACCEL_TIMEOUT_MS + 1);
    assert.deepEqual(faults(dev, FAULT.ACCEL_MISSING).map((e) => e.now), [last + ACCEL_TIMEOUT_MS + 1]);
    assert.equal(dev.led, LED.FAULT);
    dev.accel(last + ACCEL_TIMEOUT_MS + 50, 0, 0, 1000);
    assert.deepEqual(dev.of(EVENT.FAULT_CLEAR).map((e) => [e.now, e.a]), [[last + ACCEL_TIMEOUT_MS + 50, FAULT.ACCEL_MISSING]]);
    assert.equal(dev.status(STATUS.FAULTS), 0);
  });

  test("one refused sample is counted, a run of them (1 s) is FAULT 2 (out of range); plausible changing data clears it", () => {
    const dev = powerOn(1_000);
    const leg = new Leg(dev, 1_000).quiet(1_000);
    leg.ticksBefore(leg.t + 11);
    dev.accel(leg.t + 10, 20_000, 0, 1000);
    leg.quiet(1_000);
    assert.deepEqual(faults(dev, FAULT.ACCEL_IMPLAUSIBLE), []);
    for (let t = leg.t + 20; t <= leg.t + 1_000; t += 20) { leg.ticksBefore(t); dev.accel(t, 0, -16_001, 1000); }
    leg.t += 1_000;
    assert.deepEqual(faults(dev, FAULT.ACCEL_IMPLAUSIBLE).map((e) => e.b), [ACCEL_OUT_OF_RANGE]);
    assert.equal(dev.status(STATUS.REJECTED_INPUTS), 51);
    leg.quiet(5_000);
    assert.deepEqual(dev.of(EVENT.FAULT_CLEAR).map((e) => e.a), [FAULT.ACCEL_IMPLAUSIBLE]);
  });

  test("bit-identical samples for a minute are a frozen sensor (FAULT 2, frozen); a live sensor's 1 LSB of noise is not", () => {
    const frozen = powerOn(1_000);
    for (let t = 1_020; t <= 61_000; t += 20) { frozen.accel(t, 3, -7, 1002); if (t % 100 === 0) frozen.tick(t); }
    assert.deepEqual(faults(frozen, FAULT.ACCEL_IMPLAUSIBLE).map((e) => e.b), [ACCEL_FROZEN]);
    const live = powerOn(1_000);
    new Leg(live, 1_000).quiet(60_000);
    assert.deepEqual(live.of(EVENT.FAULT), []);
  });
});

describe("the clock", () => {
  function running() {
    const dev = powerOn(1_000, { [CONFIG.HEAT_ENABLED]: 0 });
    const leg = new Leg(dev, 1_000).quiet(1_000);
    dev.button(leg.t, 1);
    leg.quiet(200);
    dev.button(leg.t, 0);
    leg.quiet(10_000);
    assert.ok(dev.vibration > 0);
    return { dev, leg };
  }

  test("a step of 2,000 ms is orderly; 2,001 ms is FAULT 5 (forwards): the session ends, actuators off, lockout", () => {
    const { dev, leg } = running();
    dev.tick(leg.t + CLOCK_MAX_STEP_MS);
    assert.deepEqual(dev.of(EVENT.FAULT), []);
    const t = leg.t + 2 * CLOCK_MAX_STEP_MS + 1;
    dev.tick(t);
    assert.deepEqual(faults(dev, FAULT.CLOCK).map((e) => [e.now, e.b]), [[t, CLOCK_FORWARDS]]);
    assert.deepEqual(dev.of(EVENT.SESSION_END).map((e) => [e.now, e.a]), [[t, SESSION_END_REASON.FAULT]]);
    assert.equal(dev.vibration, 0);
    assert.equal(dev.status(STATUS.STATE), STATE.FAULT_LOCKOUT);
  });

  test("a step back of 1 ms is FAULT 5 (backwards); the lockout lasts until the clock has been orderly for 5,000 ms", () => {
    const { dev, leg } = running();
    dev.clockMayStepBack = true;
    const t = leg.t - 1;
    dev.tick(t);
    assert.deepEqual(faults(dev, FAULT.CLOCK).map((e) => [e.now, e.b]), [[t, CLOCK_BACKWARDS]]);
    assert.equal(dev.vibration, 0);
    // A press in the lockout starts nothing.
    for (let k = 1; k < CLOCK_RECOVERY_MS / 100; k++) dev.tick(t + 100 * k);
    dev.button(t + 4_900, 1);
    dev.button(t + 4_950, 0);
    dev.tick(t + CLOCK_RECOVERY_MS - 1);
    assert.equal(dev.status(STATUS.STATE), STATE.FAULT_LOCKOUT);
    assert.deepEqual(dev.of(EVENT.FAULT_CLEAR), []);
    dev.tick(t + CLOCK_RECOVERY_MS);
    assert.deepEqual(dev.of(EVENT.FAULT_CLEAR).map((e) => [e.now, e.a]), [[t + CLOCK_RECOVERY_MS, FAULT.CLOCK]]);
    assert.equal(dev.of(EVENT.SESSION_START).length, 1, "the press in the lockout started nothing");
    assert.equal(dev.vibration, 0);
  });

  test("the u32 wrap is no clock fault: a session runs across it", () => {
    const start = WRAP_MS - 20_000;
    const dev = powerOn(start, { [CONFIG.HEAT_ENABLED]: 0, [CONFIG.SESSION_MIN]: 5 });
    const leg = new Leg(dev, start).quiet(1_000);
    dev.button(leg.t, 1);
    leg.quiet(200);
    dev.button(leg.t, 0);
    leg.quiet(60_000);
    assert.deepEqual(dev.of(EVENT.FAULT), []);
    assert.equal(dev.status(STATUS.STATE), STATE.RUNNING);
    const s = dev.of(EVENT.SESSION_START)[0].now;
    leg.quietUntil(start + 400_000);
    assert.deepEqual(dev.of(EVENT.SESSION_END).map((e) => [(e.now - s + WRAP_MS) % WRAP_MS, e.a]), [[300_000, SESSION_END_REASON.COMPLETED]]);
  });
});
