// Property tests: random sequences of every export with random and hostile values (i32 extremes,
// batch counts 0/−1/huge, keys out of range, clock jumps either way, the u32 wrap). After every
// single call the protective invariants of host/sim/invariants.ts must hold, and nothing traps.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { CONFIG, STATUS } from "../../host/abi.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { WatchedBoard } from "./invariants.js";

const I32_EXTREMES = [0, -1, 1, 0x7fffffff, -0x80000000, 0x80000000, 0xffffffff, 2 ** 40, -(2 ** 40)];
const hostileInt = fc.oneof(fc.constantFrom(...I32_EXTREMES), fc.integer({ min: -0x80000000, max: 0x7fffffff }));

/** A time step: mostly orderly (0…150 ms), sometimes a stall, a jump back, or anywhere. */
const step = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 150 }) },
  { weight: 1, arbitrary: fc.integer({ min: 150, max: 5000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5000, max: -1 }) },
  { weight: 1, arbitrary: fc.integer({ min: -0x80000000, max: 0x7fffffff }) },
);

const plausibleMg = fc.integer({ min: -1200, max: 1200 });
const mg = fc.oneof({ weight: 4, arbitrary: plausibleMg }, { weight: 1, arbitrary: hostileInt });
/** Pad readings: around the heating range and the cut-off, and now and then anything at all. */
const cdeg = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 2500, max: 4500 }) },
  { weight: 2, arbitrary: fc.integer({ min: 4200, max: 4400 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2100, max: 9100 }) },
  { weight: 1, arbitrary: hostileInt },
);

type Command =
  | { op: "tick"; dt: number }
  | { op: "accel"; dt: number; x: number; y: number; z: number }
  | { op: "batch"; dt: number; count: number; values: number[] }
  | { op: "button"; dt: number; level: number }
  | { op: "press"; dt: number; hold: number }
  | { op: "temperature"; dt: number; cdeg: number }
  | { op: "ticks"; dt: number; n: number; cdeg: number }
  | { op: "config"; key: number; value: number }
  | { op: "read"; key: number }
  | { op: "init"; dt: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ op: fc.constant("tick" as const), dt: step }) },
  { weight: 20, arbitrary: fc.record({ op: fc.constant("accel" as const), dt: step, x: mg, y: mg, z: mg }) },
  {
    weight: 10,
    arbitrary: fc.record({
      op: fc.constant("batch" as const),
      dt: step,
      count: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constantFrom(0, -1, 65, 1000, 2 ** 31 - 1, -(2 ** 31))),
      values: fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 0, maxLength: 192 }),
    }),
  },
  { weight: 10, arbitrary: fc.record({ op: fc.constant("button" as const), dt: step, level: fc.oneof(fc.constantFrom(0, 1), hostileInt) }) },
  { weight: 15, arbitrary: fc.record({ op: fc.constant("press" as const), dt: step, hold: fc.integer({ min: 40, max: 1500 }) }) },
  { weight: 20, arbitrary: fc.record({ op: fc.constant("temperature" as const), dt: step, cdeg }) },
  { weight: 15, arbitrary: fc.record({ op: fc.constant("ticks" as const), dt: step, n: fc.integer({ min: 1, max: 200 }), cdeg }) },
  {
    weight: 10,
    arbitrary: fc.record({
      op: fc.constant("config" as const),
      key: fc.oneof(fc.integer({ min: -2, max: 14 }), hostileInt),
      value: fc.oneof(fc.integer({ min: -5, max: 500 }), hostileInt),
    }),
  },
  { weight: 5, arbitrary: fc.record({ op: fc.constant("read" as const), key: fc.oneof(fc.integer({ min: -2, max: 14 }), hostileInt) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("init" as const), dt: step }) },
);

/** Where the clock starts: 0, just before the wrap, or anywhere. */
const clock0 = fc.oneof(fc.constant(0), fc.integer({ min: 2 ** 32 - 120_000, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }));

function run(start: number, commands: Command[]): WatchedBoard {
  const board = new WatchedBoard(firmwareModule());
  let now = start >>> 0;
  const advance = (dt: number) => { now = (now + dt) >>> 0; return now; };
  board.init(now);
  for (const c of commands) {
    switch (c.op) {
      case "tick": board.tick(advance(c.dt)); break;
      case "accel": board.accel(advance(c.dt), c.x, c.y, c.z); break;
      case "batch": board.accelBatch(advance(c.dt), c.values, c.count); break;
      case "button": board.button(advance(c.dt), c.level); break;
      case "press": {
        // A clean press with the ticks a board would give, so sessions really start.
        board.button(advance(c.dt), 1);
        for (let t = 0; t < c.hold; t += 50) board.tick(advance(50));
        board.button(advance(0), 0);
        for (let t = 0; t < 500; t += 100) board.tick(advance(100));
        break;
      }
      case "temperature": board.temperature(advance(c.dt), c.cdeg); break;
      case "ticks": {
        // Time passing orderly, with a reading every second: the heater gets to work.
        advance(c.dt);
        for (let i = 0; i < c.n; i++) {
          board.tick(advance(100));
          if (i % 10 === 0) board.temperature(now, c.cdeg);
          if (i % 2 === 0) board.accel(now, i % 7, 3 - (i % 5), 1000);
        }
        break;
      }
      case "config": board.configSet(c.key, c.value); break;
      case "read": {
        board.status(c.key);
        board.configGet(c.key);
        board.check(null, `fw_status(${c.key})`);
        break;
      }
      case "init": board.init(advance(c.dt)); break;
    }
    if (board.violations.length > 0) break;
  }
  return board;
}

describe("invariants under random and hostile calls", () => {
  it("hold after every call of every export, whatever the arguments and the clock", () => {
    let checks = 0;
    let heated = 0;
    fc.assert(
      fc.property(clock0, fc.array(command, { minLength: 1, maxLength: 120 }), (start, commands) => {
        const board = run(start, commands);
        checks += board.checks;
        if (board.events.some((e) => e.kind === 5)) heated++;
        assert.deepEqual(board.violations, []);
      }),
      { numRuns: 400 },
    );
    // The property must have exercised real sessions, not only refusals.
    assert.ok(heated > 50, `only ${heated} runs started a session`);
    assert.ok(checks > 20_000, `only ${checks} checks`);
  });

  it("a session with heat at the cut-off edge never heats at or above 43.0 °C", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 4150, max: 4350 }), { minLength: 10, maxLength: 200 }),
        fc.integer({ min: 300, max: 420 }),
        (readings, target_dc) => {
          const board = new WatchedBoard(firmwareModule());
          board.init(0);
          board.configSet(CONFIG.HEAT_TARGET_DC, target_dc);
          let now = 1000;
          board.button(now, 1);
          board.tick((now += 100));
          board.button((now += 100), 0);
          for (const r of readings) {
            for (let i = 0; i < 10; i++) board.tick((now += 100));
            board.temperature(now, r);
            board.accel(now, readings.length % 3, 0, 1000);
          }
          assert.deepEqual(board.violations, []);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refused inputs are counted, never acted on (batch counts 0, −1, huge)", () => {
    const board = new WatchedBoard(firmwareModule());
    board.init(0);
    const before = board.status(STATUS.REJECTED_INPUTS);
    for (const [i, count] of [0, -1, 65, 2 ** 31 - 1, -(2 ** 31)].entries()) board.accelBatch(100 + i * 10, [], count);
    assert.equal(board.status(STATUS.REJECTED_INPUTS) - before, 5);
    assert.deepEqual(board.violations, []);
  });
});
