// Fixed point and time constants, shared by the detector's stages. Accelerations inside the
// detector carry FRAC = 8 fractional bits (1/256 mg): ±16000 mg · 3 axes · 256 fits an i32 with
// room to spare. A time constant becomes a shift: a one-pole filter or envelope with a time
// constant of `ratio` samples is `y += (x − y) >> s`, with 2^s the power of two nearest `ratio`.

export const FRAC: i32 = 8;

/** log2 of the power of two nearest to `ratio` (≥ 1), at most `max_shift`. */
export function log2Nearest(ratio: u32, max_shift: i32): i32 {
  let s = 0;
  while (s < max_shift && (<u32>3 << s) < ratio * 2) s++; // 1.5·2^s < ratio → round up
  return s;
}

/** The sample period for the shifts: at least 1 ms. */
@inline export function periodAtLeast1(sample_period_ms: u32): u32 {
  return sample_period_ms < 1 ? 1 : sample_period_ms;
}
