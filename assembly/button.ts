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

/** Everything this module keeps between calls. */
namespace button {
  export let raw_level: i32 = 0;
  export let raw_changed_ms: u32 = 0;
  export let stable_level: i32 = 0;
  export let pressed_ms: u32 = 0;
  export let released_ms: u32 = 0;
  /** A short press is held back until the double-press window has passed. */
  export let short_pending: bool = false;
  /** The current press has already been reported (long, or the second half of a double). */
  export let press_consumed: bool = false;
}

export function buttonReset(now_ms: u32): void {
  button.raw_level = 0;
  button.raw_changed_ms = now_ms;
  button.stable_level = 0;
  button.pressed_ms = now_ms;
  button.released_ms = now_ms;
  button.short_pending = false;
  button.press_consumed = false;
}

/** A raw level from the board (1 down, anything else up); returns a GESTURE_* or 0. */
export function buttonInput(now_ms: u32, pressed: i32): i32 {
  // Settle the level held until now first: a press may have been stable long enough even though
  // no tick came between its edges.
  const settled = buttonPoll(now_ms);
  const level = pressed == 1 ? 1 : 0;
  if (level != button.raw_level) {
    button.raw_level = level;
    button.raw_changed_ms = now_ms;
  }
  return settled != 0 ? settled : buttonPoll(now_ms);
}

/** Advances debounce and gesture timing; returns a GESTURE_* that completed now, or 0. */
export function buttonPoll(now_ms: u32): i32 {
  if (button.raw_level != button.stable_level && elapsedMs(now_ms, button.raw_changed_ms) >= DEBOUNCE_MS) {
    button.stable_level = button.raw_level;
    if (button.stable_level == 1) {
      button.pressed_ms = button.raw_changed_ms;
      button.press_consumed = false;
      if (button.short_pending) {
        button.short_pending = false;
        if (elapsedMs(button.pressed_ms, button.released_ms) <= DOUBLE_GAP_MS) {
          button.press_consumed = true;
          return GESTURE_DOUBLE;
        }
        // The window had closed before this press was seen: the earlier press was a short one.
        return GESTURE_SHORT;
      }
    } else {
      button.released_ms = button.raw_changed_ms;
      if (!button.press_consumed) button.short_pending = true;
    }
  }
  // Not while a release is being debounced: the press ended at that edge (let go at 999 ms, short).
  if (button.stable_level == 1 && button.raw_level == 1 && !button.press_consumed && elapsedMs(now_ms, button.pressed_ms) >= LONG_PRESS_MS) {
    button.press_consumed = true;
    button.short_pending = false;
    return GESTURE_LONG;
  }
  // Not while a press is being debounced: its edge may lie inside the window (judged when it settles).
  if (button.short_pending && button.raw_level == button.stable_level && elapsedMs(now_ms, button.released_ms) > DOUBLE_GAP_MS) {
    button.short_pending = false;
    return GESTURE_SHORT;
  }
  return 0;
}
