// Supervision of the board's clock. Calls come at least every 100 ms in non-decreasing order
// (modulo the u32 wrap, which is ordinary). A step backwards, or forwards by more than a board
// could plausibly stall, means every running timer is wrong: FAULT 5, everything off.

import { FAULT_CLOCK } from "../abi";
import { elapsedMs } from "../clock";
import { clearFault, faultActive, raiseFault } from "./faults";

/** The largest forward step between two calls that is still an orderly clock. */
export const CLOCK_MAX_STEP_MS: u32 = 2000;
/** Orderly calls for this long clear FAULT 5. */
export const CLOCK_RECOVERY_MS: u32 = 5000;

export const CLOCK_BACKWARDS: i32 = 1;
export const CLOCK_FORWARDS: i32 = 2;

/** Everything this module keeps between calls. */
namespace watch {
  export let last_ms: u32 = 0;
  export let orderly_since_ms: u32 = 0;
}

export function clockWatchReset(now_ms: u32): void {
  watch.last_ms = now_ms;
  watch.orderly_since_ms = now_ms;
}

/**
 * Observes the `now` of a call; returns false when the clock just jumped (the caller resyncs).
 * Inlined into every export: the orderly case is a subtraction and two tests.
 */
@inline export function clockObserve(now_ms: u32): bool {
  const step = elapsedMs(now_ms, watch.last_ms);
  watch.last_ms = now_ms;
  // A u32 step above 2^31 is a step backwards.
  if (step > CLOCK_MAX_STEP_MS) {
    clockJumped(now_ms, step);
    return false;
  }
  if (faultActive(FAULT_CLOCK)) clockOrderly(now_ms);
  return true;
}

function clockJumped(now_ms: u32, step: u32): void {
  watch.orderly_since_ms = now_ms;
  raiseFault(FAULT_CLOCK, now_ms, <i32>step < 0 ? CLOCK_BACKWARDS : CLOCK_FORWARDS);
}

/** An orderly call while FAULT 5 is active: clears it once the clock has been orderly long enough. */
function clockOrderly(now_ms: u32): void {
  if (elapsedMs(now_ms, watch.orderly_since_ms) >= CLOCK_RECOVERY_MS) clearFault(FAULT_CLOCK, now_ms);
}
