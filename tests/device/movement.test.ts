// Leg movements through the device's exports: the scoring rules' duration limits to the
// millisecond, the 0.5 s quiet that ends a movement, and the u32 wrap of the clock.
// The limits are the domain's (WASM/IRLSSG 2016, /work/shared/domain.md), written here, not
// imported; MOVE_END's classes are HAL ABI v1's (docs/hal-abi.md).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, EVENT, Leg, MOVE_CLASS, STATUS, WRAP_MS, powerOn, u32 } from "./device.js";

/** WASM/IRLSSG 2016: an LM lasts 0.5–10 s; shorter is SHORT, longer LONG. */
const LM_MIN_MS = 500;
const LM_MAX_MS = 10_000;
/** Offset: the start of a stretch of ≥ 0.5 s back near rest; bursts less than 0.5 s apart are one. */
const OFFSET_QUIET_MS = 500;

/** A device with auto-start off (the motor never runs) and a leg at rest for 5 s from `start`. */
function bench(start = 1_000) {
  const dev = powerOn(start, { [CONFIG.AUTO_START]: 0 });
  const leg = new Leg(dev, start).quiet(5_000);
  return { dev, leg };
}

describe("a leg movement's class is decided by its duration, to the millisecond", () => {
  const cases: [number, number][] = [
    [LM_MIN_MS - 1, MOVE_CLASS.SHORT],
    [LM_MIN_MS, MOVE_CLASS.LM],
    [LM_MIN_MS + 1, MOVE_CLASS.LM],
    [LM_MAX_MS - 1, MOVE_CLASS.LM],
    [LM_MAX_MS, MOVE_CLASS.LM],
    [LM_MAX_MS + 1, MOVE_CLASS.LONG],
    [300, MOVE_CLASS.SHORT],
    [3_000, MOVE_CLASS.LM],
  ];
  for (const [duration_ms, cls] of cases) {
    test(`a ${duration_ms} ms movement is ${Object.keys(MOVE_CLASS).find((k) => MOVE_CLASS[k as keyof typeof MOVE_CLASS] === cls)}`, () => {
      const { dev, leg } = bench();
      const onset = leg.t;
      leg.move(duration_ms).quiet(3_000);
      const starts = dev.of(EVENT.MOVE_START);
      const ends = dev.of(EVENT.MOVE_END);
      assert.equal(starts.length, 1, "one MOVE_START");
      assert.equal(ends.length, 1, "one MOVE_END");
      assert.equal(starts[0].a, u32(onset), "MOVE_START a: the onset");
      assert.equal(ends[0].a, duration_ms, "MOVE_END a: the duration");
      assert.equal(ends[0].b, cls, "MOVE_END b: the class");
      // MOVE_END comes once the offset rule has held: ≥ 0.5 s of quiet after the offset.
      assert.ok(ends[0].now - u32(onset + duration_ms) >= OFFSET_QUIET_MS, "MOVE_END after 0.5 s of quiet");
      assert.equal(dev.status(STATUS.LM_COUNT), cls === MOVE_CLASS.LM ? 1 : 0, "LM_COUNT");
    });
  }
});

describe("two bursts less than 0.5 s apart are one movement", () => {
  test(`bursts ${OFFSET_QUIET_MS - 1} ms apart: one movement from the first onset to the last offset`, () => {
    const { dev, leg } = bench();
    const onset = leg.t;
    leg.move(300).quiet(OFFSET_QUIET_MS - 1).move(300).quiet(3_000);
    const ends = dev.of(EVENT.MOVE_END);
    assert.deepEqual(ends.map((e) => [e.a, e.b]), [[300 + OFFSET_QUIET_MS - 1 + 300, MOVE_CLASS.LM]]);
    assert.equal(dev.of(EVENT.MOVE_START)[0].a, u32(onset));
  });
  test(`bursts ${OFFSET_QUIET_MS} ms apart: two movements, each with its own onset and duration`, () => {
    const { dev, leg } = bench();
    const onset = leg.t;
    leg.move(300).quiet(OFFSET_QUIET_MS).move(300).quiet(3_000);
    assert.deepEqual(dev.of(EVENT.MOVE_START).map((e) => e.a), [u32(onset), u32(onset + 300 + OFFSET_QUIET_MS)]);
    assert.deepEqual(dev.of(EVENT.MOVE_END).map((e) => [e.a, e.b]), [[300, MOVE_CLASS.SHORT], [300, MOVE_CLASS.SHORT]]);
    assert.equal(dev.status(STATUS.LM_COUNT), 0);
  });
});

describe("the u32 wrap of the ms clock is an ordinary moment", () => {
  for (const [duration_ms, cls] of [[LM_MIN_MS - 1, MOVE_CLASS.SHORT], [LM_MIN_MS, MOVE_CLASS.LM], [LM_MAX_MS, MOVE_CLASS.LM], [LM_MAX_MS + 1, MOVE_CLASS.LONG]] as const) {
    test(`a ${duration_ms} ms movement whose onset lies before the wrap and offset after it`, () => {
      // The onset 200 ms before 2^32 (on the 50 Hz grid from power-on).
      const start = WRAP_MS - 200 - 5_000;
      const { dev, leg } = bench(start);
      const onset = leg.t;
      assert.equal(onset, WRAP_MS - 200);
      leg.move(duration_ms).quiet(3_000);
      assert.ok(u32(onset + duration_ms) < 20_000, "the offset is after the wrap");
      assert.deepEqual(dev.of(EVENT.MOVE_START).map((e) => e.a >>> 0), [u32(onset)]);
      assert.deepEqual(dev.of(EVENT.MOVE_END).map((e) => [e.a, e.b]), [[duration_ms, cls]]);
      assert.equal(dev.of(EVENT.FAULT).length, 0, "no clock fault");
    });
  }
});
