// The last word on both actuators (what the board is told and what fw_status reports), through the
// exports only: a stronger intensity is a stronger motor, the heater's duty reaches the board, and
// fw_init leaves both at 0 in the figures too, not only in what it tells the board.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Board, KEY, STATE, STATUS } from "./mutantsBoard.js";

/** The strongest motor duty of 20 s of a running button session at `level` (no heat). */
function peakDuty(level: number): number {
  const board = new Board(0);
  assert.equal(board.set(KEY.INTENSITY, level), 0);
  assert.equal(board.set(KEY.HEAT_ENABLED, 0), 0);
  board.run(1000, { still: true });
  board.press(100);
  board.run(board.now + 6000, { still: true, step_ms: 100 });
  assert.equal(board.status(STATUS.STATE), STATE.RUNNING);
  let peak = 0;
  const end = board.now + 20_000;
  while (board.now < end) {
    board.run(board.now + 20, { still: true, step_ms: 20 });
    assert.equal(board.status(STATUS.VIBRATION), board.last("set_vibration"), "the board is told what fw_status says");
    peak = Math.max(peak, board.status(STATUS.VIBRATION));
  }
  return peak;
}

describe("actuators", () => {
  it("each intensity 1…9 drives the motor harder than the one below, never past 1000 ‰", () => {
    const peaks = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(peakDuty);
    for (let i = 1; i < peaks.length; i++) assert.ok(peaks[i] > peaks[i - 1], `intensity ${i + 1} (${peaks[i]}) > ${i} (${peaks[i - 1]})`);
    assert.ok(peaks[0] > 0 && peaks[8] <= 1000);
  });

  it("the heater's duty reaches the board as fw_status reports it", () => {
    const board = new Board(0);
    board.run(1000, { still: true, pad_cdeg: 3000 });
    board.press(100);
    board.run(10_000, { still: true, pad_cdeg: 3000 });
    assert.ok(board.status(STATUS.HEATER) > 0);
    assert.equal(board.last("set_heater"), board.status(STATUS.HEATER));
  });

  it("fw_init during a heating session: both duties read 0, and the next session tells the board again", () => {
    const board = new Board(0);
    board.run(1000, { still: true, pad_cdeg: 3000 });
    board.press(100);
    board.run(10_000, { still: true, pad_cdeg: 3000 });
    assert.ok(board.status(STATUS.VIBRATION) > 0 && board.status(STATUS.HEATER) > 0);
    board.init(10_000);
    assert.equal(board.status(STATUS.VIBRATION), 0);
    assert.equal(board.status(STATUS.HEATER), 0);
    board.forget();
    board.run(11_000, { still: true, pad_cdeg: 3000 });
    board.press(100);
    board.run(20_000, { still: true, pad_cdeg: 3000 });
    assert.ok(board.count("set_vibration") > 0 && board.count("set_heater") > 0);
    assert.equal(board.last("set_vibration"), board.status(STATUS.VIBRATION));
    assert.equal(board.last("set_heater"), board.status(STATUS.HEATER));
  });
});
