// Every config key at its limits, through fw_config_set / fw_config_get only, from the table of
// HAL ABI v1 (docs/hal-abi.md, "Config") written out here: min − 1, min, max, max + 1, the default
// after fw_init, and an error that changes nothing.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Board, KEY, STATUS } from "./mutantsBoard.js";

const OK = 0;
const UNKNOWN_KEY = -1;
const OUT_OF_RANGE = -2;
const GET_UNKNOWN = -2147483648;

/** [key, min, max, default] from the contract's table. SAMPLE_HZ is a set of rates, below. */
const RANGES: [number, number, number, number][] = [
  [KEY.SESSION_MIN, 5, 60, 30],
  [KEY.AUTO_SESSION_MIN, 5, 60, 20],
  [KEY.INTENSITY, 1, 9, 5],
  [KEY.HEAT_TARGET_DC, 300, 420, 400],
  [KEY.HEAT_ENABLED, 0, 1, 1],
  [KEY.AUTO_START, 0, 1, 1],
  [KEY.SENSITIVITY, 1, 5, 3],
  [KEY.AUTO_COOLDOWN_MIN, 0, 120, 10],
];

describe("config at its limits", () => {
  it("every key has its default after fw_init", () => {
    const board = new Board(1000);
    assert.equal(board.get(KEY.SAMPLE_HZ), 50);
    for (const [key, , , def] of RANGES) assert.equal(board.get(key), def, `key ${key}`);
  });

  for (const [key, min, max, def] of RANGES) {
    it(`key ${key}: ${min - 1} and ${max + 1} refused with nothing changed, ${min} and ${max} taken`, () => {
      const board = new Board(1000);
      assert.equal(board.set(key, min - 1), OUT_OF_RANGE);
      assert.equal(board.get(key), def);
      assert.equal(board.set(key, max + 1), OUT_OF_RANGE);
      assert.equal(board.get(key), def);
      assert.equal(board.set(key, min), OK);
      assert.equal(board.get(key), min);
      assert.equal(board.set(key, max), OK);
      assert.equal(board.get(key), max);
      assert.equal(board.set(key, min - 1), OUT_OF_RANGE);
      assert.equal(board.get(key), max, "a refused value leaves the last good one");
    });
  }

  it("SAMPLE_HZ takes 25, 50 and 100 and nothing next to them", () => {
    const board = new Board(1000);
    for (const hz of [0, 24, 26, 49, 51, 99, 101, 200, 12]) {
      assert.equal(board.set(KEY.SAMPLE_HZ, hz), OUT_OF_RANGE, `${hz} Hz`);
      assert.equal(board.get(KEY.SAMPLE_HZ), 50);
    }
    for (const hz of [25, 100, 50]) {
      assert.equal(board.set(KEY.SAMPLE_HZ, hz), OK);
      assert.equal(board.get(KEY.SAMPLE_HZ), hz);
    }
  });

  it("keys 0, 10 and beyond are unknown: set refuses them, get answers i32 min", () => {
    const board = new Board(1000);
    for (const key of [0, 10, 11, -1, 2147483647, -2147483648]) {
      assert.equal(board.set(key, 1), UNKNOWN_KEY, `set key ${key}`);
      assert.equal(board.get(key), GET_UNKNOWN, `get key ${key}`);
    }
    for (const [key, , , def] of RANGES) assert.equal(board.get(key), def, "an unknown key changes no other");
  });

  it("fw_init restores every default, the first key and the last included", () => {
    const board = new Board(1000);
    assert.equal(board.set(KEY.SAMPLE_HZ, 100), OK);
    for (const [key, min] of RANGES) assert.equal(board.set(key, min), OK);
    board.init(2000);
    assert.equal(board.get(KEY.SAMPLE_HZ), 50);
    for (const [key, , , def] of RANGES) assert.equal(board.get(key), def, `key ${key}`);
  });

  it("status keys outside 1…12 read 0", () => {
    const board = new Board(1000);
    for (const key of [0, 13, -1]) assert.equal(board.status(key), 0);
    assert.equal(board.status(STATUS.ABI_VERSION), 1);
  });
});
