// Stage 4 of the detector: what this sample shows, as one record the movement rules read. Per
// sample: the offset ("back near rest") threshold over the floors in effect, and with the motor
// running its band's floor and the threshold along its shaft axis. Per sample of a movement, the
// running evidence (peaks, held part, motion) and the verdicts the rules ask for — active, calm,
// settled, near rest, a new posture, turned — with the motor and the shaft axis already weighed
// in them:
//   with the motor off, the L1 activity against the quiet floor;
//   with the motor on, against the vibration's floor of its duty band, and the held part (the
//   hold level) where the vibration hides it;
//   once a movement has shown itself along the shaft axis (where the vibration has nothing),
//   that axis is the evidence for its end and for stillness: elsewhere a slow alias of the
//   vibration looks like a foot that never settles.
// Thresholds are multiples of a floor (×1/16), never below a minimum. All in 1/256 mg.

import { baselineActivity, baselineAxis, baselineHold, baselineMotion, LOCAL_TAU_MS } from "./baseline";
import { FRAC, log2Nearest, periodAtLeast1 } from "./fixed";
import { floorAxis, floorMotor, floorQuiet } from "./floors";
import { motorBand } from "./motor";
import { motorAxisValid } from "./motorAxis";

/** Thresholds never go below these (a perfect sensor still has a foot that breathes), mg. */
const ONSET_MIN_MG: i32 = 16;
const OFFSET_MIN_MG: i32 = 8;
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
 * Inside a movement, "back near rest" is also relative to the movement's own peak: below
 * peak >> PEAK_OFFSET_SHIFT, the peak fading with PEAK_FADE_MS. A hypnic jerk's sharp spike is
 * followed by the mattress's rebound, which a fixed threshold would count as part of the movement
 * (a 0.15 s jerk would last 0.5 s).
 */
const PEAK_OFFSET_SHIFT: i32 = 3;
/**
 * The peak fades with this time constant: the rebound follows the spike within ~0.1 s, whereas a
 * leg movement's held part lasts seconds and may be much smaller than the tangential
 * acceleration of its quick rise (r·θ'' reaches g for a 0.15 s rise); measured against that
 * spike for good, the hold would pass for quiet and the LM would split into SHORT + LM.
 */
const PEAK_FADE_MS: u32 = 320;
/** A movement that changes the resting orientation by more than this (L1, mg) is a new posture. */
export const POSTURE_CHANGE_MG: i32 = 250;
/**
 * …or, judged along the motor's shaft axis (where the vibration, which swings the L1 distance by
 * its own amplitude, leaves nothing), by more than this, mg: a tilt of ~4° held still for
 * POSTURE_STILL_MS is a new resting orientation.
 */
export const POSTURE_CHANGE_AXIS_MG: i32 = 64;
/**
 * A movement that left the foot resting this far from where it lay (L1, mg) turned it: above any
 * leg movement (30°, the largest awake one, moves gravity by 518 mg, at most 897 mg in L1), and
 * reached by every turn of 60° or more.
 */
export const TURNED_MG: i32 = 1000;
/** The offset threshold along the shaft axis while the axis is unknown: the activity there is then 0, below it. */
const AXIS_NONE: i32 = 1;

/** Everything this stage keeps between samples. */
namespace evidence {
  export let onset_factor_16: i32 = 40;
  export let shift_peak_fade: i32 = 4;
  export let shift_axis_local: i32 = 4;
  // ─── This sample ───
  /** Offset threshold over the floors in effect. */
  export let off: i32 = 0;
  /** The motor band's floor; 0 with the motor off. */
  export let motor_floor: i32 = 0;
  /** Offset threshold along the shaft axis, AXIS_NONE while the axis is unknown (valid with the motor on). */
  export let axis_off: i32 = AXIS_NONE;
  // ─── The current movement, since its onset ───
  /** Largest activity, fading (PEAK_FADE_MS); and along the shaft axis. */
  export let peak: i32 = 0;
  export let axis_peak: i32 = 0;
  /** Largest activity along the shaft axis (not fading). */
  export let axis_max: i32 = 0;
  /** Local level of the activity along the shaft axis (~LOCAL_TAU_MS, as the baseline's local level). */
  export let axis_local: i32 = 0;
  /** It has passed the shaft-axis path's onset threshold while the motor ran. */
  export let axis_seen: bool = false;
  // ─── This sample of a movement: what the verdicts are made of ───
  /** Distance of the hold level from rest (the held part). */
  export let hold: i32 = 0;
  /** Motion against the local level; along the shaft axis, against its local level. */
  export let motion: i32 = 0;
  export let axis_motion: i32 = 0;
  /** The shaft axis is known and the motor runs; and the movement has shown itself there (its evidence rules). */
  export let on_axis: bool = false;
  export let by_axis: bool = false;
}

export function evidenceReset(sample_period_ms: u32, sensitivity: i32): void {
  const p = periodAtLeast1(sample_period_ms);
  evidence.shift_peak_fade = log2Nearest(PEAK_FADE_MS / p, 12);
  evidence.shift_axis_local = log2Nearest(LOCAL_TAU_MS / p, 12);
  const s = sensitivity < 1 ? 1 : sensitivity > 5 ? 5 : sensitivity;
  evidence.onset_factor_16 = unchecked(ONSET_FACTOR_16[s]);
}

/** Onset threshold over a noise floor `floor`; with the motor's `motor_floor` > 0, its swing must be outrun too. */
function onsetLevel(floor: i32, motor_floor: i32): i32 {
  return max(max(ONSET_MIN_MG << FRAC, (floor * evidence.onset_factor_16) >> 4), (motor_floor * MOTOR_ONSET_FACTOR_16) >> 4);
}

/** The thresholds for this sample, at motor band `band` (-1: the motor off). */
@inline export function evidenceSample(band: i32): void {
  let off = max(OFFSET_MIN_MG << FRAC, (floorQuiet() * OFFSET_FACTOR_16) >> 4);
  if (band < 0) {
    evidence.motor_floor = 0;
  } else {
    const motor_floor = floorMotor(band);
    evidence.motor_floor = motor_floor;
    off = max(off, (motor_floor * MOTOR_OFFSET_FACTOR_16) >> 4);
    // The shaft-axis path only while its axis is known.
    evidence.axis_off = motorAxisValid() ? max(OFFSET_MIN_MG << FRAC, (floorAxis(band) * OFFSET_FACTOR_16) >> 4) : AXIS_NONE;
  }
  evidence.off = off;
}

// ─── At rest ───────────────────────────────────────────────────────────────────

/** The activity is below the offset threshold: rest. */
@inline export function evidenceBelowOffset(): bool {
  return baselineActivity() < evidence.off;
}

/** The activity has reached the onset threshold (over the motor's floor too while it runs). */
@inline export function evidenceOnset(): bool {
  return baselineActivity() >= onsetLevel(floorQuiet(), evidence.motor_floor);
}

/** Along the shaft axis (the motor on): below that path's offset threshold. */
@inline export function evidenceAxisBelowOffset(): bool {
  return baselineAxis() < evidence.axis_off;
}

/** Along the shaft axis (the motor on, `band`): at that path's onset threshold. */
@inline export function evidenceAxisOnset(band: i32): bool {
  return baselineAxis() >= onsetLevel(floorAxis(band), 0);
}

/** The offset threshold in effect, for the floors' clipping. */
@inline export function evidenceOffset(): i32 {
  return evidence.off;
}

/** The shaft-axis path's offset threshold, for the axis floor's clipping. */
@inline export function evidenceAxisOffset(): i32 {
  return evidence.axis_off;
}

// ─── In a movement ────────────────────────────────────────────────────────────

/** A movement starts with activity `activity`: its running evidence starts afresh. */
export function evidenceMovementStarts(activity: i32): void {
  evidence.peak = activity;
  evidence.axis_peak = 0;
  evidence.axis_seen = false;
  evidence.axis_local = 0;
  evidence.axis_max = 0;
}

/** One sample of a movement, at motor band `band`: what the verdicts below are made of. */
@inline export function evidenceTrack(band: i32): void {
  const a = baselineActivity();
  const ax = baselineAxis();
  const fade = evidence.shift_peak_fade;
  evidence.peak = a > evidence.peak ? a : evidence.peak - (evidence.peak >> fade);
  evidence.axis_peak = ax > evidence.axis_peak ? ax : evidence.axis_peak - (evidence.axis_peak >> fade);
  evidence.hold = baselineHold();
  // Along the shaft axis (known while the motor runs): seen there, and how still it is there.
  const on_axis = evidence.motor_floor > 0 && evidence.axis_off != AXIS_NONE;
  if (on_axis && ax >= onsetLevel(floorAxis(band), 0)) evidence.axis_seen = true;
  if (ax > evidence.axis_max) evidence.axis_max = ax;
  evidence.axis_motion = abs(ax - evidence.axis_local);
  evidence.axis_local += (ax - evidence.axis_local) >> evidence.shift_axis_local;
  evidence.on_axis = on_axis;
  evidence.by_axis = on_axis && evidence.axis_seen;
  evidence.motion = baselineMotion();
}

/**
 * Still moving: above the offset threshold and the faded peak's share; along the shaft axis
 * likewise. With the motor running, a held part that the vibration's floor hides still counts
 * when the hold level stays clearly away from rest and the sample itself is still out there with
 * it (≥ 5/8 of it): the low-pass of a spike that is over (a jerk, a fidget) lingers, but the
 * sample is back near rest. The hold level must also stand above the onset minimum: a fidget's
 * tail sinking into a weak vibration's noise (a few mg) kept meeting the 5/8 test, and a 0.3 s
 * fidget was measured as an LM.
 */
@inline export function evidenceActive(): bool {
  const a = baselineActivity();
  const ax = baselineAxis();
  const motor_floor = evidence.motor_floor;
  // Back at rest along the axis, in the sensor's noise and against what the movement showed there.
  const axis_back = evidence.by_axis && ax < min(evidence.axis_off, evidence.axis_max >> PEAK_OFFSET_SHIFT);
  if (a >= max(axis_back ? (motor_floor * MOTOR_ONSET_FACTOR_16) >> 4 : evidence.off, evidence.peak >> PEAK_OFFSET_SHIFT)
    || (evidence.on_axis && ax >= max(evidence.axis_off, evidence.axis_peak >> PEAK_OFFSET_SHIFT))) return true;
  if (motor_floor == 0 || axis_back) return false;
  const hold = evidence.hold;
  return hold >= max(ONSET_MIN_MG << FRAC, (motor_floor * MOTOR_HOLD_FACTOR_16) >> 4) && a >= (hold >> 1) + (hold >> 3);
}

// Stillness has hysteresis, as the movement itself has: it begins below the offset threshold
// (calm) and only motion that would make an onset breaks it (settled: a coarse sensor's
// quantisation flickers between the two and would otherwise break it every few seconds, keeping
// a turn going on).

/** Still: back within the offset threshold of where the foot has just been. */
@inline export function evidenceCalm(): bool {
  return evidence.by_axis ? evidence.axis_motion < evidence.axis_off : evidence.motion < evidence.off;
}

/** Not moving enough to make an onset: stillness, once begun, holds. */
export function evidenceSettled(): bool {
  if (evidenceCalm()) return true;
  return evidence.by_axis ? evidence.axis_motion < onsetLevel(floorAxis(motorBand()), 0)
    : evidence.motion < onsetLevel(floorQuiet(), evidence.motor_floor);
}

/** The motor is off and the held part is back within the offset threshold: the quiet floor may learn from the motion. */
@inline export function evidenceNearRest(): bool {
  return evidence.motor_floor == 0 && evidence.hold < evidence.off;
}

/** The foot lies in a new orientation (POSTURE_CHANGE_MG, or POSTURE_CHANGE_AXIS_MG along the shaft). */
export function evidenceNewPosture(): bool {
  return evidence.hold > (POSTURE_CHANGE_MG << FRAC) || (evidence.by_axis && baselineAxis() > (POSTURE_CHANGE_AXIS_MG << FRAC));
}

/** The foot rests further from where it lay than any LM tilts it (TURNED_MG). */
@inline export function evidenceTurned(): bool {
  return evidence.hold >= (TURNED_MG << FRAC);
}

/** The current movement showed itself along the shaft axis. */
@inline export function evidenceAxisSeen(): bool {
  return evidence.axis_seen;
}

/** Motion of the last sample of a movement, clipped at the offset threshold: what the quiet floor may learn. */
@inline export function evidenceStillMotion(): i32 {
  return min(evidence.motion, evidence.off);
}

@inline export function evidenceHold(): i32 { return evidence.hold; }
@inline export function evidenceMotorFloor(): i32 { return evidence.motor_floor; }
