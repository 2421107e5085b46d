// The bedside button through fw_button and fw_tick (HAL ABI v1: raw levels in, debouncing is the
// firmware's; BUTTON gestures short, long ≥ 1 s, double). The timing is the README's ("Sessions"):
// a level counts once it has held 30 ms (contacts bounce for up to 20 ms); a second press starting
// ≤ 400 ms after a release makes a double press.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, Device, EVENT, GESTURE, powerOn } from "./device.js";

const DEBOUNCE_MS = 30;
const LONG_PRESS_MS = 1_000;
const DOUBLE_GAP_MS = 400;

/** A device idle since 1,000, and a clock that ticks every 10 ms up to each call. */
function bedside() {
  const dev = powerOn(1_000, { [CONFIG.HEAT_ENABLED]: 0 });
  let ticked = 1_000;
  const until = (t: number) => {
    for (; ticked + 10 < t; ticked += 10) dev.tick(ticked + 10);
    ticked = Math.max(ticked, t);
  };
  const level = (t: number, pressed: number) => { until(t); dev.button(t, pressed); };
  const tick = (t: number) => { until(t); dev.tick(t); };
  const gestures = () => dev.of(EVENT.BUTTON).map((e) => e.a);
  return { dev, level, tick, gestures };
}

describe("debounce", () => {
  test(`a level held ${DEBOUNCE_MS - 1} ms is a bounce: no gesture`, () => {
    const { level, tick, gestures } = bedside();
    level(2_000, 1);
    level(2_000 + DEBOUNCE_MS - 1, 0);
    tick(5_000);
    assert.deepEqual(gestures(), []);
  });
  test(`a level held ${DEBOUNCE_MS} ms is a press: a short press`, () => {
    const { level, tick, gestures } = bedside();
    level(2_000, 1);
    level(2_000 + DEBOUNCE_MS, 0);
    tick(5_000);
    assert.deepEqual(gestures(), [GESTURE.SHORT]);
  });
  test(`contact bounce (2 ms edges for 20 ms) on press and release: one short press`, () => {
    const { level, tick, gestures } = bedside();
    for (let k = 0; k <= 10; k++) level(2_000 + 2 * k, k % 2 === 0 ? 1 : 0);
    level(2_021, 1);
    for (let k = 0; k <= 10; k++) level(2_300 + 2 * k, k % 2 === 0 ? 0 : 1);
    level(2_321, 0);
    tick(5_000);
    assert.deepEqual(gestures(), [GESTURE.SHORT]);
  });
  test(`a ${DEBOUNCE_MS - 1} ms gap inside a press does not split it`, () => {
    const { level, tick, gestures } = bedside();
    level(2_000, 1);
    level(2_200, 0);
    level(2_200 + DEBOUNCE_MS - 1, 1);
    level(2_400, 0);
    tick(5_000);
    assert.deepEqual(gestures(), [GESTURE.SHORT]);
  });
});

describe("long press (≥ 1 s), reported while still held", () => {
  test(`held ${LONG_PRESS_MS - 1} ms: a short press`, () => {
    const { level, tick, gestures } = bedside();
    level(2_000, 1);
    tick(2_000 + LONG_PRESS_MS - 1);
    assert.deepEqual(gestures(), []);
    level(2_000 + LONG_PRESS_MS - 1, 0);
    tick(5_000);
    assert.deepEqual(gestures(), [GESTURE.SHORT]);
  });
  test(`held ${LONG_PRESS_MS} ms: a long press at that moment, nothing more on release; it steps the intensity`, () => {
    const { dev, level, tick, gestures } = bedside();
    level(2_000, 1);
    tick(2_000 + LONG_PRESS_MS);
    assert.deepEqual(dev.of(EVENT.BUTTON).map((e) => [e.now, e.a]), [[2_000 + LONG_PRESS_MS, GESTURE.LONG]]);
    assert.equal(dev.get(CONFIG.INTENSITY), 6);
    level(4_000, 0);
    tick(6_000);
    assert.deepEqual(gestures(), [GESTURE.LONG]);
    assert.deepEqual(dev.of(EVENT.SESSION_START), []);
  });
  test("a long press at intensity 9 steps to 1", () => {
    const { dev, level, tick } = bedside();
    dev.set(CONFIG.INTENSITY, 9);
    level(2_000, 1);
    tick(3_500);
    level(3_500, 0);
    assert.equal(dev.get(CONFIG.INTENSITY), 1);
  });
});

describe("double press", () => {
  test(`a second press ${DOUBLE_GAP_MS} ms after the release: a double press, which toggles heat`, () => {
    const { dev, level, tick, gestures } = bedside();
    level(2_000, 1);
    level(2_100, 0);
    level(2_100 + DOUBLE_GAP_MS, 1);
    level(2_100 + DOUBLE_GAP_MS + 100, 0);
    tick(5_000);
    assert.deepEqual(gestures(), [GESTURE.DOUBLE]);
    assert.equal(dev.get(CONFIG.HEAT_ENABLED), 1);
    assert.deepEqual(dev.of(EVENT.SESSION_START), []);
  });
  test(`a second press ${DOUBLE_GAP_MS + 1} ms after the release: two short presses (a session started and ended)`, () => {
    const { dev, level, tick, gestures } = bedside();
    level(2_000, 1);
    level(2_100, 0);
    level(2_100 + DOUBLE_GAP_MS + 1, 1);
    level(2_100 + DOUBLE_GAP_MS + 101, 0);
    tick(5_000);
    assert.deepEqual(gestures(), [GESTURE.SHORT, GESTURE.SHORT]);
    assert.equal(dev.of(EVENT.SESSION_START).length, 1);
    assert.equal(dev.of(EVENT.SESSION_END).length, 1);
  });
  test(`a short press is reported once the double-press window has passed (${DOUBLE_GAP_MS} ms after the release, not before)`, () => {
    const { dev, level, tick } = bedside();
    level(2_000, 1);
    level(2_100, 0);
    tick(2_100 + DOUBLE_GAP_MS);
    assert.deepEqual(dev.of(EVENT.BUTTON), []);
    tick(2_100 + DOUBLE_GAP_MS + 1);
    assert.deepEqual(dev.of(EVENT.BUTTON).map((e) => [e.now, e.a]), [[2_100 + DOUBLE_GAP_MS + 1, GESTURE.SHORT]]);
  });
});

// Unused-import guard for readers: Device is the type of `dev` above.
export type { Device };
