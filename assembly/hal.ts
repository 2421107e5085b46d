// The board, as the firmware sees it: every import of HAL ABI v1 (docs/hal-abi.md) and
// nothing else. This file is the only place that touches the board.

// ─── Actuators ─────────────────────────────────────────────────────────────────

/** Vibration motor PWM duty, permille (0…1000). Called only when the value changes. */
@external("hal", "set_vibration")
export declare function hal_set_vibration(duty_permille: i32): void;

/** Heating pad PWM duty, permille (0…1000). Called only when the value changes. */
@external("hal", "set_heater")
export declare function hal_set_heater(duty_permille: i32): void;

/** Bedside LED pattern, one of LED_*. */
@external("hal", "set_led")
export declare function hal_set_led(pattern: i32): void;

// ─── Log and failure ───────────────────────────────────────────────────────────

/** One event for the device log; the board persists it. `now` is u32 ms as i32 bits. */
@external("hal", "emit")
export declare function hal_emit(kind: i32, now: i32, a: i32, b: i32): void;

/** Called just before a trap; the board turns both actuators off and restarts the firmware. */
@external("hal", "panic")
export declare function hal_panic(code: i32): void;

// ─── LED patterns ──────────────────────────────────────────────────────────────

export const LED_OFF: i32 = 0;
export const LED_IDLE: i32 = 1;
export const LED_SESSION: i32 = 2;
export const LED_RAMP_DOWN: i32 = 3;
export const LED_FAULT: i32 = 4;

// ─── Panic codes (hal.panic) ──────────────────────────────────────────────────

/** An assertion or bounds check failed: a broken invariant inside the firmware. */
export const PANIC_ABORT: i32 = 1;

/**
 * AssemblyScript's abort, routed here by the release build (`--use abort=assembly/hal/abort`):
 * the board learns of the failure before the trap, so it can put the actuators in a safe state.
 * The message strings are not passed: they would need `env` imports and memory the firmware
 * does not have.
 */
export function abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  hal_panic(PANIC_ABORT);
  unreachable();
}
