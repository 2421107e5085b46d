// What the motor does during a session: intensity levels that feel evenly spaced, and a slow
// "breathing" wave on top so the massage is never a flat buzz.

/**
 * Motor duty for intensity 1…9, permille. Felt vibration strength grows roughly with the
 * logarithm of amplitude, so each level is the previous one times 2^(1/4): nine even steps from
 * 250 ‰ (the lowest duty the motor runs smoothly at) to full duty.
 */
const LEVEL_DUTY_PERMILLE: StaticArray<i32> = [0, 250, 297, 354, 420, 500, 595, 707, 841, 1000];

/** One breath of the wave: the duty swells and eases back over this period. */
export const WAVE_PERIOD_MS: u32 = 6400;
const WAVE_STEP_MS: u32 = 200;
/**
 * Wave gain over one period in 200 ms steps, permille: 800 + 200·(1 − cos)/2, a raised cosine
 * between 80 % and 100 % of the level's duty. The first entry repeats at the end so
 * interpolation never reads past the table.
 */
const WAVE_GAIN_PERMILLE: StaticArray<i32> = [
  800, 802, 808, 817, 829, 844, 862, 880, 900, 920, 938, 956, 971, 983, 992, 998,
  1000, 998, 992, 983, 971, 956, 938, 920, 900, 880, 862, 844, 829, 817, 808, 802, 800,
];

/** Duty of intensity `level` (clamped to 1…9), permille. */
export function levelDuty(level: i32): i32 {
  const l = level < 1 ? 1 : level > 9 ? 9 : level;
  return unchecked(LEVEL_DUTY_PERMILLE[l]);
}

/**
 * Duty of intensity `level` scaled by a ramp `envelope_permille` (0…1000), in perceptual steps:
 * the ramp moves through the levels (1 + (level − 1)·envelope) rather than scaling the duty, so
 * it feels even, and the motor never runs below level 1, the slowest duty at which it runs
 * smoothly (a linear duty ramp would spend its last part stuttering). Envelope 0 is off.
 */
export function rampDuty(level: i32, envelope_permille: i32): i32 {
  if (envelope_permille <= 0) return 0;
  const l = level < 1 ? 1 : level > 9 ? 9 : level;
  const e = envelope_permille > 1000 ? 1000 : envelope_permille;
  // Position in milli-levels above level 1: 0 … 8000.
  const x = (l - 1) * e;
  const below = 1 + x / 1000;
  const frac = x % 1000;
  if (below >= 9) return unchecked(LEVEL_DUTY_PERMILLE[9]);
  const d0 = unchecked(LEVEL_DUTY_PERMILLE[below]);
  const d1 = unchecked(LEVEL_DUTY_PERMILLE[below + 1]);
  return d0 + (d1 - d0) * frac / 1000;
}

/** Wave gain at `t_ms` into the session, permille (800…1000), linearly interpolated. */
export function waveGain(t_ms: u32): i32 {
  const phase_ms = t_ms % WAVE_PERIOD_MS;
  const index = <i32>(phase_ms / WAVE_STEP_MS);
  const frac = <i32>(phase_ms % WAVE_STEP_MS);
  const g0 = unchecked(WAVE_GAIN_PERMILLE[index]);
  const g1 = unchecked(WAVE_GAIN_PERMILLE[index + 1]);
  return g0 + (g1 - g0) * frac / <i32>WAVE_STEP_MS;
}
