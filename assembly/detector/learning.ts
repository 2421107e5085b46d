// Learning and rebasing, in one place: the detector's slow memory — the rest level (baseline.ts),
// the noise floors (floors.ts) and the motor's shaft axis (motorAxis.ts) — changes here and
// nowhere else (apart from each stage's reset). The movement rules decide when (movement.ts
// decisions); the pipeline (index.ts) calls these.

import { baselineActivity, baselineAxis, baselineLearn, baselineRebaseToHold, baselineRebaseToLocal, baselineRestXMg,
  baselineRestYMg, baselineRestZMg, MOTOR_REST_SLOWER } from "./baseline";
import { evidenceAxisOffset, evidenceOffset, evidenceStillMotion } from "./evidence";
import { floorQuiet, floorsAccept, floorsLearnMotor, floorsLearnQuiet } from "./floors";
import { motorBand } from "./motor";
import { motorAxisDue, motorAxisLearn } from "./motorAxis";
import { smoothingLastRaw } from "./smoothing";

/**
 * The sample, with the motor off, was rest: the rest level follows it, and the quiet floor learns
 * from its activity, clipped at the offset threshold (`rising`: at the floor itself) so that the
 * first samples of a rise cannot lift the floor from under the onset threshold.
 */
@inline export function learnQuietRest(rising: bool): void {
  baselineLearn(0);
  floorsLearnQuiet(min(baselineActivity(), rising ? floorQuiet() : evidenceOffset()));
}

/**
 * The sample was rest with the motor running: the rest level follows it more slowly, the band's
 * floors learn, and one sample in AXIS_DECIMATE teaches the shaft axis its raw deviation from
 * the rest level (the raw sample is the smoothing ring's newest).
 */
@inline export function learnMotorRest(): void {
  baselineLearn(MOTOR_REST_SLOWER);
  floorsLearnMotor(motorBand(), baselineActivity(), baselineAxis(), evidenceAxisOffset());
  if (motorAxisDue()) {
    motorAxisLearn(smoothingLastRaw(0) - baselineRestXMg(), smoothingLastRaw(1) - baselineRestYMg(),
      smoothingLastRaw(2) - baselineRestZMg());
  }
}

/**
 * Inside a movement, the foot still for a while and back near rest, yet not quiet (motor off):
 * the quiet floor learns from its motion there. A floor that starts below the sensor's noise (a
 * coarse sensor at power-on) makes one long movement after another, and never gets the rest it
 * would learn from.
 */
export function learnStill(): void {
  floorsLearnQuiet(evidenceStillMotion());
}

/** A new posture: the rest level moves at once to where the foot now lies (the hold level). */
export function rebaseToPosture(): void {
  baselineRebaseToHold();
}

/** The split rule: the rest level moves to where the foot was just still; returns the activity against it. */
export function rebaseToStillness(): i32 {
  baselineRebaseToLocal();
  return baselineActivity();
}

/** The longest rule: the rest level moves to the signal, and the floors in effect accept its level. */
export function rebaseToSignal(): void {
  baselineRebaseToHold();
  floorsAccept(motorBand(), baselineActivity(), baselineAxis());
}
