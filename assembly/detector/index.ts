// The restlessness detector: one accelerometer sample in, events out, restlessness recognised.
// Four small stages, each a state plus an update per sample (or per movement):
//   activity.ts  smoothing, adaptive rest level and noise floor (motor-aware)  → activity
//   movement.ts  onset/offset hysteresis, 0.5 s quiet rule, posture change,
//                under the motor: an LM must turn gravity (norm kept)          → MOVE_START/END
//   series.ts    periodic series (WASM 2016), LM and PLM counts                → SERIES
//   restless.ts  dense irregular movement at rest (RLS episode)                → RESTLESS 2
// O(1) work and fixed state per sample; no allocation; every time is a u32 difference, so the
// 2^32 ms clock wrap is an ordinary moment.
//
// The scoring rules (WASM/IRLSSG 2016) as the device applies them: SHORT < 0.5 s, LM 0.5–10 s,
// LONG > 10 s; a periodic series is ≥ 4 LMs 10–90 s apart, broken by any non-LM movement (SHORT
// or LONG) in between, exactly as written (the host's copy: host/scoring/series.ts). One
// adaptation: a movement that leaves the foot resting in a new orientation is LONG whatever its
// duration — the rules exclude turning over as a voluntary change of position, and the
// accelerometer sees that change directly as a new gravity projection (docs/night-model.md).

import { EVENT_RESTLESS, RESTLESS_DENSE, RESTLESS_PERIODIC } from "../abi";
import { logEvent } from "../log";
import { activityReset, activitySample } from "./activity";
import { movementEndedOffset, movementEndedOnset, movementReset, movementSample,
  movementSetSensitivity } from "./movement";
import { restlessMovement, restlessReset, restlessSetSensitivity } from "./restless";
import { seriesClearCounts, seriesLmCount, seriesMovement, seriesPlmCount, seriesReset } from "./series";

/**
 * Starts detection afresh (power-on, a clock jump, a new sample rate or sensitivity): the rest
 * level and noise floor are learnt again from the next samples. The counts stay.
 */
export function detectorReset(now_ms: u32, sample_period_ms: u32, sensitivity: i32): void {
  activityReset(sample_period_ms);
  movementReset(now_ms, sample_period_ms, sensitivity);
  seriesReset();
  restlessReset(sensitivity);
}

/** Clears the counters (power-on only; a detector reset keeps them). */
export function detectorClearCounts(): void {
  seriesClearCounts();
}

/** SENSITIVITY 1 (fewest false alarms) … 5 (fewest misses); takes effect at the next sample. */
export function detectorSetSensitivity(sensitivity: i32): void {
  movementSetSensitivity(sensitivity);
  restlessSetSensitivity(sensitivity);
}

/**
 * One plausible sample; `motor_permille` is the vibration duty in effect. Returns a RESTLESS_*
 * reason when restlessness is recognised at this sample, else 0.
 */
@inline export function detectorSample(now_ms: u32, x_mg: i32, y_mg: i32, z_mg: i32, motor_permille: i32): i32 {
  activitySample(x_mg, y_mg, z_mg, motor_permille);
  const cls = movementSample(now_ms);
  return cls == 0 ? 0 : movementEnded(now_ms, cls);
}

/** A movement of class `cls` ended at this sample: the series and dense-movement stages. */
function movementEnded(now_ms: u32, cls: i32): i32 {
  const onset_ms = movementEndedOnset();
  const periodic = seriesMovement(now_ms, cls, onset_ms);
  const dense = restlessMovement(now_ms, cls, onset_ms, movementEndedOffset());
  if (periodic) {
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
