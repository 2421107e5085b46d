// Leg-movement detector (foundation version: a fixed threshold on the deviation from a slow
// baseline). One sample in, events out; O(1) work and fixed state per sample.

import { EVENT_MOVE_END, EVENT_MOVE_START, MOVE_CLASS_LM, MOVE_CLASS_LONG, MOVE_CLASS_SHORT } from "../abi";
import { elapsedMs } from "../clock";
import { logEvent } from "../log";

/** Deviation from the baseline that starts a movement, mg (L1 norm over the three axes). */
const ONSET_MG: i32 = 60;
/** A movement ends after this long back below half the onset level (the scoring rule's 0.5 s). */
const OFFSET_QUIET_MS: u32 = 500;
const LM_MIN_MS: u32 = 500;
const LM_MAX_MS: u32 = 10_000;

let base_x: i32 = 0;
let base_y: i32 = 0;
let base_z: i32 = 0;
let primed: bool = false;
let moving: bool = false;
let onset_ms: u32 = 0;
let last_active_ms: u32 = 0;
let lm_count: i32 = 0;
let plm_count: i32 = 0;

export function detectorReset(now_ms: u32, sample_period_ms: u32, sensitivity: i32): void {
  primed = false;
  moving = false;
  onset_ms = now_ms;
  last_active_ms = now_ms;
}

/** Clears the counters (power-on only; a detector reset keeps them). */
export function detectorClearCounts(): void {
  lm_count = 0;
  plm_count = 0;
}

export function detectorSetSensitivity(sensitivity: i32): void {}

/**
 * One plausible sample; `motor_permille` is the vibration duty in effect. Returns a RESTLESS_*
 * reason when restlessness is recognised at this sample, else 0.
 */
export function detectorSample(now_ms: u32, x_mg: i32, y_mg: i32, z_mg: i32, motor_permille: i32): i32 {
  if (!primed) {
    base_x = x_mg << 4;
    base_y = y_mg << 4;
    base_z = z_mg << 4;
    primed = true;
  }
  const deviation = abs(x_mg - (base_x >> 4)) + abs(y_mg - (base_y >> 4)) + abs(z_mg - (base_z >> 4));
  // Baseline follows slowly (1/16 per sample): a new posture becomes the new rest.
  base_x += x_mg - (base_x >> 4);
  base_y += y_mg - (base_y >> 4);
  base_z += z_mg - (base_z >> 4);
  if (!moving) {
    if (deviation >= ONSET_MG) {
      moving = true;
      onset_ms = now_ms;
      last_active_ms = now_ms;
      logEvent(EVENT_MOVE_START, now_ms, <i32>onset_ms, 0);
    }
    return 0;
  }
  if (deviation >= ONSET_MG / 2) last_active_ms = now_ms;
  if (elapsedMs(now_ms, last_active_ms) >= OFFSET_QUIET_MS) {
    moving = false;
    const duration_ms = elapsedMs(last_active_ms, onset_ms);
    let cls = MOVE_CLASS_LM;
    if (duration_ms < LM_MIN_MS) cls = MOVE_CLASS_SHORT;
    else if (duration_ms > LM_MAX_MS) cls = MOVE_CLASS_LONG;
    else lm_count++;
    logEvent(EVENT_MOVE_END, now_ms, <i32>duration_ms, cls);
  }
  return 0;
}

export function detectorLmCount(): i32 {
  return lm_count;
}

export function detectorPlmCount(): i32 {
  return plm_count;
}
