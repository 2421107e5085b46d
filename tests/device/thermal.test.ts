// The heating pad's protective functions through the device's exports (domain: skin contact at
// most 43 °C, protective functions that hold on their own; HAL ABI v1 faults 3 and 4 and the
// thermistor's plausible range [-2000, 9000] cdeg): over-temperature at 43.00 °C in the same call,
// no heat again until below 40.00 °C, a thermistor silent for more than 3 s while heating, and an
// open or shorted thermistor. A thermistor fault turns the heater off; the session goes on with
// vibration only (HAL ABI v1, fault 3).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, EVENT, FAULT, Leg, STATE, STATUS, powerOn } from "./device.js";

const OVER_TEMPERATURE_CDEG = 4300;
const OVER_TEMPERATURE_CLEAR_CDEG = 4000;
const READING_TIMEOUT_MS = 3_000;
const THERMISTOR_MIN_CDEG = -2000;
const THERMISTOR_MAX_CDEG = 9000;
/** FAULT 3 details (HAL ABI v1 extension). */
const THERMISTOR_OUT_OF_RANGE = 1;
const THERMISTOR_SILENT = 2;
const THERMISTOR_DETACHED = 3;
const THERMISTOR_DROPPED = 4;

/** A button session with heat toward `target_dc`, the pad read every second at `cdeg`, for 5 s. */
function heatingSession(target_dc = 420, cdeg = 3_900) {
  const dev = powerOn(1_000, { [CONFIG.HEAT_TARGET_DC]: target_dc, [CONFIG.SESSION_MIN]: 10 });
  const leg = new Leg(dev, 1_000);
  const read = (t: number, c: number) => { leg.quietUntil(t); dev.temperature(t, c); };
  read(1_500, cdeg);
  dev.button(leg.t, 1);
  leg.quiet(200);
  dev.button(leg.t, 0);
  for (let t = 2_500; t <= 8_000; t += 1_000) read(t, cdeg);
  assert.equal(dev.of(EVENT.SESSION_START).length, 1);
  assert.ok(dev.heater > 0, "the heater works");
  assert.equal(dev.status(STATUS.HEAT_NOW), 1);
  return { dev, leg, read, t: leg.t };
}
const faults = (dev: ReturnType<typeof powerOn>, code: number) => dev.of(EVENT.FAULT).filter((e) => e.a === code);

describe("over-temperature", () => {
  test("42.99 °C is no over-temperature; 43.00 °C is: FAULT 4 with the reading, heat off", () => {
    const { dev, read, t } = heatingSession();
    read(t + 1_000, OVER_TEMPERATURE_CDEG - 1);
    assert.deepEqual(faults(dev, FAULT.OVER_TEMPERATURE), []);
    assert.equal(dev.status(STATUS.HEAT_NOW), 1, "heat still permitted at 42.99 °C");
    read(t + 2_000, OVER_TEMPERATURE_CDEG);
    assert.deepEqual(faults(dev, FAULT.OVER_TEMPERATURE).map((e) => [e.now, e.b]), [[t + 2_000, OVER_TEMPERATURE_CDEG]]);
    assert.equal(dev.status(STATUS.HEAT_NOW), 0);
    assert.equal(dev.heater, 0);
    assert.ok(dev.vibration > 0, "the massage goes on");
  });

  test("a jump to 43.00 °C under full heat turns the heater off in the same call", () => {
    const { dev, read, t } = heatingSession(420, 3_000);
    assert.equal(dev.heater, 1000);
    read(t + 1_000, OVER_TEMPERATURE_CDEG);
    const off = dev.calls.filter((c) => c.fn === "set_heater");
    assert.deepEqual(off[off.length - 1], { fn: "set_heater", args: [0], at: t + 1_000 });
  });

  test("after an over-temperature no heat until below 40.00 °C: 40.00 keeps it off, 39.99 clears it", () => {
    const { dev, read, t } = heatingSession();
    read(t + 1_000, OVER_TEMPERATURE_CDEG + 50);
    read(t + 2_000, OVER_TEMPERATURE_CLEAR_CDEG);
    read(t + 3_000, OVER_TEMPERATURE_CLEAR_CDEG);
    assert.deepEqual(dev.of(EVENT.FAULT_CLEAR), []);
    assert.equal(dev.heater, 0);
    assert.equal(dev.status(STATUS.HEAT_NOW), 0);
    read(t + 4_000, OVER_TEMPERATURE_CLEAR_CDEG - 1);
    assert.deepEqual(dev.of(EVENT.FAULT_CLEAR).map((e) => [e.now, e.a]), [[t + 4_000, FAULT.OVER_TEMPERATURE]]);
    assert.equal(dev.status(STATUS.HEAT_NOW), 1);
    read(t + 5_000, OVER_TEMPERATURE_CLEAR_CDEG - 1);
    assert.ok(dev.heater > 0, "heat resumes");
  });
});

describe("the thermistor", () => {
  test(`silent for 3,000 ms while heating is allowed; 3,001 ms is FAULT 3 (silent), heater off, vibration on`, () => {
    const { dev, leg, t } = heatingSession();
    leg.quietUntil(t + READING_TIMEOUT_MS);
    dev.tick(t + READING_TIMEOUT_MS);
    assert.deepEqual(faults(dev, FAULT.THERMISTOR), []);
    assert.ok(dev.heater > 0);
    leg.quietUntil(t + READING_TIMEOUT_MS + 1);
    dev.tick(t + READING_TIMEOUT_MS + 1);
    assert.deepEqual(faults(dev, FAULT.THERMISTOR).map((e) => [e.now, e.b]), [[t + READING_TIMEOUT_MS + 1, THERMISTOR_SILENT]]);
    assert.equal(dev.heater, 0);
    assert.ok(dev.vibration > 0);
    assert.equal(dev.status(STATUS.STATE), STATE.RUNNING);
  });

  for (const cdeg of [THERMISTOR_MIN_CDEG - 1, THERMISTOR_MAX_CDEG + 1, -2147483648, 2147483647]) {
    test(`a reading of ${cdeg} cdeg (open or shorted) is FAULT 3 (out of range): heater off in that call, vibration on`, () => {
      const { dev, read, t } = heatingSession();
      read(t + 1_000, cdeg);
      assert.deepEqual(faults(dev, FAULT.THERMISTOR).map((e) => [e.now, e.b]), [[t + 1_000, THERMISTOR_OUT_OF_RANGE]]);
      assert.equal(dev.heater, 0);
      assert.equal(dev.status(STATUS.HEAT_NOW), 0);
      assert.ok(dev.vibration > 0);
      assert.equal(dev.status(STATUS.PAD_CDEG), 3_900, "PAD_CDEG keeps the last plausible reading");
      // …and the session heats no more, even when plausible readings return.
      for (let k = 2; k <= 8; k++) read(t + k * 1_000, 3_900);
      assert.equal(dev.heater, 0);
    });
  }

  test(`${THERMISTOR_MIN_CDEG} cdeg is a plausible reading, ${THERMISTOR_MIN_CDEG - 1} is not (no session, nothing heating)`, () => {
    // While heating, a fall to -20 °C is a thermistor off the pad (detail 4): read it at rest.
    const dev = powerOn(1_000);
    const leg = new Leg(dev, 1_000).quiet(1_000);
    dev.temperature(leg.t, THERMISTOR_MIN_CDEG);
    assert.deepEqual(faults(dev, FAULT.THERMISTOR), []);
    assert.equal(dev.status(STATUS.PAD_CDEG), THERMISTOR_MIN_CDEG);
    leg.quiet(1_000);
    dev.temperature(leg.t, THERMISTOR_MIN_CDEG - 1);
    assert.deepEqual(faults(dev, FAULT.THERMISTOR).map((e) => e.b), [THERMISTOR_OUT_OF_RANGE]);
  });

  test(`${THERMISTOR_MAX_CDEG} cdeg is a reading (over-temperature, not a thermistor fault)`, () => {
    const { dev, read, t } = heatingSession();
    read(t + 1_000, THERMISTOR_MAX_CDEG);
    assert.deepEqual(faults(dev, FAULT.THERMISTOR), []);
    assert.deepEqual(faults(dev, FAULT.OVER_TEMPERATURE).map((e) => e.b), [THERMISTOR_MAX_CDEG]);
    assert.equal(dev.status(STATUS.PAD_CDEG), THERMISTOR_MAX_CDEG);
    assert.equal(dev.heater, 0);
  });
});

describe("a thermistor that no longer sees the pad (FAULT 3, HAL ABI v1 details 3 and 4)", () => {
  test("a reading that stays put under full heat for minutes: detached (3), heater off, latched for the session", () => {
    const { dev, read, t } = heatingSession(420, 3_000);
    for (let k = 1; k <= 240; k++) read(t + k * 1_000, 3_000);
    assert.deepEqual(faults(dev, FAULT.THERMISTOR).map((e) => e.b), [THERMISTOR_DETACHED]);
    assert.equal(dev.heater, 0);
    assert.ok(dev.vibration > 0);
  });
  test("a pad that warms by 2 °C a minute under full heat is no fault", () => {
    const { dev, read, t } = heatingSession(420, 3_000);
    for (let k = 1; k <= 240; k++) read(t + k * 1_000, 3_000 + Math.floor(k * 200 / 60));
    assert.deepEqual(faults(dev, FAULT.THERMISTOR), []);
    assert.ok(dev.heater > 0);
  });
  test("a fall of 5 °C within a second while heating: the sensor came off the pad (4), heater off", () => {
    const { dev, read, t } = heatingSession(420, 3_500);
    read(t + 1_000, 3_000);
    assert.deepEqual(faults(dev, FAULT.THERMISTOR).map((e) => [e.now, e.b]), [[t + 1_000, THERMISTOR_DROPPED]]);
    assert.equal(dev.heater, 0);
  });
  test("a fall of 5 °C over ten minutes with the heater off is no fault", () => {
    const dev = powerOn(1_000);
    const leg = new Leg(dev, 1_000);
    for (let k = 1; k <= 600; k++) { leg.quietUntil(1_000 + k * 1_000); dev.temperature(leg.t, 3_500 - Math.floor(k * 500 / 600)); }
    assert.deepEqual(dev.of(EVENT.FAULT), []);
  });
});

describe("heat only in a session", () => {
  test("readings below target with no session: the heater never runs", () => {
    const dev = powerOn(1_000);
    const leg = new Leg(dev, 1_000);
    for (let t = 2_000; t <= 20_000; t += 1_000) { leg.quietUntil(t); dev.temperature(t, 2_500); }
    assert.deepEqual(dev.values("set_heater").filter((d) => d !== 0), []);
  });
});
