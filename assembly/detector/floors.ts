// Stage 3 of the detector: the noise floors, this recording's own idea of "nothing happening"
// (accelerometers miss small movements, so thresholds adapt to the noise instead of being
// fixed). Each floor is an envelope of the activity at rest: it rises within ~RISE, decays within
// ~FALL. Three kinds:
//   quiet  the motor off: the sensor's noise and the leg's micro-motion
//   motor  one per band of motor duty (motor.ts): the motor's aliased vibration depends on its
//          speed; these learn unclipped and faster
//   axis   one per band, along the motor's shaft axis (motorAxis.ts): what the sensor's noise,
//          the leg's micro-motion and the vibration's part off its plane (a harmonic of the
//          housing rocking, aliased like the rest, so it too depends on the duty) leave there
// They learn only through learning.ts. All in 1/256 mg.

import { FRAC, log2Nearest, periodAtLeast1 } from "./fixed";
import { MOTOR_BANDS } from "./motor";

const FLOOR_RISE_MS: u32 = 160;
const FLOOR_FALL_MS: u32 = 10_240;
/**
 * A motor band's floor learns unclipped with this rise time: the motor's aliased vibration
 * swells over many samples as its alias nears DC, and the floor swells with it, while a leg
 * movement rises within ~100 ms and outruns it.
 */
const MOTOR_FLOOR_RISE_MS: u32 = 320;
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
 * Everything this stage keeps between samples: a floor per motor band and along the shaft axis
 * per band (static areas of MOTOR_BANDS i32 each), and:
 */
const FLOOR_MOTOR_AREA: usize = memory.data(MOTOR_BANDS * 4, 4);
const FLOOR_AXIS_AREA: usize = memory.data(MOTOR_BANDS * 4, 4);
namespace floors {
  /** The quiet floor (the motor off). */
  export let quiet: i32 = 0;
  export let shift_rise: i32 = 3;
  export let shift_fall: i32 = 9;
  export let shift_motor_rise: i32 = 4;
  export let shift_motor_fall: i32 = 7;
}

/**
 * Floor of band `b` in a floor area. A band that has never learnt holds its initial floor
 * negated: used as it is (abs) for its own duty, ignored as a neighbour. The session's wave never
 * leaves its duty range, so the bands just outside it are never learnt, and their initial floor
 * would otherwise blind the range's edges for good.
 */
@inline function floorAt(area: usize, b: i32): i32 {
  return load<i32>(area + (<usize>b << 2));
}
@inline function setFloorAt(area: usize, b: i32, v: i32): void {
  store<i32>(area + (<usize>b << 2), v);
}

export function floorsReset(sample_period_ms: u32): void {
  const p = periodAtLeast1(sample_period_ms);
  floors.shift_rise = log2Nearest(FLOOR_RISE_MS / p, 12);
  floors.shift_motor_rise = log2Nearest(MOTOR_FLOOR_RISE_MS / p, 12);
  floors.shift_fall = log2Nearest(FLOOR_FALL_MS / p, 14);
  floors.shift_motor_fall = log2Nearest(MOTOR_FLOOR_FALL_MS / p, 14);
  floors.quiet = FLOOR_INITIAL_MG << FRAC;
  for (let i = 0; i < MOTOR_BANDS; i++) {
    setFloorAt(FLOOR_MOTOR_AREA, i, -(MOTOR_FLOOR_INITIAL_MG << FRAC));
    setFloorAt(FLOOR_AXIS_AREA, i, -(AXIS_FLOOR_INITIAL_MG << FRAC));
  }
}

/**
 * The duty moves from band `from`, learnt, into band `to`, never learnt: `to` starts from the
 * band left's floor if that is below its own initial floor (and stays marked unlearnt). The
 * session's soft start climbs through a new band every second or so, faster than a floor learns
 * down from the deliberately high initial one; and the vibration grows smoothly with the duty,
 * so the band just left is the best guess. (Blind through the soft start, the detector missed
 * the fidgets that break a series there: rls-evening's PLM index on a held-out night was 12 % off.)
 */
export function floorsEnterBand(from: i32, to: i32): void {
  inherit(FLOOR_MOTOR_AREA, from, to);
  inherit(FLOOR_AXIS_AREA, from, to);
}

function inherit(area: usize, from: i32, to: i32): void {
  const f = floorAt(area, from);
  const t = floorAt(area, to);
  if (t < 0 && f > 0) setFloorAt(area, to, max(t, -f));
}

/** The quiet floor (the motor off). */
@inline export function floorQuiet(): i32 {
  return floors.quiet;
}

/**
 * Floor of the motor's vibration at duty band `band` (≥ 0): the largest of its band and the two
 * next to it (the duty sweeps through bands faster than they learn).
 */
@inline export function floorMotor(band: i32): i32 {
  return neighbourMax(FLOOR_MOTOR_AREA, band);
}

/** Floor along the shaft axis at duty band `band` (≥ 0), as floorMotor. */
@inline export function floorAxis(band: i32): i32 {
  return neighbourMax(FLOOR_AXIS_AREA, band);
}

/** The largest of band `band`'s floor and its two neighbours' learnt ones in a floor area. */
@inline function neighbourMax(area: usize, band: i32): i32 {
  const lo = band > 0 ? band - 1 : 0;
  const hi = band < MOTOR_BANDS - 1 ? band + 1 : band;
  return max(abs(floorAt(area, band)), max(floorAt(area, lo), floorAt(area, hi)));
}

/** Envelope follower: rises quickly toward a larger value, decays slowly toward a smaller one. */
@inline function follow(floor: i32, value: i32, rise_shift: i32, fall_shift: i32): i32 {
  return value > floor ? floor + ((value - floor) >> rise_shift) : floor - ((floor - value) >> fall_shift);
}

// ─── Learning: called from learning.ts only ──────────────────────────────────────

/** The quiet floor learns from `value`, 1/256 mg (already clipped by the caller). */
@inline export function floorsLearnQuiet(value: i32): void {
  floors.quiet = follow(floors.quiet, value, floors.shift_rise, floors.shift_fall);
}

/**
 * Band `band`'s floors learn: the vibration's from `activity` unclipped (MOTOR_FLOOR_RISE_MS),
 * the shaft axis's from `axis` when it is known (> 0), clipped at `axis_clip` as the quiet floor
 * is, so that a small movement's rise along the axis cannot lift it from under that path's onset
 * threshold.
 */
@inline export function floorsLearnMotor(band: i32, activity: i32, axis: i32, axis_clip: i32): void {
  const rise = floors.shift_motor_rise;
  const fall = floors.shift_motor_fall;
  setFloorAt(FLOOR_MOTOR_AREA, band, follow(abs(floorAt(FLOOR_MOTOR_AREA, band)), activity, rise, fall));
  if (axis > 0) setFloorAt(FLOOR_AXIS_AREA, band, follow(abs(floorAt(FLOOR_AXIS_AREA, band)), min(axis, axis_clip), rise, fall));
}

/** The floors in effect (band `band`'s, or the quiet one when it is -1) rise to the given levels at once. */
export function floorsAccept(band: i32, activity: i32, axis: i32): void {
  if (band < 0) {
    floors.quiet = max(floors.quiet, activity);
    return;
  }
  setFloorAt(FLOOR_MOTOR_AREA, band, max(abs(floorAt(FLOOR_MOTOR_AREA, band)), activity));
  setFloorAt(FLOOR_AXIS_AREA, band, max(abs(floorAt(FLOOR_AXIS_AREA, band)), axis));
}
