// What the board hands the firmware, checked at the contract's limits (HAL ABI v1,
// docs/hal-abi.md): every config key at min−1 / min / max / max+1 from the ABI's table written
// here, the FIFO batch count 1…32, samples beyond ±16,000 mg, and batches that give the same log
// as single samples.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CONFIG, CONFIG_GET_UNKNOWN, CONFIG_OK, CONFIG_OUT_OF_RANGE, CONFIG_UNKNOWN_KEY, Device, EVENT, Leg,
  MOVE_CLASS, SESSION_CAUSE, STATUS, powerOn, u32 } from "./device.js";

/** HAL ABI v1 "Config": key, range (or the only values), default. */
const CONFIG_TABLE: { name: string; key: number; min: number; max: number; values?: number[]; def: number }[] = [
  { name: "SAMPLE_HZ", key: 1, min: 25, max: 100, values: [25, 50, 100], def: 50 },
  { name: "SESSION_MIN", key: 2, min: 5, max: 60, def: 30 },
  { name: "AUTO_SESSION_MIN", key: 3, min: 5, max: 60, def: 20 },
  { name: "INTENSITY", key: 4, min: 1, max: 9, def: 5 },
  { name: "HEAT_TARGET_DC", key: 5, min: 300, max: 420, def: 400 },
  { name: "HEAT_ENABLED", key: 6, min: 0, max: 1, def: 1 },
  { name: "AUTO_START", key: 7, min: 0, max: 1, def: 1 },
  { name: "SENSITIVITY", key: 8, min: 1, max: 5, def: 3 },
  { name: "AUTO_COOLDOWN_MIN", key: 9, min: 0, max: 120, def: 10 },
];
const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
/** HAL ABI v1: the FIFO holds 32 samples; a plausible axis lies within ±16,000 mg. */
const FIFO_CAPACITY = 32;
const ACCEL_RANGE_MG = 16_000;

const allConfig = (dev: Device) => CONFIG_TABLE.map((c) => dev.get(c.key));

describe("config keys at their limits (fw_config_set: 0 ok, -2 out of range and nothing changes)", () => {
  for (const c of CONFIG_TABLE) {
    test(`${c.name} (key ${c.key}): default ${c.def}; ${c.values ? c.values.join(", ") + " only" : `${c.min}…${c.max}`}`, () => {
      const dev = powerOn(1_000);
      assert.equal(dev.get(c.key), c.def, "default");
      const accepted = c.values ?? [c.min, c.max];
      const refused = [c.min - 1, c.max + 1, I32_MIN, I32_MAX, ...(c.values ? [26, 49, 51, 99, 200, 0] : [])];
      for (const v of refused) {
        const before = allConfig(dev);
        assert.equal(dev.set(c.key, v), CONFIG_OUT_OF_RANGE, `${c.name}=${v} refused`);
        assert.deepEqual(allConfig(dev), before, `${c.name}=${v} changed nothing`);
      }
      for (const v of accepted) {
        assert.equal(dev.set(c.key, v), CONFIG_OK, `${c.name}=${v} accepted`);
        assert.equal(dev.get(c.key), v);
      }
      dev.init(2_000);
      assert.equal(dev.get(c.key), c.def, "fw_init restores the default");
    });
  }

  test("unknown keys: set -1 and nothing changes, get i32 min; unknown status keys read 0", () => {
    const dev = powerOn(1_000);
    const before = allConfig(dev);
    for (const key of [0, 10, -1, I32_MIN, I32_MAX]) {
      assert.equal(dev.set(key, 1), CONFIG_UNKNOWN_KEY, `key ${key}`);
      assert.equal(dev.get(key), CONFIG_GET_UNKNOWN, `key ${key}`);
    }
    assert.deepEqual(allConfig(dev), before);
    for (const key of [0, 13, -1]) assert.equal(dev.status(key), 0, `status ${key}`);
    assert.equal(dev.status(STATUS.ABI_VERSION), 1);
  });

  test("SESSION_MIN 5 and 60 plan sessions of 300 s and 3,600 s", () => {
    for (const min of [5, 60]) {
      const dev = powerOn(1_000, { [CONFIG.SESSION_MIN]: min });
      const leg = new Leg(dev, 1_000).quiet(1_000);
      dev.button(leg.t, 1);
      leg.quiet(200);
      dev.button(leg.t, 0);
      leg.quiet(1_000);
      assert.deepEqual(dev.of(EVENT.SESSION_START).map((e) => [e.a, e.b]), [[SESSION_CAUSE.BUTTON, min * 60]]);
    }
  });
});

describe("the FIFO batch", () => {
  const implausible = (n: number) => Array.from({ length: n }, () => [ACCEL_RANGE_MG + 1, 0, 1000] as const);

  test(`fw_accel_capacity is ${FIFO_CAPACITY}; a batch of ${FIFO_CAPACITY} is read whole`, () => {
    const dev = powerOn(1_000);
    assert.equal(dev.capacity(), FIFO_CAPACITY);
    dev.batch(1_640, implausible(FIFO_CAPACITY));
    assert.equal(dev.status(STATUS.REJECTED_INPUTS), FIFO_CAPACITY, "every one of the 32 samples was read (and refused)");
  });

  for (const count of [FIFO_CAPACITY + 1, 64, 0, -1, I32_MIN, I32_MAX]) {
    test(`a batch count of ${count} is refused whole and counted once; nothing is read`, () => {
      const dev = powerOn(1_000);
      dev.batch(1_000, implausible(FIFO_CAPACITY));
      assert.equal(dev.status(STATUS.REJECTED_INPUTS), FIFO_CAPACITY);
      dev.batchCount(1_700, count);
      assert.equal(dev.status(STATUS.REJECTED_INPUTS), FIFO_CAPACITY + 1);
      assert.deepEqual(dev.events.filter((e) => e.kind !== EVENT.FAULT), []);
    });
  }

  for (const hz of [25, 50, 100]) {
    test(`at ${hz} Hz, the same movements in FIFO batches of ${FIFO_CAPACITY} give the same log as sample by sample`, () => {
      const logs = [0, FIFO_CAPACITY].map((batch) => {
        const dev = powerOn(1_000, { [CONFIG.AUTO_START]: 0, [CONFIG.SAMPLE_HZ]: hz });
        const leg = new Leg(dev, 1_000, hz);
        leg.batchSize = batch;
        leg.quiet(5_000).move(1_000).quiet(4_000).move(400).quiet(6_000).move(12_000).quiet(3_000).flush();
        return dev.events.filter((e) => e.kind === EVENT.MOVE_START || e.kind === EVENT.MOVE_END);
      });
      assert.deepEqual(logs[1], logs[0]);
      assert.deepEqual(logs[0].filter((e) => e.kind === EVENT.MOVE_START).map((e) => e.a), [6_000, 11_000, 17_400].map((t) => u32(t)));
      assert.deepEqual(logs[0].filter((e) => e.kind === EVENT.MOVE_END).map((e) => [e.a, e.b]),
        [[1_000, MOVE_CLASS.LM], [400, MOVE_CLASS.SHORT], [12_000, MOVE_CLASS.LONG]]);
    });
  }
});

describe("implausible samples", () => {
  for (const axis of [0, 1, 2]) {
    test(`axis ${"xyz"[axis]}: ±${ACCEL_RANGE_MG} mg is plausible, ±${ACCEL_RANGE_MG + 1} mg is refused and counted`, () => {
      const dev = powerOn(1_000);
      const sample = (t: number, v: number) => {
        const xyz = [0, 0, 1000];
        xyz[axis] = v;
        dev.accel(t, xyz[0], xyz[1], xyz[2]);
      };
      sample(1_020, ACCEL_RANGE_MG);
      sample(1_040, -ACCEL_RANGE_MG);
      assert.equal(dev.status(STATUS.REJECTED_INPUTS), 0);
      sample(1_060, ACCEL_RANGE_MG + 1);
      sample(1_080, -ACCEL_RANGE_MG - 1);
      sample(1_100, I32_MIN);
      sample(1_120, I32_MAX);
      assert.equal(dev.status(STATUS.REJECTED_INPUTS), 4);
      assert.deepEqual(dev.of(EVENT.FAULT), [], "a few refused samples raise no fault");
    });
  }
});
