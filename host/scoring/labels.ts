// What a label means to the scoring rules: a leg movement (LM), some other movement (which breaks a
// periodic series and can be taken for an LM), or no movement at all (a sleep stage, an arousal).
// Labels are the simulator's truth ("LM", "JERK", "TURN", "RUB", "FIDGET") or the text of scored
// annotations in an EDF+ file ("Leg movement", "Limb movement (left)", "PLM", "Sleep stage 2" …).

import type { SeriesRole } from "./series.js";
import { isSleepLabel } from "./sleep.js";

/** Whether a label names a leg movement ("LM", "Leg movement", "Limb movement (left)", "PLM"). */
export function isLmLabel(label: string): boolean {
  return /^\s*p?lms?\b|\b(leg|limb)\s+movement/i.test(label);
}

/**
 * Whether a label that is not an LM names some other movement (which breaks a periodic series),
 * as opposed to a sleep stage, an arousal, a respiratory event and the like (which do not).
 */
function isOtherMovementLabel(label: string): boolean {
  // "Movement time" is a sleep-scoring epoch (sleep.ts), not a movement.
  return !isLmLabel(label) && !isSleepLabel(label) && /mov|jerk|turn|rub|fidget|twitch|myoclon|kick|restless/i.test(label);
}

export function isMovementLabel(label: string): boolean {
  return isLmLabel(label) || isOtherMovementLabel(label);
}

/** What a labelled item is to the series rule. */
export function seriesRole(label: string): SeriesRole {
  return isLmLabel(label) ? "LM" : isOtherMovementLabel(label) ? "movement" : "none";
}

/**
 * Movements that the scoring rules neither count as LMs nor as false alarms when the firmware
 * takes them for one: a rubbing train's bursts and a fidget are short, rhythmic or tiny, and a
 * scorer could call some of them either way. Firmware LMs on them are reported apart.
 */
export const DONT_CARE_LABELS: ReadonlySet<string> = new Set(["RUB", "FIDGET"]);
