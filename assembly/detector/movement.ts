// Stage 2: leg movements from the activity. Onset when the activity rises clearly above the
// noise floor; offset at the start of a stretch of ≥ 0.5 s back near rest (so bursts less than
// 0.5 s apart are one movement); class by duration. A movement that leaves the foot still in a
// new orientation (turning over) ends when the foot has been still there for POSTURE_STILL_MS:
// the new orientation becomes the rest level, the offset is the start of the stillness, and
// the movement is LONG (a change of posture is a voluntary movement, not an LM, even when it
// took less than 10 s). A movement already longer than 10 s when the foot came to rest, or one
// that left it resting further from where it lay than any LM tilts it (TURNED_MG), ends there as
// soon as the foot moves again after SPLIT_STILL_MS: that motion is a new movement (an LM right
// after turning over is not swallowed into the turn).

import { EVENT_MOVE_END, EVENT_MOVE_START, MOVE_CLASS_LM, MOVE_CLASS_LONG, MOVE_CLASS_SHORT } from "../abi";
import { elapsedMs } from "../clock";
import { logEvent } from "../log";
import { log2Nearest } from "./log2";
import { motorAxisValid } from "./motorAxis";
import { FRAC, LOCAL_TAU_MS, activityAcceptFloor, activityMotorRecent, activityOnset, activityRadial, activityLearn, activitySpanMs, activityFloor, activityHold, activityLevel, activityMotion,
  activityMotorFloor, activityRebase, activityAxis, activityAxisFloor, activityLearnMotor, activityMotorOn, activityAxisAcrossGravity, activityRebaseLocal,
  activityLearnStill } from "./activity";

/** The scoring rule's quiet stretch that ends a movement (and merges bursts closer than it). */
export const OFFSET_QUIET_MS: u32 = 500;
export const LM_MIN_MS: u32 = 500;
export const LM_MAX_MS: u32 = 10_000;
/** Still this long in a new orientation: the foot has a new rest (longer than any LM's hold). */
export const POSTURE_STILL_MS: u32 = 10_000;
/** A movement that changes the resting orientation by more than this (L1, mg) is LONG. */
export const POSTURE_CHANGE_MG: i32 = 250;
/**
 * …or, judged along the motor's shaft axis (where the vibration, which swings the L1 distance by
 * its own amplitude, leaves nothing), by more than this, mg: a tilt of ~4° held still for
 * POSTURE_STILL_MS is a new resting orientation.
 */
export const POSTURE_CHANGE_AXIS_MG: i32 = 64;
/**
 * A movement longer than LM_MAX_MS is over once the foot has been still this long: motion after
 * that is a new movement (the scoring rule's quiet, with a margin for a turn done in stages).
 */
export const SPLIT_STILL_MS: u32 = 1_000;
/**
 * …or when it left the foot resting this far from where it lay (L1, mg): above any leg movement
 * (30°, the largest awake one, moves gravity by 518 mg, at most 897 mg in L1), and reached by
 * every turn of 60° or more.
 */
export const TURNED_MG: i32 = 1000;
/** Nothing leg-like goes on this long without a pause: take the signal as the new normal. */
export const MOVE_MAX_MS: u32 = 120_000;
/** Thresholds never go below these (a perfect sensor still has a foot that breathes), mg. */
const ONSET_MIN_MG: i32 = 16;
const OFFSET_MIN_MG: i32 = 8;
/** The onset estimate looks back at most this far for where the rise began, ms. */
const ONSET_LOOKBACK_MS: u32 = 400;

/**
 * Inside a movement, "back near rest" is also relative to the movement's own peak: below
 * peak >> PEAK_OFFSET_SHIFT, the peak fading with PEAK_FADE_MS. A hypnic jerk's sharp spike is
 * followed by the mattress's rebound,
 * which a fixed threshold would count as part of the movement (a 0.15 s jerk would last 0.5 s).
 */
const PEAK_OFFSET_SHIFT: i32 = 3;
/**
 * The peak fades with this time constant: the rebound follows the spike within ~0.1 s, whereas a
 * leg movement's held part lasts seconds and may be much smaller than the tangential
 * acceleration of its quick rise (r·θ'' reaches g for a 0.15 s rise); measured against that
 * spike for good, the hold would pass for quiet and the LM would split into SHORT + LM.
 */
const PEAK_FADE_MS: u32 = 320;
/** Onset threshold over the floor, ×1/16, for SENSITIVITY 1…5 (index 0 unused). */
const ONSET_FACTOR_16: StaticArray<i32> = [40, 56, 48, 40, 34, 28];
/** Offset ("back near rest") threshold over the floor, ×1/16. */
const OFFSET_FACTOR_16: i32 = 24;
/** With the motor running, onset and offset thresholds over the motor band's floor, ×1/16. */
const MOTOR_ONSET_FACTOR_16: i32 = 32;
const MOTOR_OFFSET_FACTOR_16: i32 = 20;
/** With the motor running, the held part's low-pass counts as movement above the band's floor ×1/16. */
const MOTOR_HOLD_FACTOR_16: i32 = 8;

/**
 * With the motor running, a movement is a leg movement only if its held part turns gravity: the
 * slow low-pass's norm change (activityRadial) summed over the movement's motor samples stays
 * below its distance from rest (activityHold, L1) × 1/2^ROTATION_SHIFT. A foot rotation keeps
 * the norm (a few % from the sensor's gain errors), the motor's near-DC alias moves along its
 * own plane, which has a component along gravity unless the shaft happens to point along it.
 */
const ROTATION_SHIFT: i32 = 2;
/** Sums over the current movement's motor samples, mg: norm change, distance from rest. */
let sum_radial: i32 = 0;
let sum_dev: i32 = 0;
let motor_movement: bool = false;
let n_motor: i32 = 0;
/**
 * …and its held part must stand away from rest by at least this much on average, mg (the
 * quiet sensor's own offset threshold is 8 mg): when the motor stops, its averages and its
 * run-down through the sample rate's alias leave a small step that is no rotation of the foot.
 */
const ROTATION_MIN_MG: i32 = 6;

let period_ms: u32 = 20;
let onset_factor: i32 = 40;
let moving: bool = false;
let onset_ms: u32 = 0;
let last_active_ms: u32 = 0;
/**
 * At rest: the last sample below the offset threshold (where a rise began). Inside a movement:
 * the last calm sample of its stillness (where a new movement after a turn began).
 */
let rise_start_ms: u32 = 0;
/** The last sample near rest along the motor's shaft axis (the onset estimate of that path). */
let axis_rise_ms: u32 = 0;
/**
 * Offset threshold along the shaft axis for the last motor sample, 1/256 mg; AXIS_NONE while the
 * axis is unknown (the activity along it is then 0: below it, and never a movement).
 */
const AXIS_NONE: i32 = 1;
let axis_off: i32 = AXIS_NONE;
let still: bool = false;
let still_since_ms: u32 = 0;
/** Largest activity of the current movement, 1/256 mg. */
let peak: i32 = 0;
/** Largest activity along the motor's shaft axis in the current movement, fading like peak. */
let axis_peak: i32 = 0;
/**
 * The current movement has shown itself along the motor's shaft axis (passed that path's onset
 * threshold there while the motor ran). From then on, with the motor running, the axis is the
 * evidence for its end and for stillness: the vibration has nothing along it, while elsewhere a
 * slow alias of it looks like a foot that never settles.
 */
let axis_seen: bool = false;
/** Largest activity along the shaft axis in the current movement (not fading), 1/256 mg. */
let axis_max: i32 = 0;
/** Local level of the activity along the shaft axis, following it as activityMotion's does (~LOCAL_TAU_MS), 1/256 mg. */
let axis_local: i32 = 0;
let shift_axis_local: i32 = 4;
let shift_peak_fade: i32 = 4;
/** Class of the movement that ended at the last sample (MOVE_CLASS_*), else 0. */
let ended_class: i32 = 0;
let ended_onset_ms: u32 = 0;
let ended_offset_ms: u32 = 0;

export function movementReset(now_ms: u32, sample_period_ms: u32, sensitivity: i32): void {
  period_ms = sample_period_ms;
  const p = sample_period_ms < 1 ? 1 : sample_period_ms;
  shift_peak_fade = log2Nearest(PEAK_FADE_MS / p, 12);
  shift_axis_local = log2Nearest(LOCAL_TAU_MS / p, 12);
  movementSetSensitivity(sensitivity);
  moving = false;
  still = false;
  onset_ms = now_ms;
  last_active_ms = now_ms;
  rise_start_ms = now_ms;
  ended_class = 0;
}

export function movementSetSensitivity(sensitivity: i32): void {
  const s = sensitivity < 1 ? 1 : sensitivity > 5 ? 5 : sensitivity;
  onset_factor = unchecked(ONSET_FACTOR_16[s]);
}

function classOf(duration_ms: u32): i32 {
  if (duration_ms < LM_MIN_MS) return MOVE_CLASS_SHORT;
  if (duration_ms > LM_MAX_MS) return MOVE_CLASS_LONG;
  return MOVE_CLASS_LM;
}

function end(now_ms: u32, offset_ms: u32, cls: i32): void {
  moving = false;
  const duration_ms = elapsedMs(offset_ms, onset_ms);
  // Seen along a shaft axis that lies across gravity, the movement turned gravity: that is its
  // proof, as the norm (which the vibration's near-DC alias disturbs) would be otherwise.
  if (cls == MOVE_CLASS_LM && !(axis_seen && activityAxisAcrossGravity())
    && (sum_radial > (sum_dev >> ROTATION_SHIFT) || sum_dev < n_motor * ROTATION_MIN_MG)) {
    // Not a rotation of the foot: the motor's vibration. Closes the MOVE_START (the ABI has no
    // artefact class: reported SHORT) but is no movement for the series and restlessness.
    ended_class = 0;
    logEvent(EVENT_MOVE_END, now_ms, <i32>duration_ms, MOVE_CLASS_SHORT);
    return;
  }
  ended_class = cls;
  ended_onset_ms = onset_ms;
  ended_offset_ms = offset_ms;
  logEvent(EVENT_MOVE_END, now_ms, <i32>duration_ms, cls);
}

/**
 * Advances the movement state by one sample (after activitySample). Returns the class of a
 * movement that ended at this sample (MOVE_CLASS_*), else 0. Inlined into the sample path: the
 * rest case (nearly every sample) is a few instructions here, onset and tracking are calls.
 */
@inline export function movementSample(now_ms: u32): i32 {
  ended_class = 0;
  const a = activityLevel();
  const floor = activityFloor();
  const motor_floor = activityMotorFloor();
  // The motor's terms only when it runs (rest under the motor is motorRest's); the onset
  // threshold only when the activity has passed the offset one.
  let off = max(OFFSET_MIN_MG << FRAC, (floor * OFFSET_FACTOR_16) >> 4);
  if (activityMotorOn()) {
    off = max(off, (motor_floor * MOTOR_OFFSET_FACTOR_16) >> 4);
    // The shaft-axis path only while its axis is known.
    axis_off = motorAxisValid() ? max(OFFSET_MIN_MG << FRAC, (activityAxisFloor() * OFFSET_FACTOR_16) >> 4) : AXIS_NONE;
    if (!moving) return motorRest(now_ms, a, off, motor_floor);
  }
  if (!moving) {
    if (a < off) {
      rise_start_ms = now_ms;
      activityLearn(off);
      return 0;
    }
    if (a < onsetLevel(floor, 0)) {
      // Between the thresholds: the rest level follows, the floor does not rise (clipped at
      // itself). Clipped at the offset threshold, a slow small rise lifted the floor by a share
      // of itself per sample (1/16 at 50 Hz), and the onset threshold (2.5 × the floor) ran away
      // ahead of the rise.
      activityLearn(floor);
      return 0;
    }
    onset(now_ms, a, rise_start_ms);
    return 0;
  }
  return track(now_ms, a, off, motor_floor);
}

/**
 * Rest with the motor running: two ways to an onset. The activity above the motor band's floor
 * (any sensor mounting, but blind below the vibration), or the activity along the motor's shaft
 * axis above that axis's own floor (free of the vibration, so as sensitive as with the motor
 * off, but only for the part of a movement that turns gravity along the shaft).
 */
function motorRest(now_ms: u32, a: i32, off: i32, motor_floor: i32): i32 {
  const ax = activityAxis();
  if (a < off) rise_start_ms = now_ms;
  else if (a >= onsetLevel(activityFloor(), motor_floor)) {
    onset(now_ms, a, rise_start_ms);
    return 0;
  }
  if (ax < axis_off) axis_rise_ms = now_ms;
  else if (ax >= onsetLevel(activityAxisFloor(), 0)) {
    onset(now_ms, a, axis_rise_ms);
    return 0;
  }
  activityLearnMotor(axis_off);
  return 0;
}

/**
 * Onset threshold over a noise floor `floor`, 1/256 mg; with the motor running (its band's floor
 * `motor_floor` > 0), the vibration's own swing must be outrun too.
 */
function onsetLevel(floor: i32, motor_floor: i32): i32 {
  return max(max(ONSET_MIN_MG << FRAC, (floor * onset_factor) >> 4), (motor_floor * MOTOR_ONSET_FACTOR_16) >> 4);
}

/** The activity `a` has crossed the onset threshold: a movement starts. */
function onset(now_ms: u32, a: i32, rise_ms: u32): void {
  // Onset: where the rise began (the last sample near rest; the causal average moves at once).
  let back = elapsedMs(now_ms, rise_ms);
  if (back > ONSET_LOOKBACK_MS) back = ONSET_LOOKBACK_MS;
  moving = true;
  peak = a;
  axis_peak = 0;
  axis_seen = false;
  axis_local = 0;
  axis_max = 0;
  onset_ms = now_ms - back;
  last_active_ms = now_ms;
  still = false;
  sum_radial = 0;
  sum_dev = 0;
  n_motor = 0;
  motor_movement = activityMotorRecent();
  activityOnset();
  logEvent(EVENT_MOVE_START, now_ms, <i32>onset_ms, 0);
}

/**
 * One sample inside a movement: activity `a`, offset threshold `off` and the motor band's floor
 * (0 when off), 1/256 mg. Returns the class of the movement if it ended here, else 0.
 */
function track(now_ms: u32, a: i32, off: i32, motor_floor: i32): i32 {
  peak = a > peak ? a : peak - (peak >> shift_peak_fade);
  const ax = activityAxis();
  // Where the held part stands (the slow low-pass's distance from rest), used by several rules below.
  const hold = activityHold();
  axis_peak = ax > axis_peak ? ax : axis_peak - (axis_peak >> shift_peak_fade);
  // From the first motor sample to the movement's end (the motor stopping mid-movement leaves a
  // rest level learnt under its vibration: the step is the vibration's, not the foot's).
  if (motor_floor > 0) motor_movement = true;
  if (motor_movement) {
    sum_radial += activityRadial();
    sum_dev += hold >> FRAC;
    n_motor++;
  }
  // Along the shaft axis (known while the motor runs): seen there, and how still it is there.
  const on_axis = motor_floor > 0 && axis_off != AXIS_NONE;
  if (on_axis && ax >= onsetLevel(activityAxisFloor(), 0)) axis_seen = true;
  if (ax > axis_max) axis_max = ax;
  const axis_motion = abs(ax - axis_local);
  axis_local += (ax - axis_local) >> shift_axis_local;
  const by_axis = on_axis && axis_seen;
  // Back at rest along the axis, in the sensor's noise and against what the movement showed there.
  const axis_back = by_axis && ax < min(axis_off, axis_max >> PEAK_OFFSET_SHIFT);
  if (a >= max(axis_back ? (motor_floor * MOTOR_ONSET_FACTOR_16) >> 4 : off, peak >> PEAK_OFFSET_SHIFT)
    || (on_axis && ax >= max(axis_off, axis_peak >> PEAK_OFFSET_SHIFT))) last_active_ms = now_ms;
  else if (motor_floor > 0 && !axis_back) {
    // With the motor running, a held part that the vibration's floor hides still counts when the
    // slow low-pass (which the vibration barely passes) stays clearly away from rest, and the
    // sample itself is still out there with it (≥ 5/8 of it): the low-pass of a spike that is
    // over (a jerk, a fidget) lingers, but the sample is back near rest. The low-pass must also
    // stand above the onset minimum: a fidget's tail sinking into a weak vibration's noise
    // (a few mg) kept meeting the 5/8 test, and a 0.3 s fidget was measured as an LM.
    if (hold >= max(ONSET_MIN_MG << FRAC, (motor_floor * MOTOR_HOLD_FACTOR_16) >> 4) && a >= (hold >> 1) + (hold >> 3)) last_active_ms = now_ms;
  }
  if (elapsedMs(now_ms, last_active_ms - activitySpanMs(period_ms)) >= OFFSET_QUIET_MS) {
    // The offset is where the quiet began, less the time the average lags behind a movement's
    // end (not before the onset).
    let offset_ms = last_active_ms - activitySpanMs(period_ms);
    if (<i32>(offset_ms - onset_ms) < 0) offset_ms = onset_ms;
    rise_start_ms = now_ms;
    end(now_ms, offset_ms, classOf(elapsedMs(offset_ms, onset_ms)));
    return ended_class;
  }
  // Still, but away from the old rest: after POSTURE_STILL_MS this orientation is the new rest.
  // Stillness has hysteresis, as the movement itself has: it begins below the offset threshold
  // and only motion that would make an onset breaks it (a coarse sensor's quantisation flickers
  // between the two and would otherwise break it every few seconds, keeping a turn going on).
  const motion = activityMotion();
  const calm = by_axis ? axis_motion < axis_off : motion < off;
  if (calm) rise_start_ms = now_ms;
  if (!still) {
    if (calm) {
      still = true;
      still_since_ms = now_ms;
    }
  } else if (calm || (by_axis ? axis_motion < onsetLevel(activityAxisFloor(), 0) : motion < onsetLevel(activityFloor(), motor_floor))) {
    const still_ms = elapsedMs(now_ms, still_since_ms);
    if (motor_floor == 0 && still_ms >= SPLIT_STILL_MS && hold < off) activityLearnStill(min(motion, off));
    if (still_ms >= POSTURE_STILL_MS) {
      const moved = activityRebase();
      let offset_ms = still_since_ms;
      if (<i32>(offset_ms - onset_ms) < 0) offset_ms = onset_ms;
      const cls = moved > (POSTURE_CHANGE_MG << FRAC) || (by_axis && ax > (POSTURE_CHANGE_AXIS_MG << FRAC)) ? MOVE_CLASS_LONG : classOf(elapsedMs(offset_ms, onset_ms));
      end(now_ms, offset_ms, cls);
      return ended_class;
    }
  } else {
    still = false;
    if (elapsedMs(now_ms, still_since_ms) >= SPLIT_STILL_MS
      && (elapsedMs(still_since_ms, onset_ms) > LM_MAX_MS || hold >= (TURNED_MG << FRAC))) {
      // The foot rested after more than LM_MAX_MS of movement, or turned further than an LM
      // tilts it (turning over), and now moves again: the first movement was LONG whatever this
      // one turns out to be, and it ended when the foot came to rest. Where it rested is the
      // new rest level, and this is a new movement (the first LM of a series often follows a
      // turn within seconds).
      end(now_ms, still_since_ms, MOVE_CLASS_LONG);
      onset(now_ms, activityRebaseLocal(), rise_start_ms);
      return ended_class;
    }
  }
  if (elapsedMs(now_ms, onset_ms) >= MOVE_MAX_MS) {
    // Whatever this is, it is the normal now: rest here and accept its level as the floor.
    activityRebase();
    activityAcceptFloor();
    end(now_ms, now_ms, MOVE_CLASS_LONG);
    return MOVE_CLASS_LONG;
  }
  return 0;
}

/** Onset (u32 ms) of the movement that ended at the last sample. */
@inline export function movementEndedOnset(): u32 {
  return ended_onset_ms;
}

/** Offset (u32 ms) of the movement that ended at the last sample. */
@inline export function movementEndedOffset(): u32 {
  return ended_offset_ms;
}
