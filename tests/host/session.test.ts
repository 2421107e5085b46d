// A bedside-button session end to end: the release firmware on the desktop board, driven by a
// virtual clock, with a bouncing button and a leg lying still.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CONFIG, EVENT, GESTURE, SESSION_CAUSE, SESSION_END_REASON, STATE, STATUS } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { simulateNight } from "../../host/board/simulatedNight.js";
import type { DeviceEvent } from "../../host/eventLog.js";
import { DEBUG_WASM, firmwareModule } from "../../host/firmwareFile.js";
import { StillLeg, random } from "./support.js";

const MIN = 60_000;
const of = (events: DeviceEvent[], kind: number) => events.filter((e) => e.kind === kind);

function night(presses: { at_ms: number; hold_ms: number }[], duration_ms: number, config: [number, number][] = [], seed = 1) {
  return simulateNight({
    night: { source: "test", duration_ms, presses },
    board: new Board(firmwareModule()),
    sensor: new StillLeg(),
    sample_hz: 50,
    batch: 32,
    config: [[CONFIG.HEAT_ENABLED, 0], ...config],
    random: random(seed),
  });
}

describe("a button session", () => {
  it("a short press starts a session of SESSION_MIN that ends by itself, ±1 s", () => {
    const record = night([{ at_ms: 10_000, hold_ms: 150 }], 13 * MIN, [[CONFIG.SESSION_MIN, 10]]);
    const [start] = of(record.events, EVENT.SESSION_START);
    const [end] = of(record.events, EVENT.SESSION_END);
    assert.equal(start.a, SESSION_CAUSE.BUTTON);
    assert.equal(start.b, 600, "planned length in seconds");
    assert.ok(start.now_ms - 10_000 < 1000, `started ${start.now_ms - 10_000} ms after the press`);
    assert.equal(end.a, SESSION_END_REASON.COMPLETED);
    const length_ms = end.now_ms - start.now_ms;
    assert.ok(Math.abs(length_ms - 600_000) <= 1000, `ran ${length_ms} ms`);
    assert.equal(end.b, 600);
  });

  it("a second short press ends the running session", () => {
    const record = night([{ at_ms: 10_000, hold_ms: 150 }, { at_ms: 70_000, hold_ms: 200 }], 3 * MIN);
    const ends = of(record.events, EVENT.SESSION_END);
    assert.equal(ends.length, 1);
    assert.equal(ends[0].a, SESSION_END_REASON.BUTTON);
    assert.ok(Math.abs(ends[0].b - 60) <= 1, `elapsed ${ends[0].b} s`);
  });

  it("contact bounce never makes more than one gesture per press", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 80, max: 700 }), (seed, hold_ms) => {
        const record = night([{ at_ms: 5_000, hold_ms }], 20_000, [], seed);
        const buttons = of(record.events, EVENT.BUTTON);
        assert.deepEqual(buttons.map((e) => e.a), [GESTURE.SHORT]);
        assert.equal(of(record.events, EVENT.SESSION_START).length, 1);
      }),
      { numRuns: 25 },
    );
  });

  it("eases in: vibration rises from 0 over the first 5 s, then holds the level", () => {
    const board = new Board(firmwareModule());
    board.init(0);
    board.configSet(CONFIG.HEAT_ENABLED, 0);
    board.configSet(CONFIG.INTENSITY, 9);
    board.button(1000, 1);
    for (let t = 1000; t <= 1200; t += 100) board.tick(t);
    board.button(1200, 0);
    const duties: number[] = [];
    for (let t = 1300; t <= 20_000; t += 100) {
      board.tick(t);
      board.accel(t, 0, 0, 1000);
      duties.push(board.vibration_permille);
    }
    const started = duties.findIndex((d) => d > 0);
    assert.ok(started >= 0, "the session started");
    const rampEnd = started + 50; // 5 s of 100 ms ticks
    for (let i = started + 1; i < rampEnd - 2; i++) assert.ok(duties[i] >= duties[i - 1], `duty fell during ramp-up at ${i}`);
    assert.ok(duties[started + 10] < 400, `1 s in, duty is ${duties[started + 10]}`);
    assert.ok(Math.min(...duties.slice(rampEnd + 1)) >= 800, "level 9 with the wave at ≥ 80 %");
    assert.equal(board.status(STATUS.STATE), STATE.RUNNING);
  });

  it("ramps down over the last 5 minutes and switches everything off at the end", () => {
    const record = night([{ at_ms: 1000, hold_ms: 150 }], 31 * MIN);
    const trace = record.trace.vibration_permille;
    const start_s = Math.round(of(record.events, EVENT.SESSION_START)[0].now_ms / 1000);
    const atMinute = (m: number) => trace[start_s + m * 60];
    assert.ok(atMinute(20) > 0);
    assert.ok(atMinute(26) < atMinute(25) && atMinute(28) < atMinute(26), "falls through the ramp-down");
    assert.ok(atMinute(28) > 0, "still on two minutes before the end");
    assert.equal(trace[trace.length - 1], 0);
  });

  it("calls set_vibration and set_heater only when the duty changes", () => {
    const seen: number[][] = [[], []];
    class Watching extends Board {
      override setVibration(d: number) { seen[0].push(d); super.setVibration(d); }
      override setHeater(d: number) { seen[1].push(d); super.setHeater(d); }
    }
    simulateNight({
      night: { source: "test", duration_ms: 7 * MIN, presses: [{ at_ms: 1000, hold_ms: 150 }] },
      sensor: new StillLeg(),
      sample_hz: 50,
      board: new Watching(firmwareModule()),
      config: [[CONFIG.SESSION_MIN, 5]],
    });
    for (const calls of seen) {
      for (let i = 1; i < calls.length; i++) assert.notEqual(calls[i], calls[i - 1], `repeated ${calls[i]} at call ${i}`);
    }
    assert.ok(seen[0].length > 10, "the motor was driven");
  });
});

describe("config", () => {
  const RANGES: Record<number, number[]> = {
    [CONFIG.SAMPLE_HZ]: [25, 50, 100],
    [CONFIG.SESSION_MIN]: [5, 60],
    [CONFIG.AUTO_SESSION_MIN]: [5, 60],
    [CONFIG.INTENSITY]: [1, 9],
    [CONFIG.HEAT_TARGET_DC]: [300, 420],
    [CONFIG.HEAT_ENABLED]: [0, 1],
    [CONFIG.AUTO_START]: [0, 1],
    [CONFIG.SENSITIVITY]: [1, 5],
    [CONFIG.AUTO_COOLDOWN_MIN]: [0, 120],
  };
  const accepts = (key: number, value: number) => {
    const r = RANGES[key];
    if (!r) return false;
    return key === CONFIG.SAMPLE_HZ ? r.includes(value) : value >= r[0] && value <= r[1];
  };

  it("has the contract's defaults after fw_init", () => {
    const board = new Board(firmwareModule());
    board.init(0);
    const defaults = [50, 30, 20, 5, 400, 1, 1, 3, 10];
    defaults.forEach((v, i) => assert.equal(board.configGet(i + 1), v, `key ${i + 1}`));
  });

  it("accepts exactly the documented ranges; on error nothing changes", () => {
    const board = new Board(firmwareModule());
    board.init(0);
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 12 }), fc.oneof(fc.integer({ min: -5, max: 130 }), fc.integer()), (key, value) => {
        const before = board.configGet(key);
        const result = board.configSet(key, value);
        if (!RANGES[key]) {
          assert.equal(result, -1);
          assert.equal(board.configGet(key), -2147483648);
        } else if (accepts(key, value)) {
          assert.equal(result, 0);
          assert.equal(board.configGet(key), value);
        } else {
          assert.equal(result, -2);
          assert.equal(board.configGet(key), before);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a refused value leaves a running session exactly as it was", () => {
    const board = new Board(firmwareModule());
    board.init(0);
    board.configSet(CONFIG.HEAT_ENABLED, 0);
    board.button(100, 1);
    for (let t = 100; t <= 300; t += 100) board.tick(t);
    board.button(300, 0);
    for (let t = 400; t <= 10_000; t += 100) board.tick(t);
    const before = [STATUS.STATE, STATUS.SESSION_LEFT_S, STATUS.VIBRATION, STATUS.INTENSITY_NOW].map((k) => board.status(k));
    assert.equal(board.configSet(CONFIG.INTENSITY, 10), -2);
    assert.equal(board.configSet(CONFIG.SESSION_MIN, 0), -2);
    assert.equal(board.configSet(42, 1), -1);
    const after = [STATUS.STATE, STATUS.SESSION_LEFT_S, STATUS.VIBRATION, STATUS.INTENSITY_NOW].map((k) => board.status(k));
    assert.deepEqual(after, before);
  });
});

describe("builds", () => {
  it("the debug build (assertions on) gives the release build's event log for the same night", () => {
    const kicks = [5, 30, 55, 80].map((s) => ({ at_ms: s * 1000, duration_ms: 1500, amplitude_mg: 300 }));
    const run = (wasmPath?: string) => simulateNight({
      night: { source: "test", duration_ms: 3 * MIN, presses: [{ at_ms: 10_000, hold_ms: 150 }, { at_ms: 100_000, hold_ms: 1200 }] },
      sensor: new StillLeg(kicks, 5),
      sample_hz: 50,
      batch: 32,
      board: new Board(firmwareModule(wasmPath)),
    });
    const debug = run(DEBUG_WASM);
    assert.equal(debug.restarts?.length, 0, "no assertion fired in the debug build");
    assert.ok(debug.events.some((e) => e.kind === EVENT.SESSION_START), "the night had a session");
    assert.deepEqual(debug.events, run().events);
  });
});

describe("accelerometer paths", () => {
  it("fw_accel and fw_accel_batch give the same event log for the same samples", () => {
    const kicks = [5, 30, 55, 80, 105, 130].map((s) => ({ at_ms: s * 1000, duration_ms: 1500, amplitude_mg: 300 }));
    const run = (batch: number) => simulateNight({
      night: { source: "test", duration_ms: 3 * MIN, presses: [] },
      board: new Board(firmwareModule()),
      sensor: new StillLeg(kicks, 7),
      sample_hz: 50,
      batch,
    }).events;
    const single = run(0);
    assert.ok(single.some((e) => e.kind === EVENT.MOVE_END), "movements were seen");
    assert.deepEqual(run(32), single);
    assert.deepEqual(run(7), single);
  });
});
