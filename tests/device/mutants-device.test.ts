// The device's glue and its final actuator gate, through the HAL ABI v1 exports only: who may start
// a session (auto-start honours AUTO_START, a trusted accelerometer and the cooldown to the
// millisecond), when it ends (its planned length to the millisecond; a 60-minute session ends
// itself, not by the off timer), and what the actuators and the LED show at every call. Numbers
// are the contract's and the domain's (docs/hal-abi.md, shared domain figures), written out here.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Board, CAUSE, END, EVENT, FAULT, KEY, LED, MIN_MS, plmSeries, STATE, STATUS, StillLeg } from "./mutantsBoard.js";

/** A board that had a button session end at `end_ms` (returned), now idle a little later. */
function afterButtonSession(): { board: Board; end_ms: number } {
  const board = new Board(0);
  board.run(1000);
  board.press(100);
  board.run(4000);
  board.press(100);
  board.run(6000);
  const end = board.events(EVENT.SESSION_END);
  assert.equal(end.length, 1);
  assert.equal(end[0].a, END.BUTTON);
  return { board, end_ms: end[0].now };
}

/**
 * A periodic series of 4 leg movements 20 s apart after 2 min of rest, sampled from `from_ms`:
 * restlessness is recognised 182,460 ms after `from_ms` (measured on this seeded leg: the 4th
 * movement's end, 0.5 s of quiet after its offset).
 */
const RESTLESS_AFTER_MS = 182_460;
function restlessLeg(board: Board, from_ms: number): void {
  board.run(from_ms);
  board.runLeg(from_ms + 200_000, new StillLeg(plmSeries(120_000)), from_ms);
}

describe("auto-start", () => {
  it("restlessness starts a session of AUTO_SESSION_MIN, cause auto", () => {
    const board = new Board(0);
    assert.equal(board.set(KEY.AUTO_SESSION_MIN, 7), 0);
    assert.equal(board.set(KEY.HEAT_ENABLED, 0), 0); // no pad readings here: heat would be a thermistor fault
    restlessLeg(board, 1000);
    const restless = board.events(EVENT.RESTLESS);
    assert.equal(restless.length, 1);
    assert.equal(restless[0].now, 1000 + RESTLESS_AFTER_MS);
    const start = board.events(EVENT.SESSION_START);
    assert.deepEqual(start.map((e) => [e.now, e.a, e.b]), [[1000 + RESTLESS_AFTER_MS, CAUSE.AUTO, 7 * 60]]);
    assert.equal(board.status(STATUS.STATE), STATE.RAMP_UP);
    assert.equal(board.last("set_led"), LED.SESSION);
  });

  it("AUTO_START=0: restlessness is logged, no session starts", () => {
    const board = new Board(0);
    assert.equal(board.set(KEY.AUTO_START, 0), 0);
    restlessLeg(board, 1000);
    assert.equal(board.events(EVENT.RESTLESS).length, 1);
    assert.equal(board.events(EVENT.SESSION_START).length, 0);
    assert.equal(board.status(STATE.IDLE), 0);
  });

  it("the cooldown after a session is kept to the millisecond (AUTO_COOLDOWN_MIN = 4)", () => {
    for (const [shift, starts] of [[-1, false], [0, true], [1, true]] as const) {
      const { board, end_ms } = afterButtonSession();
      assert.equal(board.set(KEY.AUTO_COOLDOWN_MIN, 4), 0);
      // restlessness at end + 4 min + shift
      restlessLeg(board, end_ms + 4 * MIN_MS - RESTLESS_AFTER_MS + shift);
      const auto = board.events(EVENT.SESSION_START).filter((e) => e.a === CAUSE.AUTO);
      assert.equal(board.events(EVENT.RESTLESS)[0]?.now, end_ms + 4 * MIN_MS + shift);
      assert.equal(auto.length, starts ? 1 : 0, `restless ${shift} ms after the cooldown`);
    }
  });

  it("AUTO_COOLDOWN_MIN = 0: restlessness right after a session starts one", () => {
    const { board, end_ms } = afterButtonSession();
    assert.equal(board.set(KEY.AUTO_COOLDOWN_MIN, 0), 0);
    restlessLeg(board, end_ms + 1000);
    assert.equal(board.events(EVENT.SESSION_START).filter((e) => e.a === CAUSE.AUTO).length, 1);
  });

  it("restlessness during a running session starts no second one", () => {
    const board = new Board(0);
    assert.equal(board.set(KEY.SESSION_MIN, 10), 0);
    board.run(1000, { still: true });
    board.press(100);
    restlessLeg(board, board.now + 1000);
    assert.equal(board.events(EVENT.SESSION_START).length, 1);
    assert.equal(board.events(EVENT.SESSION_START)[0].a, CAUSE.BUTTON);
  });

  it("an accelerometer that just sent a run of implausible samples is not trusted to start one", () => {
    const board = new Board(0);
    const from = 1000;
    board.run(from);
    const leg = new StillLeg(plmSeries(120_000));
    // The series as above, but the last 0.5 s before the fourth movement ends is out of range (±16 g):
    // FAULT 2 is active when the series is recognised.
    for (let t = from + 20; t <= from + 200_000; t += 20) {
      const rel = t - from;
      const [x, y, z] = leg.sample(rel);
      if (rel > 181_500 && rel <= 182_000) board.accel(t, 16_001, y, z);
      else board.accel(t, x, y, z);
      if (rel % 100 === 0) board.tick(t);
    }
    const fault = board.events(EVENT.FAULT).filter((e) => e.a === FAULT.ACCEL_IMPLAUSIBLE);
    const restless = board.events(EVENT.RESTLESS);
    assert.equal(fault.length, 1);
    assert.ok(restless.length >= 1 && restless[0].now > fault[0].now, "restless while FAULT 2 is active");
    const clear = board.events(EVENT.FAULT_CLEAR).find((e) => e.a === FAULT.ACCEL_IMPLAUSIBLE);
    assert.ok(!clear || clear.now > restless[0].now);
    assert.equal(board.events(EVENT.SESSION_START).length, 0);
  });
});

describe("a session's length", () => {
  it("a 5-minute button session ends completed exactly 300,000 ms after it started", () => {
    const board = new Board(0);
    assert.equal(board.set(KEY.SESSION_MIN, 5), 0);
    assert.equal(board.set(KEY.HEAT_ENABLED, 0), 0);
    board.run(1000, { still: true });
    board.press(100);
    board.run(board.now + 1000, { still: true });
    const [start] = board.events(EVENT.SESSION_START);
    assert.deepEqual([start.a, start.b], [CAUSE.BUTTON, 300]);
    assert.equal(board.status(STATUS.SESSION_LEFT_S), 300 - Math.floor((board.now - start.now) / 1000));
    board.run(start.now + 300_000 - 1, { step_ms: 100, still: true });
    board.tick(start.now + 300_000 - 1);
    assert.equal(board.status(STATUS.SESSION_LEFT_S), 1);
    assert.notEqual(board.status(STATUS.STATE), STATE.IDLE);
    assert.equal(board.events(EVENT.SESSION_END).length, 0);
    board.tick(start.now + 300_000);
    assert.deepEqual(board.events(EVENT.SESSION_END).map((e) => [e.now, e.a, e.b]), [[start.now + 300_000, END.COMPLETED, 300]]);
    assert.equal(board.status(STATUS.STATE), STATE.IDLE);
    assert.equal(board.status(STATUS.VIBRATION), 0);
    assert.equal(board.status(STATUS.SESSION_LEFT_S), 0);
    assert.equal(board.last("set_led"), LED.IDLE);
  });

  it("a 60-minute session (the longest) ends completed at 3,600 s, not cut by the off timer", () => {
    const board = new Board(0);
    assert.equal(board.set(KEY.SESSION_MIN, 60), 0);
    board.run(1000);
    board.press(100);
    board.run(board.now + 1000);
    const [start] = board.events(EVENT.SESSION_START);
    assert.equal(start.b, 3600);
    board.run(start.now + 3_600_000 - 1, { step_ms: 100 });
    board.tick(start.now + 3_600_000 - 1);
    assert.equal(board.events(EVENT.SESSION_END).length, 0);
    board.tick(start.now + 3_600_000);
    assert.deepEqual(board.events(EVENT.SESSION_END).map((e) => [e.now, e.a, e.b]), [[start.now + 3_600_000, END.COMPLETED, 3600]]);
  });

  it("a 60-minute auto session ends completed at 3,600 s too", () => {
    const board = new Board(0);
    assert.equal(board.set(KEY.AUTO_SESSION_MIN, 60), 0);
    restlessLeg(board, 1000);
    const [start] = board.events(EVENT.SESSION_START);
    assert.deepEqual([start.a, start.b], [CAUSE.AUTO, 3600]);
    board.run(start.now + 3_600_000, { step_ms: 100 });
    assert.deepEqual(board.events(EVENT.SESSION_END).map((e) => [e.now, e.a]), [[start.now + 3_600_000, END.COMPLETED]]);
  });
});

describe("the final gate: what the actuators and the LED show", () => {
  it("fw_init tells the board: motor off, heater off, LED idle — once each, also on a second fw_init", () => {
    const board = new Board(0);
    assert.deepEqual(board.calls, [["set_vibration", 0], ["set_heater", 0], ["set_led", LED.IDLE]]);
    board.forget();
    board.run(5000, { still: true });
    assert.deepEqual(board.calls.filter((c) => c[0] !== "emit"), [], "idle: nothing changes, nothing is told");
    board.press(100);
    board.run(board.now + 10_000, { still: true });
    assert.ok(board.status(STATUS.VIBRATION) > 0);
    board.forget();
    board.init(board.now);
    assert.deepEqual(board.calls, [["set_vibration", 0], ["set_heater", 0], ["set_led", LED.IDLE]]);
  });

  it("every duty reaches the board only when it changes, within 0…1000 ‰, and the LED shows the state", () => {
    const board = new Board(0);
    assert.equal(board.set(KEY.SESSION_MIN, 5), 0);
    assert.equal(board.set(KEY.INTENSITY, 9), 0);
    assert.equal(board.set(KEY.HEAT_ENABLED, 0), 0);
    board.run(1000, { still: true });
    board.press(100);
    let peak = 0;
    const states = new Set<number>();
    for (let t = board.now + 100, end = board.now + 310_000; t <= end; t += 100) {
      board.run(t, { still: true });
      const state = board.status(STATUS.STATE);
      states.add(state);
      const led = state === STATE.IDLE ? LED.IDLE : state === STATE.RAMP_DOWN ? LED.RAMP_DOWN : LED.SESSION;
      assert.equal(board.last("set_led"), led, `LED at state ${state}`);
      assert.equal(board.status(STATUS.VIBRATION), board.last("set_vibration"));
      peak = Math.max(peak, board.status(STATUS.VIBRATION));
    }
    assert.deepEqual([...states].sort(), [STATE.IDLE, STATE.RAMP_UP, STATE.RUNNING, STATE.RAMP_DOWN]);
    const duties = board.calls.filter((c) => c[0] === "set_vibration").map((c) => c[1]);
    for (let i = 1; i < duties.length; i++) assert.notEqual(duties[i], duties[i - 1], "told only on a change");
    assert.ok(duties.every((d) => d >= 0 && d <= 1000));
    assert.equal(peak, 1000, "the top intensity reaches full duty at the top of its wave");
    assert.equal(duties[duties.length - 1], 0);
  });

  it("a clock step back ends the session (fault), both actuators off, LED fault, lockout for 5 s", () => {
    const board = new Board(0);
    board.run(1000, { still: true });
    board.press(100);
    board.run(20_000, { still: true, pad_cdeg: 3000 });
    assert.ok(board.status(STATUS.VIBRATION) > 0);
    assert.ok(board.status(STATUS.HEATER) > 0);
    board.tick(19_000);
    assert.deepEqual(board.events(EVENT.SESSION_END).map((e) => [e.now, e.a]), [[19_000, END.FAULT]]);
    assert.equal(board.status(STATUS.VIBRATION), 0);
    assert.equal(board.status(STATUS.HEATER), 0);
    assert.equal(board.last("set_led"), LED.FAULT);
    assert.equal(board.status(STATUS.STATE), STATE.FAULT_LOCKOUT);
    board.press(100); // refused while locked out
    board.run(23_900, { still: true });
    assert.equal(board.events(EVENT.SESSION_START).length, 1);
    assert.equal(board.status(STATUS.STATE), STATE.FAULT_LOCKOUT);
    board.run(24_000, { still: true });
    assert.equal(board.status(STATUS.STATE), STATE.IDLE);
    assert.equal(board.last("set_led"), LED.IDLE);
    board.press(100);
    board.run(board.now + 1000, { still: true });
    assert.equal(board.events(EVENT.SESSION_START).length, 2);
  });

  it("heat: on while the session heats below target, off in the same call at 43.00 °C, off when the session ends", () => {
    const board = new Board(0);
    board.run(1000, { still: true, pad_cdeg: 3000 });
    board.press(100);
    board.run(10_000, { still: true, pad_cdeg: 3000 });
    assert.equal(board.status(STATUS.HEAT_NOW), 1);
    assert.ok(board.status(STATUS.HEATER) > 0);
    board.temperature(10_001, 4299);
    assert.ok(board.status(STATUS.HEATER) >= 0);
    assert.equal(board.status(STATUS.FAULTS) & (1 << FAULT.OVER_TEMPERATURE), 0);
    board.temperature(10_002, 4300);
    assert.equal(board.status(STATUS.HEATER), 0);
    assert.equal(board.last("set_heater"), 0);
    assert.equal(board.status(STATUS.HEAT_NOW), 0);
    assert.equal(board.status(STATUS.FAULTS), 1 << FAULT.OVER_TEMPERATURE);
    assert.equal(board.last("set_led"), LED.FAULT);
    assert.ok(board.status(STATUS.VIBRATION) > 0, "the motor goes on");
    board.temperature(10_500, 3999);
    board.run(12_000, { still: true, pad_cdeg: 3000 });
    assert.ok(board.status(STATUS.HEATER) > 0, "heat again below 40.00 °C");
    board.press(100);
    board.run(board.now + 1000, { still: true, pad_cdeg: 3000 });
    assert.equal(board.events(EVENT.SESSION_END)[0].a, END.BUTTON);
    assert.equal(board.status(STATUS.HEATER), 0);
    assert.equal(board.status(STATUS.VIBRATION), 0);
  });

  it("HEAT_ENABLED = 0: a session runs the motor only; a double press turns heat on in it", () => {
    const board = new Board(0);
    assert.equal(board.set(KEY.HEAT_ENABLED, 0), 0);
    board.run(1000, { still: true, pad_cdeg: 3000 });
    board.press(100);
    board.run(10_000, { still: true, pad_cdeg: 3000 });
    assert.equal(board.status(STATUS.HEATER), 0);
    assert.equal(board.status(STATUS.HEAT_NOW), 0);
    assert.ok(board.status(STATUS.VIBRATION) > 0);
    board.press(80);
    board.run(board.now + 120, { still: true, step_ms: 10 });
    board.press(80);
    board.run(board.now + 3000, { still: true, pad_cdeg: 3000 });
    assert.equal(board.get(KEY.HEAT_ENABLED), 1);
    assert.equal(board.status(STATUS.HEAT_NOW), 1);
    assert.ok(board.status(STATUS.HEATER) > 0);
  });

  it("a long press steps the intensity 5 → 6 in the running session; 9 wraps to 1", () => {
    const board = new Board(0);
    board.run(1000, { still: true });
    board.press(100);
    board.run(board.now + 6000, { still: true });
    assert.equal(board.status(STATUS.INTENSITY_NOW), 5);
    board.press(1200);
    board.run(board.now + 500, { still: true });
    assert.equal(board.get(KEY.INTENSITY), 6);
    assert.equal(board.status(STATUS.INTENSITY_NOW), 6);
    assert.equal(board.set(KEY.INTENSITY, 9), 0);
    assert.equal(board.status(STATUS.INTENSITY_NOW), 9);
    board.press(1200);
    board.run(board.now + 500, { still: true });
    assert.equal(board.get(KEY.INTENSITY), 1);
  });
});

describe("FIFO batches", () => {
  it("a count of 1…32 is taken; 0, 33 and -1 are refused and counted, nothing read", () => {
    const board = new Board(0);
    assert.equal(board.capacity(), 32);
    const rest: [number, number, number][] = Array.from({ length: 32 }, (_, i) => [i & 1, 0, 1000]);
    board.batch(640, rest, 32);
    board.batch(660, rest, 1);
    assert.equal(board.status(STATUS.REJECTED_INPUTS), 0);
    for (const count of [0, 33, -1]) board.batch(700, rest, count);
    assert.equal(board.status(STATUS.REJECTED_INPUTS), 3);
  });

  it("an implausible sample in a batch is refused and counted; ±16,000 mg is plausible", () => {
    const board = new Board(0);
    board.batch(100, [[16_000, -16_000, 1000], [16_001, 0, 1000], [0, -16_001, 1000], [0, 0, 16_001], [1, 0, 1000]]);
    assert.equal(board.status(STATUS.REJECTED_INPUTS), 3);
  });
});
