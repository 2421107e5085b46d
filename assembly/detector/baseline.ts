// Stage 2 of the detector: where the foot rests, and how far this sample is from there. Three
// levels follow the smoothed sample, each a one-pole low-pass per axis:
//   rest   the resting orientation of the foot plus the sensor's offset drift; it learns only
//          from samples the movement rules call rest, and moves at once on a new posture
//          (learning and rebasing: learning.ts, the one place that changes it)
//   hold   a slower low-pass (~HOLD_TAU_MS): a leg movement's held part is a sustained change of
//          the gravity projection and passes it whole; the motor's aliased vibration is
//          zero-mean and is attenuated by ~1/(2π·f·τ) (by 4–8 × from 1.5–3 Hz up)
//   local  where the foot has just been (~LOCAL_TAU_MS), kept only inside a movement, for
//          "still" independently of the rest level
// The activity is the L1 distance of the smoothed sample from rest (no sqrt, no division), and
// along the motor's shaft axis while it runs (motorAxis.ts). All in 1/256 mg.

import { FRAC, log2Nearest, periodAtLeast1 } from "./fixed";
import { motorAxisProject, motorAxisValid } from "./motorAxis";
import { smoothedX, smoothedY, smoothedZ } from "./smoothing";

/** The rest level follows the smoothed sample with about this time constant while at rest. */
const REST_TAU_MS: u32 = 1280;
/**
 * With the motor running the rest level follows 2^MOTOR_REST_SLOWER times slower: the alias of
 * the vibration swells near DC for a second at a time, and a rest level that took in a share of
 * such a swing is off by it when the next movement starts (a constant offset that passes for an
 * LM's held part, norm test and all).
 */
export const MOTOR_REST_SLOWER: i32 = 2;
/** The local level follows with this time constant (and so does the evidence's along the shaft axis). */
export const LOCAL_TAU_MS: u32 = 320;
/** The slow low-pass for the held part of a movement. */
const HOLD_TAU_MS: u32 = 320;

/** Everything this stage keeps between samples. */
namespace baseline {
  export let rest_x: i32 = 0;
  export let rest_y: i32 = 0;
  export let rest_z: i32 = 0;
  export let hold_x: i32 = 0;
  export let hold_y: i32 = 0;
  export let hold_z: i32 = 0;
  export let local_x: i32 = 0;
  export let local_y: i32 = 0;
  export let local_z: i32 = 0;
  export let shift_rest: i32 = 6;
  export let shift_hold: i32 = 4;
  export let shift_local: i32 = 4;
  /**
   * Squared norm of the rest level at a movement's onset, mg² (the rest level does not learn
   * during a movement). A held leg movement turns gravity: the low-pass keeps its norm (≈ 1 g)
   * while its direction changes. The motor's vibration adds a vector in its own plane, which in
   * general also has a component along gravity and so changes the norm (baselineRadial).
   */
  export let rest_n2: i32 = 0;
  /** Distance of the smoothed sample from the rest level (L1), 1/256 mg. */
  export let activity: i32 = 0;
  /** The same along the motor's shaft axis; 0 while the motor is off or its axis is not known. */
  export let axis: i32 = 0;
}

export function baselineReset(sample_period_ms: u32): void {
  const p = periodAtLeast1(sample_period_ms);
  baseline.shift_rest = log2Nearest(REST_TAU_MS / p, 12);
  baseline.shift_local = log2Nearest(LOCAL_TAU_MS / p, 12);
  baseline.shift_hold = log2Nearest(HOLD_TAU_MS / p, 12);
  baseline.activity = 0;
  baseline.axis = 0;
}

/** The first sample after a reset (mg): every level starts there. */
export function baselinePrime(x: i32, y: i32, z: i32): void {
  baseline.rest_x = baseline.local_x = baseline.hold_x = x << FRAC;
  baseline.rest_y = baseline.local_y = baseline.hold_y = y << FRAC;
  baseline.rest_z = baseline.local_z = baseline.hold_z = z << FRAC;
}

/** One smoothed sample: the activity (and along the shaft axis while `motor_on`); the hold level follows. */
@inline export function baselineUpdate(motor_on: bool): void {
  const sx = smoothedX();
  const sy = smoothedY();
  const sz = smoothedZ();
  baseline.activity = abs(sx - baseline.rest_x) + abs(sy - baseline.rest_y) + abs(sz - baseline.rest_z);
  baseline.axis = motor_on && motorAxisValid() ? axisActivity() : 0;
  baseline.hold_x += (sx - baseline.hold_x) >> baseline.shift_hold;
  baseline.hold_y += (sy - baseline.hold_y) >> baseline.shift_hold;
  baseline.hold_z += (sz - baseline.hold_z) >> baseline.shift_hold;
}

/**
 * The smoothed sample's distance from rest along the shaft axis, 1/256 mg. It runs only with
 * the motor, so that is the long average: the housing's rocking along the shaft (a harmonic at
 * twice the motor's speed, aliased like the rest) reaches the axis at a few Hz, which the short
 * average passes almost whole and the long one cuts to about a third.
 */
function axisActivity(): i32 {
  // In 1/8 mg: |smoothed − rest| ≤ 32 g = 2^18 units, as motorAxisProject needs.
  const dx = (smoothedX() - baseline.rest_x) >> (FRAC - 3);
  const dy = (smoothedY() - baseline.rest_y) >> (FRAC - 3);
  const dz = (smoothedZ() - baseline.rest_z) >> (FRAC - 3);
  return motorAxisProject(dx, dy, dz) << (FRAC - 3);
}

/** Activity of the last sample, 1/256 mg. */
@inline export function baselineActivity(): i32 {
  return baseline.activity;
}

/** Activity along the motor's shaft axis, 1/256 mg; 0 when the motor is off or the axis unknown. */
@inline export function baselineAxis(): i32 {
  return baseline.axis;
}

/** Distance of the hold level from the rest level (the held part of a movement), L1, 1/256 mg. */
export function baselineHold(): i32 {
  return abs(baseline.hold_x - baseline.rest_x) + abs(baseline.hold_y - baseline.rest_y) + abs(baseline.hold_z - baseline.rest_z);
}

/**
 * How far the hold level's norm is from the rest level's norm, mg (|‖h‖² − ‖r‖²| / 2 g, with
 * ‖r‖ ≈ 1 g = 2^10 mg): ≈ 0 for a rotation of the foot (gravity turns), up to the motor
 * vibration's component along gravity for the motor's alias.
 */
@inline export function baselineRadial(): i32 {
  const hx = baseline.hold_x >> FRAC;
  const hy = baseline.hold_y >> FRAC;
  const hz = baseline.hold_z >> FRAC;
  return abs(hx * hx + hy * hy + hz * hz - baseline.rest_n2) >> 11;
}

/**
 * Motion of the last sample: distance of the smoothed sample from the local level, 1/256 mg;
 * then the local level follows the sample. Called once per sample of a movement, from a local
 * level that starts at the rest level (baselineMovementStarts): at rest that is where it would
 * stand anyway.
 */
@inline export function baselineMotion(): i32 {
  const sx = smoothedX();
  const sy = smoothedY();
  const sz = smoothedZ();
  const motion = abs(sx - baseline.local_x) + abs(sy - baseline.local_y) + abs(sz - baseline.local_z);
  baseline.local_x += (sx - baseline.local_x) >> baseline.shift_local;
  baseline.local_y += (sy - baseline.local_y) >> baseline.shift_local;
  baseline.local_z += (sz - baseline.local_z) >> baseline.shift_local;
  return motion;
}

/** A movement starts: the local level starts at the rest level; the rest level's norm is kept for baselineRadial. */
export function baselineMovementStarts(): void {
  baseline.local_x = baseline.rest_x;
  baseline.local_y = baseline.rest_y;
  baseline.local_z = baseline.rest_z;
  const rx = baseline.rest_x >> FRAC;
  const ry = baseline.rest_y >> FRAC;
  const rz = baseline.rest_z >> FRAC;
  baseline.rest_n2 = rx * rx + ry * ry + rz * rz;
}

/**
 * The motor's shaft axis stands at least 60° from the resting gravity (|cos| ≤ 1/2). Then what
 * a movement shows along the axis is mostly a turn of gravity, not a change of its norm (along
 * an axis parallel to gravity a small rotation shows nothing and a shake along gravity all).
 * Valid from a movement's onset to its end (the rest level does not learn in between).
 */
export function baselineAxisAcrossGravity(): bool {
  const p = motorAxisProject(baseline.rest_x >> FRAC, baseline.rest_y >> FRAC, baseline.rest_z >> FRAC);
  return p * p <= baseline.rest_n2 >> 2;
}

/** The rest level in whole mg, for the shaft axis's learning. */
@inline export function baselineRestXMg(): i32 { return baseline.rest_x >> FRAC; }
@inline export function baselineRestYMg(): i32 { return baseline.rest_y >> FRAC; }
@inline export function baselineRestZMg(): i32 { return baseline.rest_z >> FRAC; }

// ─── Learning and rebasing: called from learning.ts only ─────────────────────────

/** The rest level follows the smoothed sample (one pole, time constant 2^shift samples); `slower` adds to the shift. */
@inline export function baselineLearn(slower: i32): void {
  const shift = baseline.shift_rest + slower;
  baseline.rest_x += (smoothedX() - baseline.rest_x) >> shift;
  baseline.rest_y += (smoothedY() - baseline.rest_y) >> shift;
  baseline.rest_z += (smoothedZ() - baseline.rest_z) >> shift;
}

/**
 * The rest level moves at once to where the foot now lies (a new posture): the hold level, not
 * the smoothed sample. Under the motor the averages pass an alias of a few Hz almost whole, and
 * the rest level would keep the swing of that moment as an offset; the low-pass cuts a 2 Hz alias
 * to a quarter. (At rest for POSTURE_STILL_MS, the two agree when the motor is off.)
 */
export function baselineRebaseToHold(): void {
  baseline.rest_x = baseline.local_x = baseline.hold_x;
  baseline.rest_y = baseline.local_y = baseline.hold_y;
  baseline.rest_z = baseline.local_z = baseline.hold_z;
}

/**
 * The rest level moves to the local level (where the foot has just been still, before the
 * motion now starting); the activity is measured against it again.
 */
export function baselineRebaseToLocal(): void {
  baseline.rest_x = baseline.local_x;
  baseline.rest_y = baseline.local_y;
  baseline.rest_z = baseline.local_z;
  baseline.activity = abs(smoothedX() - baseline.rest_x) + abs(smoothedY() - baseline.rest_y) + abs(smoothedZ() - baseline.rest_z);
}
