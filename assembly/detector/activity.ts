// Stage 1 of the detector: how far the leg is from rest, measured against this recording's own
// noise. Per sample: a short moving average per axis (removes sensor noise and the motor's
// aliased vibration above ~6 Hz), a slowly following rest level per axis (the resting
// orientation of the foot plus the sensor's offset drift), and the activity = L1 distance of the
// smoothed sample from the rest level. The noise floor is an envelope of the activity at rest,
// kept separately for the motor off and for each band of motor duty (the motor's aliased
// vibration depends on its speed, i.e. on the duty). No sqrt, no division per sample.
//
// Fixed point: smoothed values, rest levels, activity and floors carry FRAC = 8 fractional bits
// (1/256 mg). ±16000 mg · 3 axes · 256 fits an i32 with room to spare.

import { log2Nearest } from "./log2";
import { AXIS_DECIMATE, motorAxisLearn, motorAxisProject, motorAxisReset, motorAxisValid } from "./motorAxis";

export const FRAC: i32 = 8;
/** The moving average spans about this long (a power of two in samples: 2, 4, 8 at 25/50/100 Hz). */
const SMOOTH_MS: u32 = 80;
/** The rest level follows the smoothed signal with about this time constant while at rest. */
const REST_TAU_MS: u32 = 1280;
/**
 * With the motor running the rest level follows 2^MOTOR_REST_SLOWER times slower: the alias of
 * the vibration swells near DC for a second at a time, and a rest level that took in a share of
 * such a swing is off by it when the next movement starts (a constant offset that passes for an
 * LM's held part, norm test and all).
 */
const MOTOR_REST_SLOWER: i32 = 2;
/** The local level (for "still", independent of the rest level) follows with this time constant. */
export const LOCAL_TAU_MS: u32 = 320;
/** Noise floor envelope: rises within ~RISE, decays within ~FALL (motor bands learn faster). */
const FLOOR_RISE_MS: u32 = 160;
/**
 * A motor band's floor learns unclipped with this rise time: the motor's aliased vibration
 * swells over many samples as its alias nears DC, and the floor swells with it, while a leg
 * movement rises within ~100 ms and outruns it.
 */
const MOTOR_FLOOR_RISE_MS: u32 = 320;
const FLOOR_FALL_MS: u32 = 10_240;
const MOTOR_FLOOR_FALL_MS: u32 = 2_560;
/** Floor assumed before the recording has shown its own, mg. */
const FLOOR_INITIAL_MG: i32 = 12;
/**
 * Floor along the shaft axis assumed for a motor band not yet seen, mg: above what the
 * vibration's part off its plane leaves there (≤ 15 % of its amplitude), learnt down in seconds.
 */
const AXIS_FLOOR_INITIAL_MG: i32 = 24;
/** Floor assumed for a motor band not yet seen, mg: deliberately high, learnt down in seconds. */
const MOTOR_FLOOR_INITIAL_MG: i32 = 150;
/**
 * Motor duty bands: duty >> MOTOR_BAND_SHIFT (64 bands of 16 ‰). The alias frequency moves ~3 Hz
 * per band at full speed: narrow enough that only the bands near a DC crossing of the alias
 * learn a high floor (with 32 ‰ bands every band held one at 25 Hz).
 */
const MOTOR_BAND_SHIFT: i32 = 4;
const MOTOR_BANDS: i32 = 64;

/** Ring of the last RING samples per axis (interleaved x, y, z), for the moving averages. */
const RING: i32 = 16;
/** The long average (used while the motor runs) spans 2^LONG_SHIFT short ones: ~160 ms. */
const LONG_SHIFT: i32 = 1;
/**
 * Static areas, not StaticArrays: a module-level `new StaticArray` would be bump-allocated by a
 * start function (HAL ABI: no start-function side effects), and every access through it would go
 * through a pointer global. i32 each; the ring is RING samples × 3 axes.
 */
const RING_AREA: usize = memory.data(RING * 3 * 4, 4);
@inline function ringGet(i: i32): i32 {
  return load<i32>(RING_AREA + (<usize>i << 2));
}
@inline function ringSet(i: i32, v: i32): void {
  store<i32>(RING_AREA + (<usize>i << 2), v);
}
let ring_pos: i32 = 0;
let n_short: i32 = 4;
let shift_short: i32 = 2;
let sum_sx: i32 = 0;
let sum_sy: i32 = 0;
let sum_sz: i32 = 0;
let sum_lx: i32 = 0;
let sum_ly: i32 = 0;
let sum_lz: i32 = 0;

let rest_x: i32 = 0;
let rest_y: i32 = 0;
let rest_z: i32 = 0;
let local_x: i32 = 0;
let local_y: i32 = 0;
let local_z: i32 = 0;
let shift_rest: i32 = 6;
let shift_local: i32 = 4;
let shift_rise: i32 = 3;
let shift_motor_rise: i32 = 4;
let shift_fall: i32 = 9;
let shift_motor_fall: i32 = 7;
let primed: bool = false;

let floor_quiet: i32 = 0;
/**
 * Activity along the motor's shaft axis (motorAxis.ts), from the smoothed sample (the long
 * average), 1/256 mg; 0 while the motor is off or its axis is not known. Its own floor per motor band: what the
 * sensor's noise, the leg's micro-motion and the vibration's part off its plane (a harmonic of
 * the housing rocking, aliased like the rest, so it too depends on the duty) leave along the
 * axis at rest.
 */
let axis_activity: i32 = 0;
/** Noise floor along the shaft axis per motor band, 1/256 mg: MOTOR_BANDS i32. */
const FLOOR_AXIS_AREA: usize = memory.data(MOTOR_BANDS * 4, 4);
/** Counts rest samples under the motor: the shaft axis learns from one in AXIS_DECIMATE. */
let axis_learn_tick: i32 = 0;
/** Noise floor per motor band, 1/256 mg: MOTOR_BANDS i32. */
const FLOOR_MOTOR_AREA: usize = memory.data(MOTOR_BANDS * 4, 4);
/**
 * Floor of band `b` in a floor area (FLOOR_MOTOR_AREA or FLOOR_AXIS_AREA). A band that has never
 * learnt holds its initial floor negated: used as it is (abs) for its own duty, ignored as a
 * neighbour. The session's wave never leaves its duty range, so the bands just outside it are
 * never learnt, and their initial floor would otherwise blind the range's edges for good.
 */
@inline function floorAt(area: usize, b: i32): i32 {
  return load<i32>(area + (<usize>b << 2));
}
@inline function setFloorAt(area: usize, b: i32, v: i32): void {
  store<i32>(area + (<usize>b << 2), v);
}

/** Smoothed sample (short average, or long when the motor runs), 1/256 mg. */
let smooth_x: i32 = 0;
let smooth_y: i32 = 0;
let smooth_z: i32 = 0;
/** Distance of the smoothed sample from the rest level (L1), 1/256 mg. */
let activity: i32 = 0;
let band: i32 = -1;
/**
 * A slower low-pass of the smoothed sample (one pole, ~HOLD_TAU_MS), and its L1 distance from the
 * rest level, 1/256 mg: a leg movement's held part is a sustained change of the gravity
 * projection and passes it whole, the motor's aliased vibration is zero-mean and is attenuated
 * by ~1/(2π·f·τ) (by 4–8 × from 1.5–3 Hz up). Used while the motor runs to tell a held LM from
 * the quiet that ends it.
 */
const HOLD_TAU_MS: u32 = 320;
let hold_x: i32 = 0;
let hold_y: i32 = 0;
let hold_z: i32 = 0;
let shift_hold: i32 = 4;

/**
 * Squared norm of the rest level at a movement's onset, mg² (the rest level does not learn
 * during a movement). A held leg movement turns gravity: the low-pass keeps its norm (≈ 1 g)
 * while its direction changes. The motor's vibration adds a vector in its own plane, which in
 * general also has a component along gravity and so changes the norm (activityRadial).
 */
let rest_n2: i32 = 0;
/**
 * Samples since the motor last ran (saturates far above any use). The vibration's traces outlast
 * it: the rest level learnt under it, the averages' windows, the motor's own run-down.
 */
const MOTOR_OFF_MAX: i32 = 0x3fffffff;
let motor_off_samples: i32 = MOTOR_OFF_MAX;
let motor_recent_samples: i32 = 50;
/** The motor counts as recent this long after it stopped, ms. */
const MOTOR_RECENT_MS: u32 = 1_000;

export function activityReset(sample_period_ms: u32): void {
  const p = sample_period_ms < 1 ? 1 : sample_period_ms;
  shift_short = log2Nearest(SMOOTH_MS / p, 3);
  n_short = 1 << shift_short;
  shift_rest = log2Nearest(REST_TAU_MS / p, 12);
  shift_local = log2Nearest(LOCAL_TAU_MS / p, 12);
  shift_hold = log2Nearest(HOLD_TAU_MS / p, 12);
  motor_recent_samples = <i32>(MOTOR_RECENT_MS / p);
  motor_off_samples = MOTOR_OFF_MAX;
  shift_rise = log2Nearest(FLOOR_RISE_MS / p, 12);
  shift_motor_rise = log2Nearest(MOTOR_FLOOR_RISE_MS / p, 12);
  shift_fall = log2Nearest(FLOOR_FALL_MS / p, 14);
  shift_motor_fall = log2Nearest(MOTOR_FLOOR_FALL_MS / p, 14);
  primed = false;
  floor_quiet = FLOOR_INITIAL_MG << FRAC;
  axis_activity = 0;
  motorAxisReset(p);
  for (let i = 0; i < MOTOR_BANDS; i++) {
    setFloorAt(FLOOR_MOTOR_AREA, i, -(MOTOR_FLOOR_INITIAL_MG << FRAC));
    setFloorAt(FLOOR_AXIS_AREA, i, -(AXIS_FLOOR_INITIAL_MG << FRAC));
  }
  activity = 0;
  band = -1;
}

function prime(x: i32, y: i32, z: i32): void {
  for (let i = 0; i < RING; i++) {
    ringSet(i * 3, x);
    ringSet(i * 3 + 1, y);
    ringSet(i * 3 + 2, z);
  }
  sum_sx = x << shift_short;
  sum_sy = y << shift_short;
  sum_sz = z << shift_short;
  sum_lx = x << (shift_short + LONG_SHIFT);
  sum_ly = y << (shift_short + LONG_SHIFT);
  sum_lz = z << (shift_short + LONG_SHIFT);
  rest_x = local_x = hold_x = x << FRAC;
  rest_y = local_y = hold_y = y << FRAC;
  rest_z = local_z = hold_z = z << FRAC;
  primed = true;
}

/**
 * One sample (mg): updates the averages and the activity. `motor_permille` selects the floor
 * band. The rest level and floor learn afterwards (activityLearn), once the movement stage has
 * decided that this sample was rest.
 */
@inline export function activitySample(x: i32, y: i32, z: i32, motor_permille: i32): void {
  if (!primed) prime(x, y, z);
  // Moving averages over the last n_short and 2·n_short samples, O(1) by running sums.
  const old_s = ((ring_pos - n_short) & (RING - 1)) * 3;
  const old_l = ((ring_pos - (n_short << LONG_SHIFT)) & (RING - 1)) * 3;
  sum_sx += x - ringGet(old_s);
  sum_sy += y - ringGet(old_s + 1);
  sum_sz += z - ringGet(old_s + 2);
  sum_lx += x - ringGet(old_l);
  sum_ly += y - ringGet(old_l + 1);
  sum_lz += z - ringGet(old_l + 2);
  const at = ring_pos * 3;
  ringSet(at, x);
  ringSet(at + 1, y);
  ringSet(at + 2, z);
  ring_pos = (ring_pos + 1) & (RING - 1);

  const b = motor_permille > 0 ? min(motor_permille >> MOTOR_BAND_SHIFT, MOTOR_BANDS - 1) : -1;
  if (b != band && band >= 0 && b >= 0) {
    // Only when the band changes (a few times a second under the breathing wave).
    inherit(FLOOR_MOTOR_AREA, b);
    inherit(FLOOR_AXIS_AREA, b);
  }
  band = b;
  motor_off_samples = band < 0 ? motor_off_samples + <i32>(motor_off_samples < MOTOR_OFF_MAX) : 0;
  if (band < 0) {
    smooth_x = sum_sx << (FRAC - shift_short);
    smooth_y = sum_sy << (FRAC - shift_short);
    smooth_z = sum_sz << (FRAC - shift_short);
  } else {
    // The motor runs: the long average also cancels its aliases down to ~3 Hz.
    smooth_x = sum_lx << (FRAC - shift_short - LONG_SHIFT);
    smooth_y = sum_ly << (FRAC - shift_short - LONG_SHIFT);
    smooth_z = sum_lz << (FRAC - shift_short - LONG_SHIFT);
  }
  activity = abs(smooth_x - rest_x) + abs(smooth_y - rest_y) + abs(smooth_z - rest_z);
  axis_activity = band >= 0 && motorAxisValid() ? axisActivity() : 0;
  hold_x += (smooth_x - hold_x) >> shift_hold;
  hold_y += (smooth_y - hold_y) >> shift_hold;
  hold_z += (smooth_z - hold_z) >> shift_hold;
}

/**
 * The duty moves from the current band, learnt, into band `b`, never learnt: `b` starts from the
 * current band's floor if that is below its own initial floor (and stays marked unlearnt). The
 * session's soft start climbs through a new band every second or so, faster than a floor learns
 * down from the deliberately high initial one; and the vibration grows smoothly with the duty,
 * so the band just left is the best guess. (Blind through the soft start, the detector missed
 * the fidgets that break a series there: rls-evening's PLM index on a held-out night was 12 % off.)
 */
function inherit(area: usize, b: i32): void {
  const from = floorAt(area, band);
  const to = floorAt(area, b);
  if (to < 0 && from > 0) setFloorAt(area, b, max(to, -from));
}

/**
 * The smoothed sample's distance from rest along the shaft axis, 1/256 mg. It runs only with
 * the motor, so that is the long average: the housing's rocking along the shaft (a harmonic at
 * twice the motor's speed, aliased like the rest) reaches the axis at a few Hz, which the short
 * average passes almost whole and the long one cuts to about a third.
 */
function axisActivity(): i32 {
  // In 1/8 mg: |smoothed − rest| ≤ 32 g = 2^18 units, as motorAxisProject needs.
  const dx = (smooth_x - rest_x) >> (FRAC - 3);
  const dy = (smooth_y - rest_y) >> (FRAC - 3);
  const dz = (smooth_z - rest_z) >> (FRAC - 3);
  return motorAxisProject(dx, dy, dz) << (FRAC - 3);
}

/**
 * The last sample, with the motor off, was rest: the rest level follows it, and the floor learns
 * from its activity, clipped at `clip` (1/256 mg) so that the first samples of a rise cannot lift
 * the floor away from under the onset threshold.
 */
@inline export function activityLearn(clip: i32): void {
  followRest(shift_rest);
  floor_quiet = follow(floor_quiet, min(activity, clip), shift_rise, shift_fall);
}

/**
 * Inside a movement, the foot still for a while and back near rest, yet not quiet (motor off):
 * the quiet floor learns from its motion there, `motion` (1/256 mg, clipped by the caller as at
 * rest). A floor that starts below the sensor's noise (a coarse sensor at power-on) makes one
 * long movement after another, and never gets the rest it would learn from.
 */
export function activityLearnStill(motion: i32): void {
  floor_quiet = follow(floor_quiet, motion, shift_rise, shift_fall);
}

/**
 * activityLearn with the motor running: the rest level, the band's floors and the shaft axis.
 * The vibration's floor learns unclipped (see MOTOR_FLOOR_RISE_MS); the floor along the shaft
 * axis, where the vibration has nothing to swell, is clipped at `axis_clip` (1/256 mg) as the
 * quiet floor is, so that a small movement's rise along the axis cannot lift it away from under
 * that path's onset threshold.
 */
@inline export function activityLearnMotor(axis_clip: i32): void {
  followRest(shift_rest + MOTOR_REST_SLOWER);
  setFloorAt(FLOOR_MOTOR_AREA, band, follow(abs(floorAt(FLOOR_MOTOR_AREA, band)), activity, shift_motor_rise, shift_motor_fall));
  if (axis_activity > 0) {
    setFloorAt(FLOOR_AXIS_AREA, band, follow(abs(floorAt(FLOOR_AXIS_AREA, band)), min(axis_activity, axis_clip), shift_motor_rise, shift_motor_fall));
  }
  if ((++axis_learn_tick & (AXIS_DECIMATE - 1)) == 0) {
    // The raw sample is the last one in the ring.
    const at = ((ring_pos - 1) & (RING - 1)) * 3;
    motorAxisLearn(ringGet(at) - (rest_x >> FRAC), ringGet(at + 1) - (rest_y >> FRAC), ringGet(at + 2) - (rest_z >> FRAC));
  }
}

/** The rest level follows the smoothed sample (one pole, time constant 2^shift samples). */
@inline function followRest(shift: i32): void {
  rest_x += (smooth_x - rest_x) >> shift;
  rest_y += (smooth_y - rest_y) >> shift;
  rest_z += (smooth_z - rest_z) >> shift;
}

/** Envelope follower: rises quickly toward a larger value, decays slowly toward a smaller one. */
@inline function follow(floor: i32, value: i32, rise_shift: i32, fall_shift: i32): i32 {
  return value > floor ? floor + ((value - floor) >> rise_shift) : floor - ((floor - value) >> fall_shift);
}

/** Activity of the last sample, 1/256 mg. */
@inline export function activityLevel(): i32 {
  return activity;
}

/**
 * Distance of the slow low-pass from the rest level (the held part of a movement), 1/256 mg.
 * Computed on demand, once per sample of a movement (the movement stage alone needs it); valid
 * between activitySample and the next activityLearn or activityRebase.
 */
export function activityHold(): i32 {
  return abs(hold_x - rest_x) + abs(hold_y - rest_y) + abs(hold_z - rest_z);
}

/** The motor runs (the last sample was taken with a duty > 0). */
@inline export function activityMotorOn(): bool {
  return band >= 0;
}

/** The motor runs, or ran within the last MOTOR_RECENT_MS. */
@inline export function activityMotorRecent(): bool {
  return motor_off_samples <= motor_recent_samples;
}

/** A movement starts: the local level (activityMotion) starts at the rest level; remembers the rest level's squared norm for activityRadial. */
export function activityOnset(): void {
  local_x = rest_x;
  local_y = rest_y;
  local_z = rest_z;
  const rx = rest_x >> FRAC;
  const ry = rest_y >> FRAC;
  const rz = rest_z >> FRAC;
  rest_n2 = rx * rx + ry * ry + rz * rz;
}

/**
 * The motor's shaft axis stands at least 60° from the resting gravity (|cos| ≤ 1/2). Then what
 * a movement shows along the axis is mostly a turn of gravity, not a change of its norm (along
 * an axis parallel to gravity a small rotation shows nothing and a shake along gravity all).
 * Valid from a movement's onset to its end (the rest level does not learn in between).
 */
export function activityAxisAcrossGravity(): bool {
  const p = motorAxisProject(rest_x >> FRAC, rest_y >> FRAC, rest_z >> FRAC);
  return p * p <= rest_n2 >> 2;
}

/**
 * How far the slow low-pass's norm is from the rest level's norm, mg (|‖h‖² − ‖r‖²| / 2 g, with
 * ‖r‖ ≈ 1 g = 2^10 mg): ≈ 0 for a rotation of the foot (gravity turns), up to the motor
 * vibration's component along gravity for the motor's alias. Valid like activityHold.
 */
@inline export function activityRadial(): i32 {
  const hx = hold_x >> FRAC;
  const hy = hold_y >> FRAC;
  const hz = hold_z >> FRAC;
  return abs(hx * hx + hy * hy + hz * hz - rest_n2) >> 11;
}

/**
 * Motion of the last sample: distance of the smoothed sample from the local level, 1/256 mg;
 * then the local level follows the sample (one pole, ~LOCAL_TAU_MS). Only a movement needs it,
 * so only a movement keeps it: called once per sample of a movement, from a local level that
 * starts at the rest level (activityOnset). At rest that is where it would stand anyway.
 */
@inline export function activityMotion(): i32 {
  const motion = abs(smooth_x - local_x) + abs(smooth_y - local_y) + abs(smooth_z - local_z);
  local_x += (smooth_x - local_x) >> shift_local;
  local_y += (smooth_y - local_y) >> shift_local;
  local_z += (smooth_z - local_z) >> shift_local;
  return motion;
}

/** Activity along the motor's shaft axis, 1/256 mg; 0 when the motor is off or the axis unknown. */
@inline export function activityAxis(): i32 {
  return axis_activity;
}

/** Floor of the activity along the shaft axis at the last sample's duty (as activityMotorFloor), 1/256 mg. */
@inline export function activityAxisFloor(): i32 {
  return neighbourMax(FLOOR_AXIS_AREA);
}

/** Noise floor in effect for the last sample (the motor's band when it runs), 1/256 mg. */
@inline export function activityFloor(): i32 {
  return floor_quiet;
}

/**
 * Floor of the motor's vibration at the last sample's duty (the largest of its band and the two
 * next to it: the duty sweeps through bands faster than they learn), 1/256 mg; 0 when off.
 */
@inline export function activityMotorFloor(): i32 {
  return band < 0 ? 0 : neighbourMax(FLOOR_MOTOR_AREA);
}

/** The largest of the current band's floor and its two neighbours' learnt ones in a floor area (band ≥ 0). */
@inline function neighbourMax(area: usize): i32 {
  const lo = band > 0 ? band - 1 : 0;
  const hi = band < MOTOR_BANDS - 1 ? band + 1 : band;
  return max(abs(floorAt(area, band)), max(floorAt(area, lo), floorAt(area, hi)));
}

/**
 * The rest level moves at once to where the foot now lies (a new posture), and returns how far it
 * moved (L1, 1/256 mg). Where it lies is the slow low-pass, not the smoothed sample: under the
 * motor the averages pass an alias of a few Hz almost whole, and the rest level would keep the
 * swing of that moment as an offset; the low-pass cuts a 2 Hz alias to a quarter. (At rest for
 * POSTURE_STILL_MS, the two agree when the motor is off.)
 */
export function activityRebase(): i32 {
  const moved = abs(hold_x - rest_x) + abs(hold_y - rest_y) + abs(hold_z - rest_z);
  rest_x = local_x = hold_x;
  rest_y = local_y = hold_y;
  rest_z = local_z = hold_z;
  return moved;
}

/**
 * The rest level moves to the local level (where the foot has just been still, before the
 * motion now starting), and returns the activity against it (1/256 mg).
 */
export function activityRebaseLocal(): i32 {
  rest_x = local_x;
  rest_y = local_y;
  rest_z = local_z;
  activity = abs(smooth_x - rest_x) + abs(smooth_y - rest_y) + abs(smooth_z - rest_z);
  return activity;
}

/** Raises the floor of the current band to the current activity (a band that was never quiet). */
export function activityAcceptFloor(): void {
  if (band < 0) floor_quiet = max(floor_quiet, activity);
  else {
    setFloorAt(FLOOR_MOTOR_AREA, band, max(abs(floorAt(FLOOR_MOTOR_AREA, band)), activity));
    setFloorAt(FLOOR_AXIS_AREA, band, max(abs(floorAt(FLOOR_AXIS_AREA, band)), axis_activity));
  }
}

/**
 * How long the moving average in use keeps showing a movement after it has ended, ms: its
 * window less one sample. The average is causal (no look-ahead), so it starts to move at a
 * movement's first sample but lets go of it only a window later: a movement's end is seen this
 * much late, its onset is not.
 */
export function activitySpanMs(sample_period_ms: u32): u32 {
  const n: u32 = band < 0 ? <u32>n_short : <u32>n_short << LONG_SHIFT;
  return (n - 1) * sample_period_ms;
}
