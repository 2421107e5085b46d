// The protective functions at their limits, through the exports only, with the contract's figures
// (docs/hal-abi.md, "Faults"; shared domain: 43 °C): 42.99 / 43.00 °C, below 40.00 °C to heat
// again, the thermistor's range −20.00…90.00 °C, silence > 3 s while heating, an accelerometer
// silent > 2 s or beyond ±16,000 mg, a clock step > 2 s or backwards and 5 s of order to recover.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Board, END, EVENT, FAULT, KEY, LED, STATE, STATUS } from "./mutantsBoard.js";

const bit = (code: number) => 1 << code;

/** A board in a heating button session, pad readings of 30.00 °C every second up to `until_ms`. */
function heating(until_ms = 10_000): Board {
  const board = new Board(0);
  board.run(1000, { still: true, pad_cdeg: 3000 });
  board.press(100);
  board.run(until_ms, { still: true, pad_cdeg: 3000 });
  assert.ok(board.status(STATUS.HEATER) > 0);
  return board;
}

describe("over-temperature", () => {
  it("42.99 °C heats on, 43.00 °C is FAULT 4 (detail: the reading) and heat off in that call; off until below 40.00 °C", () => {
    const board = heating();
    board.temperature(10_010, 4299);
    assert.equal(board.status(STATUS.FAULTS), 0);
    assert.equal(board.status(STATUS.HEAT_NOW), 1);
    board.temperature(10_020, 4300);
    assert.deepEqual(board.events(EVENT.FAULT).map((e) => [e.now, e.a, e.b]), [[10_020, FAULT.OVER_TEMPERATURE, 4300]]);
    assert.equal(board.status(STATUS.HEATER), 0);
    board.temperature(10_030, 4500);
    assert.equal(board.events(EVENT.FAULT).length, 1, "raised once");
    for (let t = 10_100; t <= 14_000; t += 100) {
      if (t % 1000 === 0) board.temperature(t, 4000);
      board.accel(t, t & 1, 0, 1000);
      board.tick(t);
    }
    assert.equal(board.status(STATUS.HEATER), 0, "40.00 °C is not below 40.00 °C");
    assert.equal(board.events(EVENT.FAULT_CLEAR).length, 0);
    board.temperature(14_050, 3999);
    assert.deepEqual(board.events(EVENT.FAULT_CLEAR).map((e) => [e.now, e.a]), [[14_050, FAULT.OVER_TEMPERATURE]]);
    assert.equal(board.status(STATUS.FAULTS), 0);
    assert.equal(board.status(STATUS.HEAT_NOW), 1);
  });
});

describe("thermistor", () => {
  it("−20.00 and 90.00 °C are readings; −20.01 and 90.01 °C are FAULT 3 (1) with heat off in that call", () => {
    for (const bad of [-2001, 9001]) {
      const board = heating();
      board.temperature(10_010, bad);
      assert.deepEqual(board.events(EVENT.FAULT).map((e) => [e.now, e.a, e.b]), [[10_010, FAULT.THERMISTOR, 1]]);
      assert.equal(board.status(STATUS.HEATER), 0);
      assert.equal(board.status(STATUS.PAD_CDEG), 3000, "an implausible reading is not the pad's temperature");
      assert.ok(board.status(STATUS.VIBRATION) > 0, "the session goes on with vibration only");
    }
    const idle = new Board(0);
    idle.temperature(100, -2000);
    assert.equal(idle.status(STATUS.PAD_CDEG), -2000);
    idle.temperature(200, 9000);
    assert.equal(idle.status(STATUS.PAD_CDEG), 9000);
    assert.equal(idle.status(STATUS.FAULTS), bit(FAULT.OVER_TEMPERATURE), "hot, but a reading: no thermistor fault");
  });

  it("no reading before the first: PAD_CDEG is i32 min and nothing heats", () => {
    const board = new Board(0);
    assert.equal(board.status(STATUS.PAD_CDEG), -2147483648);
    board.run(1000, { still: true });
    board.press(100);
    board.run(1500, { still: true });
    assert.equal(board.status(STATUS.HEATER), 0);
    board.temperature(1600, 3000);
    assert.equal(board.status(STATUS.PAD_CDEG), 3000);
  });

  it("silent for 3,000 ms while heating is still fine; 3,001 ms is FAULT 3 (2), heat off", () => {
    const board = heating(10_000);
    const last = 10_000;
    board.temperature(last, 3000);
    board.run(last + 2_900, { still: true });
    board.tick(last + 3_000);
    assert.equal(board.status(STATUS.FAULTS) & bit(FAULT.THERMISTOR), 0);
    board.tick(last + 3_001);
    assert.deepEqual(board.events(EVENT.FAULT).map((e) => [e.now, e.a, e.b]), [[last + 3_001, FAULT.THERMISTOR, 2]]);
    assert.equal(board.status(STATUS.HEATER), 0);
    assert.equal(board.last("set_led"), LED.FAULT);
  });

  it("no reading needed while nothing heats (idle, or HEAT_ENABLED = 0)", () => {
    const idle = new Board(0);
    idle.run(20_000, { still: true });
    assert.equal(idle.status(STATUS.FAULTS), 0);
    const board = new Board(0);
    assert.equal(board.set(KEY.HEAT_ENABLED, 0), 0);
    board.run(1000, { still: true });
    board.press(100);
    board.run(20_000, { still: true });
    assert.equal(board.status(STATUS.FAULTS), 0);
  });
});

describe("accelerometer", () => {
  it("silent for 2,000 ms is fine, 2,001 ms is FAULT 1; the next sample clears it", () => {
    const board = new Board(0);
    board.accel(1000);
    board.tick(3000);
    assert.equal(board.status(STATUS.FAULTS), 0);
    board.tick(3001);
    assert.deepEqual(board.events(EVENT.FAULT).map((e) => [e.now, e.a]), [[3001, FAULT.ACCEL_MISSING]]);
    board.tick(3050);
    assert.equal(board.events(EVENT.FAULT).length, 1, "raised once");
    board.accel(3060, 1, 0, 1000);
    assert.deepEqual(board.events(EVENT.FAULT_CLEAR).map((e) => [e.now, e.a]), [[3060, FAULT.ACCEL_MISSING]]);
    assert.equal(board.status(STATUS.FAULTS), 0);
  });

  it("±16,000 mg on any axis is plausible, ±16,001 mg is refused and counted", () => {
    const board = new Board(0);
    let t = 100;
    for (const s of [[16_000, 0, 0], [-16_000, 0, 0], [0, 16_000, 0], [0, -16_000, 0], [0, 0, 16_000], [0, 0, -16_000]]) board.accel(t++, s[0], s[1], s[2]);
    assert.equal(board.status(STATUS.REJECTED_INPUTS), 0);
    for (const s of [[16_001, 0, 0], [-16_001, 0, 0], [0, 16_001, 0], [0, -16_001, 0], [0, 0, 16_001], [0, 0, -16_001]]) board.accel(t++, s[0], s[1], s[2]);
    assert.equal(board.status(STATUS.REJECTED_INPUTS), 6);
  });
});

describe("clock", () => {
  it("a step of 2,000 ms is orderly; 2,001 ms forward is FAULT 5 (2); one back is FAULT 5 (1)", () => {
    const board = new Board(0);
    board.tick(2000);
    assert.equal(board.status(STATUS.FAULTS), 0);
    board.tick(4001);
    assert.deepEqual(board.events(EVENT.FAULT).map((e) => [e.now, e.a, e.b]), [[4001, FAULT.CLOCK, 2]]);
    const back = new Board(0);
    back.tick(100);
    back.tick(99);
    assert.deepEqual(back.events(EVENT.FAULT).map((e) => [e.now, e.a, e.b]), [[99, FAULT.CLOCK, 1]]);
  });

  it("the lockout lasts until the clock has been orderly for 5,000 ms", () => {
    const board = new Board(0);
    board.tick(100);
    board.tick(50); // back: FAULT 5 at 50
    for (let t = 100; t <= 5000; t += 100) board.tick(t);
    board.tick(5049);
    assert.equal(board.status(STATUS.STATE), STATE.FAULT_LOCKOUT);
    assert.equal(board.events(EVENT.FAULT_CLEAR).length, 0);
    board.tick(5050);
    assert.deepEqual(board.events(EVENT.FAULT_CLEAR).map((e) => [e.now, e.a]), [[5050, FAULT.CLOCK]]);
    assert.equal(board.status(STATUS.STATE), STATE.IDLE);
  });

  it("the u32 wrap is an ordinary moment: a session runs across it and ends on time", () => {
    const start = 2 ** 32 - 100_000;
    const board = new Board(start);
    assert.equal(board.set(KEY.SESSION_MIN, 5), 0);
    assert.equal(board.set(KEY.HEAT_ENABLED, 0), 0);
    board.run(start + 1000, { still: true });
    board.press(100);
    board.run(start + 2000, { still: true });
    const [s] = board.events(EVENT.SESSION_START);
    board.run(s.now + 300_000, { still: true });
    assert.equal(board.status(STATUS.FAULTS), 0);
    assert.deepEqual(board.events(EVENT.SESSION_END).map((e) => [e.now, e.a, e.b]), [[(s.now + 300_000) >>> 0, END.COMPLETED, 300]]);
  });
});
