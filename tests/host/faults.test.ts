// Fault-injection nights in the simulator: the release firmware on a watched board (every
// protective invariant checked after every call), a leg lying still, the simulated heating pad,
// and one thing going wrong at a time. Each night must give the expected events.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONFIG, EVENT, FAULT, SESSION_END_REASON, STATE, STATUS } from "../../host/abi.js";
import type { DeviceEvent } from "../../host/eventLog.js";
import { faultNight, type FaultySensor } from "../../host/board/faultNight.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { HeatingPad, type HeatingPadOptions } from "../../host/sim/heatingPad.js";
import { stillLeg } from "../../host/sim/stillLeg.js";
import { WatchedBoard } from "./invariants.js";
import { StillLeg } from "./support.js";

const S = 1000;
const MIN = 60_000;
const of = (events: DeviceEvent[], kind: number, a?: number) => events.filter((e) => e.kind === kind && (a === undefined || e.a === a));
const PRESS = { at_ms: 2 * S, hold_ms: 150 };
/** Night time (ms from the start) of an event, for a night whose clock starts at 0. */
const atS = (e: DeviceEvent | undefined) => (e ? e.now_ms / S : NaN);

interface Run {
  board: WatchedBoard;
  events: DeviceEvent[];
  pad: HeatingPad;
  /** Per second: [night s, vibration, heater, true pad cdeg]. */
  seconds: [number, number, number, number][];
}

function night(duration_ms: number, options: {
  pad?: HeatingPadOptions;
  sensor?: FaultySensor;
  presses?: { at_ms: number; hold_ms: number }[];
  jumps?: { at_ms: number; by_ms: number }[];
  padAt?: (t_ms: number, pad: HeatingPad) => void;
  session_min?: number;
  batch?: number;
} = {}): Run {
  const board = new WatchedBoard(firmwareModule());
  const pad = new HeatingPad(options.pad);
  const seconds: Run["seconds"] = [];
  const { events } = faultNight({
    board,
    duration_ms,
    sensor: options.sensor ?? stillLeg(),
    pad: { step: (dt, d) => { options.padAt?.(pad.elapsed_ms, pad); pad.step(dt, d); }, read: () => pad.read() },
    presses: options.presses ?? [PRESS],
    jumps: options.jumps,
    batch: options.batch,
    config: [[CONFIG.SESSION_MIN, options.session_min ?? 20], [CONFIG.HEAT_TARGET_DC, 400]],
    everySecond: (t, b) => seconds.push([t / S, b.vibration_permille, b.heater_permille, pad.temperature_cdeg]),
  });
  assert.deepEqual(board.violations, [], "invariants");
  return { board, events, pad, seconds };
}

const between = (r: Run, from_s: number, to_s: number) => r.seconds.filter(([t]) => t >= from_s && t < to_s);

describe("thermistor faults", () => {
  it("an open thermistor stops the heat within the call of the first bad reading; vibration goes on", () => {
    const r = night(22 * MIN, { padAt: (t, pad) => { if (t === 5 * MIN) pad.setFault("open"); } });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.THERMISTOR);
    assert.equal(fault.b, 1, "detail: out of range");
    assert.ok(atS(fault) >= 300 && atS(fault) <= 301, `raised at ${atS(fault)} s`);
    assert.ok(between(r, 200, 300).some(([, , h]) => h > 0), "it heated before");
    for (const [t, v, h] of between(r, 301, 20 * 60)) {
      assert.equal(h, 0, `heater on at ${t} s`);
      assert.ok(v > 0, `vibration stopped at ${t} s`);
    }
    const [end] = of(r.events, EVENT.SESSION_END);
    assert.equal(end.a, SESSION_END_REASON.COMPLETED, "the session ran to its end");
    assert.equal(of(r.events, EVENT.FAULT_CLEAR, FAULT.THERMISTOR).length, 0, "an open thermistor never recovers");
  });

  it("a shorted thermistor that recovers clears FAULT 3, but that session heats no more; the next one does", () => {
    const r = night(30 * MIN, {
      presses: [PRESS, { at_ms: 24 * MIN, hold_ms: 150 }],
      padAt: (t, pad) => {
        if (t === 5 * MIN) pad.setFault("shorted");
        if (t === 8 * MIN) pad.setFault(null);
      },
    });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.THERMISTOR);
    assert.equal(fault.b, 1);
    const [clear] = of(r.events, EVENT.FAULT_CLEAR, FAULT.THERMISTOR);
    assert.ok(atS(clear) >= 8 * 60 + 4 && atS(clear) <= 8 * 60 + 7, `cleared at ${atS(clear)} s`);
    for (const [t, , h] of between(r, 301, 20 * 60)) assert.equal(h, 0, `heater on at ${t} s in the faulted session`);
    assert.ok(between(r, 24 * 60 + 5, 30 * 60).some(([, , h]) => h > 0), "the next session heats");
  });

  it("a silent thermistor for 3 s stops the heat but not the vibration", () => {
    const r = night(22 * MIN, { padAt: (t, pad) => { if (t === 5 * MIN) pad.setFault("silent"); } });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.THERMISTOR);
    assert.equal(fault.b, 2, "detail: silent");
    // The last reading came at 299 s; the fault is due once more than 3 s have passed.
    assert.ok(atS(fault) > 302 && atS(fault) <= 303.2, `raised at ${atS(fault)} s`);
    for (const [t, v, h] of between(r, 304, 20 * 60)) {
      assert.equal(h, 0, `heater on at ${t} s`);
      assert.ok(v > 0, `vibration stopped at ${t} s`);
    }
  });

  it("a thermistor detached from the start is caught by the missing rise before the pad gets hot", () => {
    const r = night(25 * MIN, { pad: { start_cdeg: 3000 }, padAt: (t, pad) => { if (t === 0) pad.setFault("detached"); }, presses: [PRESS, { at_ms: 22 * MIN, hold_ms: 150 }], session_min: 5 });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.THERMISTOR);
    assert.equal(fault.b, 3, "detail: no rise under hard heat");
    assert.ok(atS(fault) <= 2 + 125, `raised at ${atS(fault)} s`);
    const hottest = Math.max(...r.seconds.map(([, , , T]) => T));
    assert.ok(hottest < 4000, `the pad reached ${hottest} cdeg`);
    assert.equal(of(r.events, EVENT.FAULT_CLEAR, FAULT.THERMISTOR).length, 0, "latched until power-on");
    assert.ok(between(r, 22 * 60, 25 * 60).every(([, , h]) => h === 0), "a later session does not heat blind");
    assert.ok(between(r, 22 * 60 + 10, 25 * 60).some(([, v]) => v > 0), "but it vibrates");
  });

  it("a thermistor that comes off a warm pad is caught by its fall within seconds", () => {
    const r = night(20 * MIN, { padAt: (t, pad) => { if (t === 10 * MIN) pad.setFault("detached"); } });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.THERMISTOR);
    assert.equal(fault.b, 4, "detail: fell faster than the pad can cool");
    assert.ok(atS(fault) >= 600 && atS(fault) <= 610, `raised at ${atS(fault)} s`);
    const hottest = Math.max(...r.seconds.map(([, , , T]) => T));
    assert.ok(hottest < 4100, `the pad reached ${hottest} cdeg`);
  });
});

describe("over-temperature", () => {
  it("a reading of 43.0 °C turns the heater off in that call; heat stays off until below 40 °C", () => {
    const board = new WatchedBoard(firmwareModule());
    board.init(0);
    board.configSet(CONFIG.HEAT_TARGET_DC, 420);
    let now = 1000;
    board.button(now, 1);
    board.tick((now += 100));
    board.button((now += 100), 0);
    const second = (cdeg: number) => {
      for (let i = 0; i < 10; i++) board.tick((now += 100));
      board.accel(now, now % 5, 0, 1000);
      board.temperature(now, cdeg);
    };
    for (let i = 0; i < 20; i++) second(3600);
    assert.ok(board.heater_permille > 0, "heating toward 42 °C");
    for (let i = 0; i < 10; i++) board.tick((now += 100));
    board.temperature(now, 4300);
    assert.equal(board.heater_permille, 0, "off in the same call");
    const [fault] = of(board.events, EVENT.FAULT, FAULT.OVER_TEMPERATURE);
    assert.deepEqual([fault.now_ms, fault.b], [now, 4300]);
    for (let i = 0; i < 60; i++) second(4299 - i * 5);
    assert.equal(board.heater_permille, 0, "still off above 40 °C");
    assert.equal(of(board.events, EVENT.FAULT_CLEAR, FAULT.OVER_TEMPERATURE).length, 0);
    assert.ok(board.vibration_permille > 0, "the massage goes on");
    second(3990);
    assert.equal(of(board.events, EVENT.FAULT_CLEAR, FAULT.OVER_TEMPERATURE).length, 1);
    second(3990);
    assert.ok(board.heater_permille > 0, "heats again below 40 °C");
    assert.deepEqual(board.violations, []);
  });

  it("a bed warmer that pushes the pad past 43 °C raises FAULT 4 and the heater stays off", () => {
    const r = night(20 * MIN, { pad: { ambient_cdeg: 4800, start_cdeg: 3000 } });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.OVER_TEMPERATURE);
    assert.ok(fault, "FAULT 4 raised");
    for (const [t, , h, T] of r.seconds) if (t > atS(fault)) assert.equal(h, 0, `heater on at ${t} s, pad ${T}`);
  });
});

describe("accelerometer faults", () => {
  const frozenFrom = (from_ms: number, to_ms: number): FaultySensor => {
    const still = stillLeg(3);
    return (t, m) => (t >= from_ms && t < to_ms ? [12, -3, 1002] : still(t, m));
  };

  it("frozen data raises FAULT 2 after 30 s, the button still starts a session, and live data clears it", () => {
    const r = night(5 * MIN, { sensor: frozenFrom(60 * S, 180 * S), presses: [{ at_ms: 120 * S, hold_ms: 150 }], batch: 32 });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.ACCEL_IMPLAUSIBLE);
    assert.equal(fault.b, 2, "detail: frozen");
    assert.ok(atS(fault) >= 90 && atS(fault) <= 91, `raised at ${atS(fault)} s`);
    const [start] = of(r.events, EVENT.SESSION_START);
    assert.ok(atS(start) > 120 && atS(start) < 121, "the button works");
    const [clear] = of(r.events, EVENT.FAULT_CLEAR, FAULT.ACCEL_IMPLAUSIBLE);
    // 1 s of live data after the last frozen sample (179.98 s); batch samples carry their own times.
    assert.ok(atS(clear) >= 180.9 && atS(clear) <= 182, `cleared at ${atS(clear)} s`);
  });

  it("a dropout over 2 s raises FAULT 1 and clears when samples return; one under 2 s does nothing", () => {
    const sensor: FaultySensor = ((still) => (t, m) => ((t >= 60 * S && t < 65 * S) || (t >= 100 * S && t < 101.5 * S) ? null : still(t, m)))(stillLeg(4));
    const r = night(3 * MIN, { sensor, presses: [{ at_ms: 61 * S, hold_ms: 150 }] });
    const faults = of(r.events, EVENT.FAULT, FAULT.ACCEL_MISSING);
    assert.equal(faults.length, 1);
    // The last sample came at 59.98 s; the first tick more than 2 s later raises it.
    assert.ok(atS(faults[0]) > 61.98 && atS(faults[0]) <= 62.1, `raised at ${atS(faults[0])} s`);
    const clears = of(r.events, EVENT.FAULT_CLEAR, FAULT.ACCEL_MISSING);
    assert.equal(clears.length, 1);
    assert.ok(atS(clears[0]) >= 65 && atS(clears[0]) < 65.1);
    assert.equal(of(r.events, EVENT.SESSION_START).length, 1, "the button works without the sensor");
  });

  it("a sensor that never starts raises FAULT 1 at 2 s after power-on", () => {
    const r = night(10 * S, { sensor: () => null, presses: [] });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.ACCEL_MISSING);
    assert.ok(atS(fault) > 2 && atS(fault) <= 2.1);
    assert.equal(r.board.led, 4, "the LED shows the fault");
  });
});

describe("the clock", () => {
  it("a jump backwards ends the session with FAULT 5 in that very call, and it clears after 5 s of order", () => {
    const board = new WatchedBoard(firmwareModule());
    let offAfterJump: boolean | null = null;
    board.init(0);
    const r = faultNight({
      board, duration_ms: 10 * MIN, sensor: stillLeg(), pad: new HeatingPad(), presses: [PRESS], continueBoard: true,
      jumps: [{ at_ms: 5 * MIN, by_ms: -10 * S }],
      everySecond: (t, b) => { if (t === 5 * MIN + S) offAfterJump = b.vibration_permille === 0 && b.heater_permille === 0; },
    });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.CLOCK);
    assert.equal(fault.b, 1, "detail: backwards");
    const [end] = of(r.events, EVENT.SESSION_END);
    assert.deepEqual([end.a, end.now_ms], [SESSION_END_REASON.FAULT, fault.now_ms]);
    assert.equal(offAfterJump, true);
    const [clear] = of(r.events, EVENT.FAULT_CLEAR, FAULT.CLOCK);
    assert.equal(((clear.now_ms - fault.now_ms) | 0), 5000);
    assert.deepEqual(board.violations, []);
  });

  it("a jump forwards by an hour raises FAULT 5 (detail 2); the button works again afterwards", () => {
    const r = night(10 * MIN, { jumps: [{ at_ms: 3 * MIN, by_ms: 60 * MIN }], presses: [PRESS, { at_ms: 4 * MIN, hold_ms: 150 }] });
    const [fault] = of(r.events, EVENT.FAULT, FAULT.CLOCK);
    assert.equal(fault.b, 2);
    assert.equal(of(r.events, EVENT.SESSION_END, SESSION_END_REASON.FAULT).length, 1);
    assert.equal(of(r.events, EVENT.SESSION_START).length, 2, "a new session after the clock settled");
    assert.equal(r.board.status(STATUS.STATE) !== STATE.FAULT_LOCKOUT, true);
  });

  it("the u32 wrap is an ordinary moment: a night started 10 min before it gives the same log, shifted", () => {
    const kicks = [30, 75, 120, 400, 700, 1000].map((s) => ({ at_ms: s * S, duration_ms: 1500, amplitude_mg: 300 }));
    const run = (clock0: number) => {
      const board = new WatchedBoard(firmwareModule());
      const leg = new StillLeg(kicks, 9);
      const { events } = faultNight({
        board, duration_ms: 25 * MIN, clock0_ms: clock0, sensor: (t, m) => leg.sample(t, m), pad: new HeatingPad({ start_cdeg: 2500 }),
        presses: [PRESS, { at_ms: 14 * MIN, hold_ms: 1400 }, { at_ms: 16 * MIN, hold_ms: 100 }, { at_ms: 16 * MIN + 300, hold_ms: 100 }],
        batch: 25, config: [[CONFIG.SESSION_MIN, 20]],
      });
      assert.deepEqual(board.violations, []);
      return events.map((e) => ({ ...e, now_ms: (e.now_ms - clock0) >>> 0, a: e.kind === EVENT.MOVE_START ? (e.a - clock0) | 0 : e.a }));
    };
    const near = run(2 ** 32 - 10 * MIN);
    const far = run(123_456_789);
    assert.ok(near.length > 10 && near.some((e) => e.kind === EVENT.SESSION_END), "the night had events across the wrap");
    assert.deepEqual(near, far);
  });
});
