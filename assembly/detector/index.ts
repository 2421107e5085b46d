// The restlessness detector: one accelerometer sample in, events out, restlessness recognised.
// A pipeline of stages, read top to bottom in detectorSample; each stage keeps its state in one
// block and has one update per sample (or per movement):
//   motor.ts      the motor's duty band, on, recently on                       → context
//   smoothing.ts  moving averages (longer while the motor runs)                → smoothed sample
//   baseline.ts   rest level, hold level, local level                          → activity
//   floors.ts     noise floors: quiet, per motor-duty band, along the shaft axis
//   motorAxis.ts  the motor's shaft axis, learnt from its vibration
//   evidence.ts   thresholds over the floors, and per movement sample the verdicts
//                 (active, calm, settled, new posture, turned), shaft axis folded in
//   movement.ts   the state machine: onset at rest; offset, posture, split and
//                 longest rules, each returning a decision                     → MOVE_START
//   classify.ts   class by duration or rule; under the motor, the veto         → MOVE_END
//   series.ts     periodic series (WASM 2016), LM and PLM counts               → SERIES
//   restless.ts   dense irregular movement at rest (RLS episode)               → RESTLESS
// Learning and rebasing (the rest level, the floors, the shaft axis) happen in learning.ts, on
// the movement stage's decisions; only this file emits events. O(1) work and fixed state per
// sample; no allocation; every time is a u32 difference, so the 2^32 ms clock wrap is an
// ordinary moment.
//
// The scoring rules (WASM/IRLSSG 2016) as the device applies them: SHORT < 0.5 s, LM 0.5–10 s,
// LONG > 10 s; a periodic series is ≥ 4 LMs 10–90 s apart, broken by any non-LM movement (SHORT
// or LONG) in between, exactly as written (the host's copy: host/scoring/series.ts). One
// adaptation: a movement that leaves the foot resting in a new orientation is LONG whatever its
// duration — the rules exclude turning over as a voluntary change of position, and the
// accelerometer sees that change directly as a new gravity projection (docs/night-model.md).

import { EVENT_MOVE_END, EVENT_MOVE_START, EVENT_RESTLESS, EVENT_SERIES, MOVE_CLASS_SHORT, RESTLESS_DENSE,
  RESTLESS_PERIODIC } from "../abi";
import { elapsedMs } from "../clock";
import { logEvent } from "../log";
import { baselineActivity, baselineMovementStarts, baselinePrime, baselineReset, baselineUpdate } from "./baseline";
import { classifyMovement, classifyMovementStarts, classifyTrack } from "./classify";
import { evidenceAxisSeen, evidenceHold, evidenceMotorFloor, evidenceMovementStarts, evidenceReset, evidenceSample,
  evidenceTrack } from "./evidence";
import { floorsEnterBand, floorsReset } from "./floors";
import { learnMotorRest, learnQuietRest, learnStill, rebaseToPosture, rebaseToSignal, rebaseToStillness } from "./learning";
import { motorBand, motorRecent, motorReset, motorUpdate } from "./motor";
import { motorAxisReset } from "./motorAxis";
import { END_LONGEST, END_POSTURE, END_SPLIT, movementLearnsStill, movementLong, movementMoving, movementOffsetMs,
  movementOnsetMs, movementReset, movementRest, movementRestMotor, movementSplitStart, movementTrack, MOVING, ONSET,
  REST_RISING } from "./movement";
import { restlessMovement, restlessReset } from "./restless";
import { SERIES_MIN_LMS, seriesClearCounts, seriesLmCount, seriesMeanIntervalMs, seriesMovement, seriesPlmCount,
  seriesReset } from "./series";
import { smoothingPrime, smoothingPrimed, smoothingReset, smoothingUpdate } from "./smoothing";

/**
 * Starts detection afresh (power-on, a clock jump, a new sample rate or sensitivity): the rest
 * level and noise floors are learnt again from the next samples. The counts stay.
 */
export function detectorReset(now_ms: u32, sample_period_ms: u32, sensitivity: i32): void {
  motorReset(sample_period_ms);
  smoothingReset(sample_period_ms);
  baselineReset(sample_period_ms);
  floorsReset(sample_period_ms);
  motorAxisReset(sample_period_ms);
  evidenceReset(sample_period_ms, sensitivity);
  movementReset(now_ms, sample_period_ms);
  seriesReset();
  restlessReset(sensitivity);
}

/** Clears the counters (power-on only; a detector reset keeps them). */
export function detectorClearCounts(): void {
  seriesClearCounts();
}

/**
 * One plausible sample (mg); `motor_permille` is the vibration duty in effect. Returns a
 * RESTLESS_* reason when restlessness is recognised at this sample, else 0. Inlined into the
 * sample path: at rest (nearly every sample) the pipeline is straight-line code.
 */
@inline export function detectorSample(now_ms: u32, x_mg: i32, y_mg: i32, z_mg: i32, motor_permille: i32): i32 {
  const band_before = motorUpdate(motor_permille);
  const band = motorBand();
  // Only when the band changes (a few times a second under the breathing wave).
  if (band != band_before && band_before >= 0 && band >= 0) floorsEnterBand(band_before, band);
  if (!smoothingPrimed()) prime(x_mg, y_mg, z_mg);
  smoothingUpdate(x_mg, y_mg, z_mg, band >= 0);
  baselineUpdate(band >= 0);
  evidenceSample(band);
  if (movementMoving()) return track(now_ms);
  if (band >= 0) {
    restUnderMotor(now_ms);
    return 0;
  }
  const decision = movementRest(now_ms);
  if (decision == ONSET) movementStarts(now_ms, baselineActivity());
  else learnQuietRest(decision == REST_RISING);
  return 0;
}

/** One sample at rest with the motor running. */
function restUnderMotor(now_ms: u32): void {
  if (movementRestMotor(now_ms) == ONSET) movementStarts(now_ms, baselineActivity());
  else learnMotorRest();
}

/** The first sample after a reset: the averages and every level start where the foot is. */
function prime(x_mg: i32, y_mg: i32, z_mg: i32): void {
  smoothingPrime(x_mg, y_mg, z_mg);
  baselinePrime(x_mg, y_mg, z_mg);
}

/** The movement stage has decided on an onset, with activity `activity`: every stage's per-movement state starts. */
function movementStarts(now_ms: u32, activity: i32): void {
  evidenceMovementStarts(activity);
  classifyMovementStarts(motorRecent());
  baselineMovementStarts();
  logEvent(EVENT_MOVE_START, now_ms, <i32>movementOnsetMs(), 0);
}

/** One sample inside a movement: the evidence, the rules' decision, and what it asks for. */
function track(now_ms: u32): i32 {
  evidenceTrack(motorBand());
  classifyTrack(evidenceMotorFloor() > 0, evidenceHold());
  const decision = movementTrack(now_ms);
  if (movementLearnsStill()) learnStill();
  if (decision == MOVING) return 0;
  if (decision == END_POSTURE) rebaseToPosture();
  else if (decision == END_LONGEST) rebaseToSignal();
  const onset_ms = movementOnsetMs();
  const offset_ms = movementOffsetMs();
  const cls = movementEnds(now_ms, onset_ms, offset_ms);
  if (decision == END_SPLIT) {
    const activity = rebaseToStillness();
    movementSplitStart(now_ms);
    movementStarts(now_ms, activity);
  }
  return cls == 0 ? 0 : movementEnded(now_ms, cls, onset_ms, offset_ms);
}

/** The movement from `onset_ms` to `offset_ms` has ended: its class (0 when vetoed), MOVE_END. */
function movementEnds(now_ms: u32, onset_ms: u32, offset_ms: u32): i32 {
  const duration_ms = elapsedMs(offset_ms, onset_ms);
  const cls = classifyMovement(duration_ms, movementLong(), evidenceAxisSeen());
  logEvent(EVENT_MOVE_END, now_ms, <i32>duration_ms, cls == 0 ? MOVE_CLASS_SHORT : cls);
  return cls;
}

/** A movement of class `cls` ended (and counts): the series and the dense-movement stages. */
function movementEnded(now_ms: u32, cls: i32, onset_ms: u32, offset_ms: u32): i32 {
  const run = seriesMovement(cls, onset_ms);
  if (run > 0) logEvent(EVENT_SERIES, now_ms, run, seriesMeanIntervalMs());
  const dense = restlessMovement(now_ms, cls, onset_ms, offset_ms);
  if (run == SERIES_MIN_LMS) {
    logEvent(EVENT_RESTLESS, now_ms, RESTLESS_PERIODIC, 0);
    return RESTLESS_PERIODIC;
  }
  if (dense) {
    logEvent(EVENT_RESTLESS, now_ms, RESTLESS_DENSE, 0);
    return RESTLESS_DENSE;
  }
  return 0;
}

/** Leg movements (0.5–10 s) since power-on. */
export function detectorLmCount(): i32 {
  return seriesLmCount();
}

/** Of those, the LMs in periodic series. */
export function detectorPlmCount(): i32 {
  return seriesPlmCount();
}
