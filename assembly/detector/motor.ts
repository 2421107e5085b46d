// Stage 0 of the detector: what the massage motor does at this sample — its duty band, and
// whether it runs or ran lately. The motor's aliased vibration depends on its speed, i.e. on the
// duty, so every motor-aware stage downstream keys on the band; its traces (the rest level learnt
// under it, the averages' windows, its own run-down) outlast it, hence "recent".

import { periodAtLeast1 } from "./fixed";

/**
 * Motor duty bands: duty >> MOTOR_BAND_SHIFT (64 bands of 16 ‰). The alias frequency moves ~3 Hz
 * per band at full speed: narrow enough that only the bands near a DC crossing of the alias
 * learn a high floor (with 32 ‰ bands every band held one at 25 Hz).
 */
const MOTOR_BAND_SHIFT: i32 = 4;
export const MOTOR_BANDS: i32 = 64;
/** The motor counts as recent this long after it stopped, ms. */
const MOTOR_RECENT_MS: u32 = 1_000;
/** motor.off_samples saturates here, far above any use. */
const MOTOR_OFF_MAX: i32 = 0x3fffffff;

/** Everything this stage keeps between samples. */
namespace motor {
  /** Duty band of the last sample, -1 with the motor off. */
  export let band: i32 = -1;
  /** Samples since the motor last ran (saturating). */
  export let off_samples: i32 = MOTOR_OFF_MAX;
  /** MOTOR_RECENT_MS in samples. */
  export let recent_samples: i32 = 50;
}

export function motorReset(sample_period_ms: u32): void {
  motor.band = -1;
  motor.off_samples = MOTOR_OFF_MAX;
  motor.recent_samples = <i32>(MOTOR_RECENT_MS / periodAtLeast1(sample_period_ms));
}

/** One sample's motor duty, permille; returns the band of the sample before. */
@inline export function motorUpdate(motor_permille: i32): i32 {
  const before = motor.band;
  const band = motor_permille > 0 ? min(motor_permille >> MOTOR_BAND_SHIFT, MOTOR_BANDS - 1) : -1;
  motor.band = band;
  motor.off_samples = band < 0 ? motor.off_samples + <i32>(motor.off_samples < MOTOR_OFF_MAX) : 0;
  return before;
}

/** Duty band of the last sample, -1 when the motor was off. */
@inline export function motorBand(): i32 {
  return motor.band;
}

/** The motor runs (the last sample was taken with a duty > 0). */
@inline export function motorOn(): bool {
  return motor.band >= 0;
}

/** The motor runs, or ran within the last MOTOR_RECENT_MS. */
@inline export function motorRecent(): bool {
  return motor.off_samples <= motor.recent_samples;
}
