// Closed-loop heating of the pad toward its target: a PI controller on the thermistor reading,
// in integers so every runtime computes the same duty. Safety limits are not its job: the
// thermal supervisor can veto its output at any time.

/** Full duty at this many centi-°C below target; proportionally less closer in. */
export const PROPORTIONAL_BAND_CDEG: i32 = 200;
/** The integral only learns inside this band, so the warm-up cannot wind it up into an overshoot. */
export const INTEGRAL_BAND_CDEG: i32 = 100;
/** Integral gain: permille of duty per (centi-°C · s) of error, as a divisor. */
export const INTEGRAL_DIVISOR: i32 = 40;
/** The integral never holds more than this duty, permille. */
export const INTEGRAL_MAX_PERMILLE: i32 = 700;

/** Integral term in milli-permille, so small errors still accumulate. */
let integral_mpermille: i32 = 0;

export function heaterReset(): void {
  integral_mpermille = 0;
}

/** Heater duty for a reading of `pad_cdeg` toward `target_cdeg`, `dt_ms` after the last one. */
export function heaterControl(pad_cdeg: i32, target_cdeg: i32, dt_ms: u32): i32 {
  const error_cdeg = target_cdeg - pad_cdeg;
  const dt = <i32>min<u32>(dt_ms, 2000);
  if (error_cdeg < INTEGRAL_BAND_CDEG && error_cdeg > -INTEGRAL_BAND_CDEG) {
    // error · dt / divisor: milli-permille per cdeg·ms / 1000 = permille per cdeg·s.
    integral_mpermille += error_cdeg * dt / INTEGRAL_DIVISOR;
  }
  if (integral_mpermille < 0) integral_mpermille = 0;
  if (integral_mpermille > INTEGRAL_MAX_PERMILLE * 1000) integral_mpermille = INTEGRAL_MAX_PERMILLE * 1000;
  let duty = error_cdeg * 1000 / PROPORTIONAL_BAND_CDEG + integral_mpermille / 1000;
  if (pad_cdeg >= target_cdeg) duty = min(duty, integral_mpermille / 1000);
  return duty < 0 ? 0 : duty > 1000 ? 1000 : duty;
}
