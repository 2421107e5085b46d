// Time constants become shifts: a one-pole filter or envelope with a time constant of `ratio`
// samples is `y += (x − y) >> s`, with 2^s the power of two nearest to `ratio`.

/** log2 of the power of two nearest to `ratio` (≥ 1), at most `max_shift`. */
export function log2Nearest(ratio: u32, max_shift: i32): i32 {
  let s = 0;
  while (s < max_shift && (<u32>3 << s) < ratio * 2) s++; // 1.5·2^s < ratio → round up
  return s;
}
