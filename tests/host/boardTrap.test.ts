// When the firmware traps anyway, the board turns both actuators off at once, starts a fresh
// firmware instance from power-on, gives it back the config, and records the restart. The trap is
// made real: a HAL callback throws a WebAssembly.RuntimeError in the middle of a firmware call,
// which unwinds through the wasm frames exactly as an `unreachable` would.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONFIG, EVENT, STATE, STATUS } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { firmwareModule } from "../../host/firmwareFile.js";

/** A board whose firmware traps at the first event of `kind` once `armed`, optionally after hal.panic. */
class TrappingBoard extends Board {
  armed = false;
  withPanic = false;
  constructor(private readonly trapOn: number) {
    super(firmwareModule());
  }
  override emit(kind: number, now_ms: number, a: number, b: number): void {
    super.emit(kind, now_ms, a, b);
    if (this.armed && kind === this.trapOn) {
      this.armed = false;
      if (this.withPanic) this.panic(1);
      throw new WebAssembly.RuntimeError("unreachable");
    }
  }
}

/** Starts a heated session and runs it until both actuators are on; returns the clock. */
function heatedSession(board: Board): number {
  board.init(0);
  board.configSet(CONFIG.INTENSITY, 7);
  let now = 1000;
  board.button(now, 1);
  board.tick((now += 100));
  board.button((now += 100), 0);
  for (let i = 0; i < 100; i++) {
    board.tick((now += 100));
    if (i % 10 === 0) { board.temperature(now, 3200); board.accel(now, i % 3, 0, 1000); }
  }
  assert.ok(board.vibration_permille > 0 && board.heater_permille > 0, "motor and heater on before the trap");
  return now;
}

describe("a firmware trap", () => {
  it("turns both actuators off, restarts the firmware from power-on with the config, and records it", () => {
    const board = new TrappingBoard(EVENT.BUTTON);
    let now = heatedSession(board);
    board.armed = true;
    board.button((now += 100), 1);
    board.tick((now += 100));
    board.button((now += 100), 0);
    for (let i = 0; i < 6; i++) board.tick((now += 100));
    assert.equal(board.restarts.length, 1, "the restart is recorded");
    assert.equal(board.restarts[0].panic_code, null, "no panic before this trap");
    assert.match(board.restarts[0].message, /unreachable/);
    assert.equal(board.vibration_permille, 0);
    assert.equal(board.heater_permille, 0);
    assert.equal(board.status(STATUS.STATE), STATE.IDLE, "the new instance starts idle");
    assert.equal(board.configGet(CONFIG.INTENSITY), 7, "the config was given back");
    // It works again: a press starts a new session on the new instance.
    board.button((now += 1000), 1);
    board.tick((now += 100));
    board.button((now += 100), 0);
    for (let i = 0; i < 20; i++) board.tick((now += 100));
    assert.equal(board.status(STATUS.STATE), STATE.RAMP_UP);
  });

  it("records the panic code the firmware gave before trapping", () => {
    const board = new TrappingBoard(EVENT.FAULT);
    let now = heatedSession(board);
    board.armed = true;
    board.withPanic = true;
    board.temperature((now += 100), 4400);
    assert.equal(board.restarts.length, 1);
    assert.equal(board.restarts[0].panic_code, 1);
    assert.equal(board.restarts[0].now_ms, now);
    assert.equal(board.vibration_permille, 0);
    assert.equal(board.heater_permille, 0);
  });

  it("gives back an intensity and heat chosen by long and double presses, not only configSet values", () => {
    const board = new TrappingBoard(EVENT.SESSION_START);
    board.init(0);
    let now = 0;
    const press = (hold_ms: number) => {
      board.button((now += 100), 1);
      for (let t = 0; t < hold_ms; t += 100) board.tick((now += 100));
      board.button((now += 100), 0);
      for (let i = 0; i < 3; i++) board.tick((now += 100));
    };
    press(1200); // long: intensity 5 → 6
    press(100);
    press(100); // double: heat 1 → 0
    for (let i = 0; i < 10; i++) board.tick((now += 100));
    assert.equal(board.configGet(CONFIG.INTENSITY), 6);
    assert.equal(board.configGet(CONFIG.HEAT_ENABLED), 0);
    board.armed = true;
    press(100); // a short press starts a session, and the firmware traps on SESSION_START
    for (let i = 0; i < 10; i++) board.tick((now += 100));
    assert.equal(board.restarts.length, 1);
    assert.equal(board.configGet(CONFIG.INTENSITY), 6, "intensity survives the restart");
    assert.equal(board.configGet(CONFIG.HEAT_ENABLED), 0, "heat choice survives the restart");
  });

  it("a trap inside fw_config_set is caught like any other: actuators off, restart recorded", () => {
    class TrapOnMotor extends Board {
      arm = false;
      override setVibration(duty: number): void {
        super.setVibration(duty);
        if (this.arm) { this.arm = false; throw new WebAssembly.RuntimeError("unreachable"); }
      }
    }
    const board = new TrapOnMotor(firmwareModule());
    heatedSession(board);
    board.arm = true;
    // A new intensity reaches the motor inside the same fw_config_set call; the trap happens there.
    assert.equal(board.configSet(CONFIG.INTENSITY, 9), -2, "the call reports that nothing was changed");
    assert.equal(board.restarts.length, 1);
    assert.equal(board.vibration_permille, 0);
    assert.equal(board.heater_permille, 0);
    assert.equal(board.configGet(CONFIG.INTENSITY), 7, "the restarted firmware has the last good config");
  });

  it("an ordinary exception of the board's own code is not mistaken for a trap", () => {
    class Broken extends Board {
      override setLed(): void { throw new TypeError("board bug"); }
    }
    const board = new Broken(firmwareModule());
    assert.throws(() => board.init(0), TypeError);
    assert.equal(board.restarts.length, 0);
  });
});
