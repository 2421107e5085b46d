// Stage 7 of the detector: periodic series of leg movements (WASM/IRLSSG 2016). At least 4
// consecutive LMs with onset-to-onset intervals of 10–90 s make a series; an interval outside
// that range, or any non-LM movement in between (SHORT — a hypnic jerk, a fidget — as well as
// LONG — turning over, a rubbing train), breaks it. The host's copy of this rule is
// host/scoring/series.ts. PLM_COUNT counts the LMs in series: when a series reaches 4, all 4
// count at once, then each further one.

import { MOVE_CLASS_LM } from "../abi";
import { elapsedMs } from "../clock";

export const SERIES_MIN_LMS: i32 = 4;
export const SERIES_MIN_INTERVAL_MS: u32 = 10_000;
export const SERIES_MAX_INTERVAL_MS: u32 = 90_000;

/** Everything this stage keeps between movements. */
namespace series {
  /** LMs in the current run (0: none yet, or broken). */
  export let run: i32 = 0;
  export let last_onset_ms: u32 = 0;
  /** Sum of the run's onset-to-onset intervals, ms (u64: a long series cannot overflow it). */
  export let interval_sum_ms: u64 = 0;
  /** Since power-on (a detector reset keeps them). */
  export let lm_count: i32 = 0;
  export let plm_count: i32 = 0;
}

/** Forgets the current run (the counts stay). */
export function seriesReset(): void {
  series.run = 0;
  series.interval_sum_ms = 0;
}

export function seriesClearCounts(): void {
  series.plm_count = 0;
  series.lm_count = 0;
}

/**
 * A movement of class `cls` with onset `onset_ms` ended. Returns the LMs in the periodic series
 * it continues (≥ SERIES_MIN_LMS: a SERIES event; exactly SERIES_MIN_LMS: restlessness by
 * periodic movement), else 0.
 */
export function seriesMovement(cls: i32, onset_ms: u32): i32 {
  if (cls != MOVE_CLASS_LM) {
    // A non-LM movement of any length in between breaks the series.
    series.run = 0;
    return 0;
  }
  series.lm_count++;
  const interval_ms = elapsedMs(onset_ms, series.last_onset_ms);
  series.last_onset_ms = onset_ms;
  if (series.run > 0 && interval_ms >= SERIES_MIN_INTERVAL_MS && interval_ms <= SERIES_MAX_INTERVAL_MS) {
    series.run++;
    series.interval_sum_ms += interval_ms;
  } else {
    series.run = 1;
    series.interval_sum_ms = 0;
  }
  if (series.run < SERIES_MIN_LMS) return 0;
  series.plm_count += series.run == SERIES_MIN_LMS ? SERIES_MIN_LMS : 1;
  return series.run;
}

/** Mean onset-to-onset interval of the current run, ms (run ≥ 2). */
export function seriesMeanIntervalMs(): i32 {
  return <i32>(series.interval_sum_ms / <u64>(series.run - 1));
}

export function seriesLmCount(): i32 {
  return series.lm_count;
}

export function seriesPlmCount(): i32 {
  return series.plm_count;
}
