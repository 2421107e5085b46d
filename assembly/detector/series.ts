// Stage 3: periodic series of leg movements (WASM/IRLSSG 2016). At least 4 consecutive LMs with
// onset-to-onset intervals of 10–90 s make a series; an interval outside that range, or any
// non-LM movement in between (SHORT — a hypnic jerk, a fidget — as well as LONG — turning over,
// a rubbing train), breaks it. The host's copy of this rule is host/scoring/series.ts.
// PLM_COUNT counts the LMs in series: when a series reaches 4, all 4 count at once, then each
// further one.

import { EVENT_SERIES, MOVE_CLASS_LM } from "../abi";
import { elapsedMs } from "../clock";
import { logEvent } from "../log";

export const SERIES_MIN_LMS: i32 = 4;
export const SERIES_MIN_INTERVAL_MS: u32 = 10_000;
export const SERIES_MAX_INTERVAL_MS: u32 = 90_000;

/** LMs in the current run (0: none yet, or broken). */
let run: i32 = 0;
let last_onset_ms: u32 = 0;
/** Sum of the run's onset-to-onset intervals, ms (u64: a long series cannot overflow it). */
let interval_sum_ms: u64 = 0;
let plm_count: i32 = 0;
let lm_count: i32 = 0;

/** Forgets the current run (the counters stay). */
export function seriesReset(): void {
  run = 0;
  interval_sum_ms = 0;
}

export function seriesClearCounts(): void {
  plm_count = 0;
  lm_count = 0;
}

/**
 * A movement ended: its class and onset. Emits SERIES when the run is a series; returns true
 * when the run has just reached 4 LMs (restlessness by periodic movement).
 */
export function seriesMovement(now_ms: u32, cls: i32, onset_ms: u32): bool {
  if (cls != MOVE_CLASS_LM) {
    // A non-LM movement of any length in between breaks the series.
    run = 0;
    return false;
  }
  lm_count++;
  const interval_ms = elapsedMs(onset_ms, last_onset_ms);
  last_onset_ms = onset_ms;
  if (run > 0 && interval_ms >= SERIES_MIN_INTERVAL_MS && interval_ms <= SERIES_MAX_INTERVAL_MS) {
    run++;
    interval_sum_ms += interval_ms;
  } else {
    run = 1;
    interval_sum_ms = 0;
  }
  if (run < SERIES_MIN_LMS) return false;
  plm_count += run == SERIES_MIN_LMS ? SERIES_MIN_LMS : 1;
  logEvent(EVENT_SERIES, now_ms, run, <i32>(interval_sum_ms / <u64>(run - 1)));
  return run == SERIES_MIN_LMS;
}

export function seriesLmCount(): i32 {
  return lm_count;
}

export function seriesPlmCount(): i32 {
  return plm_count;
}
