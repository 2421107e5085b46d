// Stage 6 of the detector: a movement that has ended gets its class, and the motor's veto. By
// duration (WASM/IRLSSG 2016): SHORT < 0.5 s, LM 0.5–10 s, LONG > 10 s; a movement the rules end
// as LONG (a new posture, a turn, the longest rule) is LONG whatever its duration.
//
// The veto: with the motor running, a movement is a leg movement only if its held part turns
// gravity. The hold level's norm change (baselineRadial) summed over the movement's motor samples
// stays below its distance from rest (baselineHold, L1) × 1/2^ROTATION_SHIFT: a foot rotation
// keeps the norm (a few % from the sensor's gain errors), the motor's near-DC alias moves along
// its own plane, which has a component along gravity unless the shaft happens to point along it.
// A vetoed movement closes its MOVE_START as SHORT (the ABI has no artefact class) but is no
// movement for the series and restlessness.

import { MOVE_CLASS_LM, MOVE_CLASS_LONG, MOVE_CLASS_SHORT } from "../abi";
import { baselineAxisAcrossGravity, baselineRadial } from "./baseline";
import { FRAC } from "./fixed";

export const LM_MIN_MS: u32 = 500;
export const LM_MAX_MS: u32 = 10_000;
const ROTATION_SHIFT: i32 = 2;
/**
 * …and its held part must stand away from rest by at least this much on average, mg (the
 * quiet sensor's own offset threshold is 8 mg): when the motor stops, its averages and its
 * run-down through the sample rate's alias leave a small step that is no rotation of the foot.
 */
const ROTATION_MIN_MG: i32 = 6;

/** Everything this stage keeps between samples: sums over the current movement's motor samples. */
namespace classify {
  /** From the movement's first motor sample (or its onset within MOTOR_RECENT_MS of the motor) to its end. */
  export let motor_movement: bool = false;
  /** Norm change, distance from rest, mg; and how many samples. */
  export let sum_radial: i32 = 0;
  export let sum_dev: i32 = 0;
  export let n_motor: i32 = 0;
}

/** A movement starts; `motor_recent`: the motor runs or ran within MOTOR_RECENT_MS. */
export function classifyMovementStarts(motor_recent: bool): void {
  classify.sum_radial = 0;
  classify.sum_dev = 0;
  classify.n_motor = 0;
  classify.motor_movement = motor_recent;
}

/**
 * One sample of a movement: `motor_on` (its band's floor > 0) and the held part's distance from
 * rest `hold`, 1/256 mg. The motor stopping mid-movement leaves a rest level learnt under its
 * vibration: the step is the vibration's, not the foot's, so the sums go on to the movement's end.
 */
@inline export function classifyTrack(motor_on: bool, hold: i32): void {
  if (motor_on) classify.motor_movement = true;
  if (!classify.motor_movement) return;
  classify.sum_radial += baselineRadial();
  classify.sum_dev += hold >> FRAC;
  classify.n_motor++;
}

/** Class by duration (MOVE_CLASS_*). */
function classOf(duration_ms: u32): i32 {
  if (duration_ms < LM_MIN_MS) return MOVE_CLASS_SHORT;
  if (duration_ms > LM_MAX_MS) return MOVE_CLASS_LONG;
  return MOVE_CLASS_LM;
}

/**
 * The class of a movement that has ended after `duration_ms` (`long`: its rule made it LONG),
 * or 0 when the motor's veto takes it for the vibration. `axis_seen`: it showed itself along the
 * shaft axis; if that axis lies across gravity, that is its proof of turning gravity, as the norm
 * (which the vibration's near-DC alias disturbs) would be otherwise.
 */
export function classifyMovement(duration_ms: u32, long: bool, axis_seen: bool): i32 {
  const cls = long ? MOVE_CLASS_LONG : classOf(duration_ms);
  if (cls != MOVE_CLASS_LM || (axis_seen && baselineAxisAcrossGravity())) return cls;
  if (classify.sum_radial > (classify.sum_dev >> ROTATION_SHIFT) || classify.sum_dev < classify.n_motor * ROTATION_MIN_MG) return 0;
  return cls;
}
