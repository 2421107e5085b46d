// Supervision of the leg accelerometer: samples must keep coming, lie in the sensor's range and
// show the sensor's own noise. A silent, saturated or frozen sensor cannot see restlessness, so
// it must not be trusted to start a session (the button keeps working).

import { FAULT_ACCEL_IMPLAUSIBLE, FAULT_ACCEL_MISSING } from "../abi";
import { elapsedMs } from "../clock";
import { clearFault, faultActive, raiseFault } from "./faults";

/** No sample for longer than this: the sensor is missing (FAULT 1). */
export const ACCEL_TIMEOUT_MS: u32 = 2000;
/** Plausible range of each axis, mg (±16 g, HAL ABI v1). */
export const ACCEL_RANGE_MG: i32 = 16000;
/** This many implausible samples in a row: the sensor is broken (FAULT 2, detail 1). */
export const IMPLAUSIBLE_RUN: i32 = 25;
/**
 * Bit-identical samples for this long: the sensor is frozen (FAULT 2, detail 2). A live sensor's
 * noise changes the last bit within milliseconds even on a coarse range; a stuck bus repeats the
 * last register values for ever.
 */
export const FROZEN_MS: u32 = 30_000;
/** Good, changing samples for this long clear FAULT 2. */
export const ACCEL_RECOVERY_MS: u32 = 1000;

export const ACCEL_OUT_OF_RANGE: i32 = 1;
export const ACCEL_FROZEN: i32 = 2;

/** Everything this module keeps between calls. */
namespace watch {
  export let last_sample_ms: u32 = 0;
  export let implausible_run: i32 = 0;
  export let last_x: i32 = 0;
  export let last_y: i32 = 0;
  export let last_z: i32 = 0;
  export let same_since_ms: u32 = 0;
  export let good_since_ms: u32 = 0;
  /** The data has changed since FAULT 2 was raised: a frozen sensor clears only by moving again. */
  export let changed_since_fault: bool = false;
}

/** Power-on: no sample seen yet, the missing-timer starts now. */
export function accelWatchReset(now_ms: u32): void {
  watch.last_x = i32.MIN_VALUE;
  watch.last_y = 0;
  watch.last_z = 0;
  watch.changed_since_fault = false;
  accelWatchResync(now_ms);
}

/** The clock jumped: timers restart from `now_ms`; the last values and active faults stay. */
export function accelWatchResync(now_ms: u32): void {
  watch.last_sample_ms = now_ms;
  watch.implausible_run = 0;
  watch.same_since_ms = now_ms;
  watch.good_since_ms = now_ms;
}

/**
 * One sample; returns true when it is plausible and may reach the detector. Inlined into the
 * sample path: a good, changing sample with no fault active is a few comparisons; the rest are calls.
 */
@inline export function accelWatchSample(now_ms: u32, x_mg: i32, y_mg: i32, z_mg: i32): bool {
  watch.last_sample_ms = now_ms;
  // Checked inline first: this runs for every sample and the fault is almost never active.
  if (faultActive(FAULT_ACCEL_MISSING)) clearFault(FAULT_ACCEL_MISSING, now_ms);
  // One unsigned comparison per axis: v + RANGE lies in [0, 2·RANGE] exactly when v is within
  // ±RANGE (outside it, it is negative or wraps, i.e. a large u32).
  if (<u32>(x_mg + ACCEL_RANGE_MG) > <u32>(2 * ACCEL_RANGE_MG) || <u32>(y_mg + ACCEL_RANGE_MG) > <u32>(2 * ACCEL_RANGE_MG)
      || <u32>(z_mg + ACCEL_RANGE_MG) > <u32>(2 * ACCEL_RANGE_MG)) {
    implausibleSample(now_ms);
    return false;
  }
  watch.implausible_run = 0;
  if (x_mg != watch.last_x || y_mg != watch.last_y || z_mg != watch.last_z) {
    watch.last_x = x_mg;
    watch.last_y = y_mg;
    watch.last_z = z_mg;
    watch.same_since_ms = now_ms;
    watch.changed_since_fault = true;
  } else if (elapsedMs(now_ms, watch.same_since_ms) >= FROZEN_MS) {
    frozenSample(now_ms);
    return true;
  }
  if (faultActive(FAULT_ACCEL_IMPLAUSIBLE)) goodSample(now_ms);
  return true;
}

/** An out-of-range sample: a run of IMPLAUSIBLE_RUN of them raises FAULT 2 (detail 1). */
function implausibleSample(now_ms: u32): void {
  watch.good_since_ms = now_ms;
  if (watch.implausible_run < IMPLAUSIBLE_RUN) watch.implausible_run++;
  if (watch.implausible_run >= IMPLAUSIBLE_RUN && raiseFault(FAULT_ACCEL_IMPLAUSIBLE, now_ms, ACCEL_OUT_OF_RANGE)) {
    watch.changed_since_fault = false;
  }
}

/** The same sample for FROZEN_MS: FAULT 2 (detail 2). */
function frozenSample(now_ms: u32): void {
  watch.good_since_ms = now_ms;
  if (raiseFault(FAULT_ACCEL_IMPLAUSIBLE, now_ms, ACCEL_FROZEN)) watch.changed_since_fault = false;
}

/** A plausible sample while FAULT 2 is active: clears it after ACCEL_RECOVERY_MS of good, changing data. */
function goodSample(now_ms: u32): void {
  if (watch.changed_since_fault && elapsedMs(now_ms, watch.same_since_ms) < FROZEN_MS
      && elapsedMs(now_ms, watch.good_since_ms) >= ACCEL_RECOVERY_MS) {
    clearFault(FAULT_ACCEL_IMPLAUSIBLE, now_ms);
  }
}

/** Time passing (every call): notices a sensor that has gone quiet. */
export function accelWatchTick(now_ms: u32): void {
  if (elapsedMs(now_ms, watch.last_sample_ms) > ACCEL_TIMEOUT_MS) raiseFault(FAULT_ACCEL_MISSING, now_ms, 0);
}

/** True when the accelerometer may be believed (no FAULT 1 or 2). */
export function accelTrusted(): bool {
  return !faultActive(FAULT_ACCEL_MISSING) && !faultActive(FAULT_ACCEL_IMPLAUSIBLE);
}
