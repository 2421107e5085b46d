// Time on the board's free-running u32 millisecond clock. Every duration is a u32 difference,
// never a comparison of two absolute times, so the 2^32 ms wrap is an ordinary moment.

/** Milliseconds from `since_ms` to `now_ms`, correct across the u32 wrap. */
@inline export function elapsedMs(now_ms: u32, since_ms: u32): u32 {
  return now_ms - since_ms;
}
