// Stage 5 of the detector: the movement state machine. At rest, an onset when the activity rises
// clearly above the noise floor (or, with the motor running, along its shaft axis). Inside a
// movement, four named rules, each returning a decision that the pipeline (index.ts) carries out:
//   offset rule    the scoring rule: a movement ends at the start of a stretch of ≥ 0.5 s back
//                  near rest (so bursts less than 0.5 s apart are one movement)
//   posture rule   a movement that leaves the foot still in a new orientation (turning over) ends
//                  when the foot has been still there for POSTURE_STILL_MS: the new orientation
//                  becomes the rest level, the offset is the start of the stillness
//   split rule     a movement already longer than 10 s when the foot came to rest, or one that
//                  left it turned further than any LM tilts it, ends there as soon as the foot
//                  moves again after SPLIT_STILL_MS: that motion is a new movement (an LM right
//                  after turning over is not swallowed into the turn)
//   longest rule   nothing leg-like goes on for MOVE_MAX_MS without a pause
// The rules read only the evidence record (evidence.ts) and time; they change nothing but this
// stage's own state.

import { elapsedMs } from "../clock";
import { LM_MAX_MS } from "./classify";
import { evidenceActive, evidenceAxisBelowOffset, evidenceAxisOnset, evidenceBelowOffset, evidenceCalm, evidenceNearRest,
  evidenceNewPosture, evidenceOnset, evidenceSettled, evidenceTurned } from "./evidence";
import { motorBand, motorOn } from "./motor";
import { smoothingLagMs } from "./smoothing";

/** The scoring rule's quiet stretch that ends a movement (and merges bursts closer than it). */
export const OFFSET_QUIET_MS: u32 = 500;
/** Still this long in a new orientation: the foot has a new rest (longer than any LM's hold). */
export const POSTURE_STILL_MS: u32 = 10_000;
/**
 * A movement longer than LM_MAX_MS is over once the foot has been still this long: motion after
 * that is a new movement (the scoring rule's quiet, with a margin for a turn done in stages).
 */
export const SPLIT_STILL_MS: u32 = 1_000;
/** Nothing leg-like goes on this long without a pause: take the signal as the new normal. */
export const MOVE_MAX_MS: u32 = 120_000;
/** The onset estimate looks back at most this far for where the rise began, ms. */
const ONSET_LOOKBACK_MS: u32 = 400;

// ─── Decisions ────────────────────────────────────────────────────────────────
/** At rest: the baseline and the quiet floor learn, clipped at the offset threshold. */
export const REST_QUIET: i32 = 0;
/** At rest, between the thresholds: the baseline learns, the quiet floor is clipped at itself. */
export const REST_RISING: i32 = 1;
/** At rest with the motor running: the baseline, the band's floors and the shaft axis learn. */
export const REST_MOTOR: i32 = 2;
/** A movement starts (movementOnsetMs). */
export const ONSET: i32 = 3;
/** Inside a movement: nothing ends. */
export const MOVING: i32 = 4;
/** The offset rule ended the movement (movementOffsetMs, movementLong). */
export const END_OFFSET: i32 = 5;
/** The posture rule: the rest level moves to the new orientation, and the movement ends. */
export const END_POSTURE: i32 = 6;
/** The split rule: the movement ends; the rest level moves to where the foot was still; a new one starts. */
export const END_SPLIT: i32 = 7;
/** The longest rule: the rest level and the floors take the signal as it is, and the movement ends. */
export const END_LONGEST: i32 = 8;

/** Everything this stage keeps between samples. */
namespace movement {
  export let period_ms: u32 = 20;
  export let moving: bool = false;
  export let onset_ms: u32 = 0;
  /** The last sample the offset rule saw as active. */
  export let last_active_ms: u32 = 0;
  /**
   * At rest: the last sample below the offset threshold (where a rise began). Inside a movement:
   * the last calm sample of its stillness (where a new movement after a turn began).
   */
  export let rise_start_ms: u32 = 0;
  /** The last sample near rest along the motor's shaft axis (the onset estimate of that path). */
  export let axis_rise_ms: u32 = 0;
  export let still: bool = false;
  export let still_since_ms: u32 = 0;
  /** The decision's offset (END_*), and whether its rule makes the movement LONG whatever its length. */
  export let offset_ms: u32 = 0;
  export let long: bool = false;
  /** The foot has been still and near rest for SPLIT_STILL_MS: the quiet floor may learn from its motion. */
  export let learn_still: bool = false;
}

export function movementReset(now_ms: u32, sample_period_ms: u32): void {
  movement.period_ms = sample_period_ms;
  movement.moving = false;
  movement.still = false;
  movement.onset_ms = now_ms;
  movement.last_active_ms = now_ms;
  movement.rise_start_ms = now_ms;
}

@inline export function movementMoving(): bool {
  return movement.moving;
}

/**
 * One sample at rest with the motor off: REST_QUIET, REST_RISING or ONSET. Inlined into the
 * sample path: the rest case (nearly every sample) is a few instructions.
 */
@inline export function movementRest(now_ms: u32): i32 {
  if (evidenceBelowOffset()) {
    movement.rise_start_ms = now_ms;
    return REST_QUIET;
  }
  // Between the thresholds: the floor does not rise (clipped at itself). Clipped at the offset
  // threshold, a slow small rise lifted the floor by a share of itself per sample (1/16 at
  // 50 Hz), and the onset threshold (2.5 × the floor) ran away ahead of the rise.
  if (!evidenceOnset()) return REST_RISING;
  return start(now_ms, movement.rise_start_ms);
}

/**
 * One sample at rest with the motor running: REST_MOTOR or ONSET. Two ways to an onset. The activity above the motor band's floor
 * (any sensor mounting, but blind below the vibration), or the activity along the motor's shaft
 * axis above that axis's own floor (free of the vibration, so as sensitive as with the motor
 * off, but only for the part of a movement that turns gravity along the shaft).
 */
@inline export function movementRestMotor(now_ms: u32): i32 {
  if (evidenceBelowOffset()) movement.rise_start_ms = now_ms;
  else if (evidenceOnset()) return start(now_ms, movement.rise_start_ms);
  if (evidenceAxisBelowOffset()) movement.axis_rise_ms = now_ms;
  else if (evidenceAxisOnset(motorBand())) return start(now_ms, movement.axis_rise_ms);
  return REST_MOTOR;
}

/** A movement starts at `now_ms`; its onset is where the rise began (`rise_ms`, the causal average moves at once). */
function start(now_ms: u32, rise_ms: u32): i32 {
  let back = elapsedMs(now_ms, rise_ms);
  if (back > ONSET_LOOKBACK_MS) back = ONSET_LOOKBACK_MS;
  movement.moving = true;
  movement.onset_ms = now_ms - back;
  movement.last_active_ms = now_ms;
  movement.still = false;
  return ONSET;
}

/** The split rule's new movement: it starts where the foot was last still. */
export function movementSplitStart(now_ms: u32): void {
  start(now_ms, movement.rise_start_ms);
}

/** One sample of a movement (after evidenceTrack): MOVING or an END_* decision. */
@inline export function movementTrack(now_ms: u32): i32 {
  movement.learn_still = false;
  const d = offsetRule(now_ms);
  if (d != MOVING) return d;
  const s = stillnessRules(now_ms);
  if (s != MOVING) return s;
  return longestRule(now_ms);
}

/** The offset rule: OFFSET_QUIET_MS of quiet after the offset ends the movement where the quiet began. */
@inline function offsetRule(now_ms: u32): i32 {
  if (evidenceActive()) movement.last_active_ms = now_ms;
  // The offset is the last active sample less the time the average lags behind a movement's end;
  // the movement is over once OFFSET_QUIET_MS of quiet has followed the offset (not the lag later).
  const offset_ms = movement.last_active_ms - smoothingLagMs(movement.period_ms, motorOn());
  if (elapsedMs(now_ms, offset_ms) < OFFSET_QUIET_MS) return MOVING;
  // The next movement's onset is never looked for before this end.
  movement.rise_start_ms = now_ms;
  return end(<i32>(offset_ms - movement.onset_ms) < 0 ? movement.onset_ms : offset_ms, false, END_OFFSET);
}

/**
 * Stillness inside a movement, and the two rules judged on it: the posture rule (still for
 * POSTURE_STILL_MS) and the split rule (moving again after SPLIT_STILL_MS of stillness).
 */
@inline function stillnessRules(now_ms: u32): i32 {
  const calm = evidenceCalm();
  if (calm) movement.rise_start_ms = now_ms;
  if (!movement.still) {
    if (calm) {
      movement.still = true;
      movement.still_since_ms = now_ms;
    }
    return MOVING;
  }
  if (evidenceSettled()) return postureRule(now_ms);
  movement.still = false;
  return splitRule(now_ms);
}

/** The posture rule: still for POSTURE_STILL_MS — away from the old rest, this orientation is the new rest. */
@inline function postureRule(now_ms: u32): i32 {
  const still_ms = elapsedMs(now_ms, movement.still_since_ms);
  movement.learn_still = still_ms >= SPLIT_STILL_MS && evidenceNearRest();
  if (still_ms < POSTURE_STILL_MS) return MOVING;
  const since = movement.still_since_ms;
  return end(<i32>(since - movement.onset_ms) < 0 ? movement.onset_ms : since, evidenceNewPosture(), END_POSTURE);
}

/**
 * The split rule: the foot rested after more than LM_MAX_MS of movement, or turned further
 * than an LM tilts it (turning over), and now moves again: the first movement was LONG whatever
 * this one turns out to be, and it ended when the foot came to rest. Where it rested is the new
 * rest level, and this is a new movement (the first LM of a series often follows a turn within
 * seconds).
 */
@inline function splitRule(now_ms: u32): i32 {
  const since = movement.still_since_ms;
  if (elapsedMs(now_ms, since) < SPLIT_STILL_MS) return MOVING;
  if (elapsedMs(since, movement.onset_ms) <= LM_MAX_MS && !evidenceTurned()) return MOVING;
  return end(since, true, END_SPLIT);
}

/** The longest rule: whatever goes on for MOVE_MAX_MS is the normal now. */
@inline function longestRule(now_ms: u32): i32 {
  if (elapsedMs(now_ms, movement.onset_ms) < MOVE_MAX_MS) return MOVING;
  return end(now_ms, true, END_LONGEST);
}

function end(offset_ms: u32, long: bool, decision: i32): i32 {
  movement.moving = false;
  movement.offset_ms = offset_ms;
  movement.long = long;
  return decision;
}

/** Onset (u32 ms) of the current movement, or of the one that has just ended. */
@inline export function movementOnsetMs(): u32 {
  return movement.onset_ms;
}

/** Offset (u32 ms) of the movement that has just ended. */
@inline export function movementOffsetMs(): u32 {
  return movement.offset_ms;
}

/** The rule that ended the movement makes it LONG whatever its duration. */
@inline export function movementLong(): bool {
  return movement.long;
}

/** The quiet floor may learn from this sample's motion (the posture rule's stillness). */
@inline export function movementLearnsStill(): bool {
  return movement.learn_still;
}
