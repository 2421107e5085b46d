// The bedside button: raw contact levels in, debounced gestures out (short, long, double).
// The board reports raw levels, bounces included; edges are timed when they happen and
// accepted once the contact has held still, so a 20 ms bounce never makes two presses.

import { GESTURE_DOUBLE, GESTURE_LONG, GESTURE_SHORT } from "./abi";
import { elapsedMs } from "./clock";

/** A level must hold this long to count (contacts bounce for up to 20 ms). */
export const DEBOUNCE_MS: u32 = 30;
/** A press held this long is a long press, reported while still held. */
export const LONG_PRESS_MS: u32 = 1000;
/** A second press starting within this time after a release makes a double press. */
export const DOUBLE_GAP_MS: u32 = 400;

let raw_level: i32 = 0;
let raw_changed_ms: u32 = 0;
let stable_level: i32 = 0;
let pressed_ms: u32 = 0;
let released_ms: u32 = 0;
/** A short press is held back until the double-press window has passed. */
let short_pending: bool = false;
/** The current press has already been reported (long, or the second half of a double). */
let press_consumed: bool = false;

export function buttonReset(now_ms: u32): void {
  raw_level = 0;
  raw_changed_ms = now_ms;
  stable_level = 0;
  pressed_ms = now_ms;
  released_ms = now_ms;
  short_pending = false;
  press_consumed = false;
}

/** A raw level from the board (1 down, anything else up); returns a GESTURE_* or 0. */
export function buttonInput(now_ms: u32, pressed: i32): i32 {
  // Settle the level held until now first: a press may have been stable long enough even though
  // no tick came between its edges.
  const settled = buttonPoll(now_ms);
  const level = pressed == 1 ? 1 : 0;
  if (level != raw_level) {
    raw_level = level;
    raw_changed_ms = now_ms;
  }
  return settled != 0 ? settled : buttonPoll(now_ms);
}

/** Advances debounce and gesture timing; returns a GESTURE_* that completed now, or 0. */
export function buttonPoll(now_ms: u32): i32 {
  if (raw_level != stable_level && elapsedMs(now_ms, raw_changed_ms) >= DEBOUNCE_MS) {
    stable_level = raw_level;
    if (stable_level == 1) {
      pressed_ms = raw_changed_ms;
      press_consumed = false;
      if (short_pending) {
        short_pending = false;
        if (elapsedMs(pressed_ms, released_ms) <= DOUBLE_GAP_MS) {
          press_consumed = true;
          return GESTURE_DOUBLE;
        }
        // The window had closed before this press was seen: the earlier press was a short one.
        return GESTURE_SHORT;
      }
    } else {
      released_ms = raw_changed_ms;
      if (!press_consumed) short_pending = true;
    }
  }
  // Not while a release is being debounced: the press ended at that edge (let go at 999 ms, short).
  if (stable_level == 1 && raw_level == 1 && !press_consumed && elapsedMs(now_ms, pressed_ms) >= LONG_PRESS_MS) {
    press_consumed = true;
    short_pending = false;
    return GESTURE_LONG;
  }
  // Not while a press is being debounced: its edge may lie inside the window (judged when it settles).
  if (short_pending && raw_level == stable_level && elapsedMs(now_ms, released_ms) > DOUBLE_GAP_MS) {
    short_pending = false;
    return GESTURE_SHORT;
  }
  return 0;
}
