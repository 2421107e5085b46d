// The periodic-series rule of the leg-movement scoring standard (WASM/IRLSSG 2016), once for the
// whole host side: the simulator's ground truth (sim/night.ts), the evaluation (through that
// truth) and the night report (report/summary.ts) all call this. The firmware has its own copy in
// assembly/detector/series.ts, pinned to this one by tests/host/night.test.ts and
// tests/assembly/detector.spec.ts.
//
// The rule, literally (WASM/IRLSSG 2016): a series is ≥ 4 consecutive LMs with onset-to-onset
// intervals of ≥ 10 s and ≤ 90 s. An interval < 10 s or > 90 s, or a non-LM movement in between
// (of any length: a 0.3 s jerk or fidget as well as turning over or a rubbing train), breaks it.
// Things that are not movements (a sleep stage, an arousal annotation) do not.

const SERIES_MIN_LMS = 4;
const SERIES_MIN_INTERVAL_MS = 10_000;
const SERIES_MAX_INTERVAL_MS = 90_000;

/** What an item is to the rule: a leg movement, another movement (breaks a series), or neither. */
export type SeriesRole = "LM" | "movement" | "none";

export interface SeriesItem {
  onset_ms: number;
  role: SeriesRole;
}

export interface SeriesResult {
  /** Per item: an LM that belongs to a periodic series. */
  periodic: boolean[];
  /** Index of the 4th LM of each series (the moment the series is recognised), in time order. */
  fourth: number[];
}

/**
 * Applies the series rule to `items` taken in onset order (ties keep their given order); the
 * result is indexed like `items`, whatever their order.
 */
export function periodicSeries(items: readonly SeriesItem[]): SeriesResult {
  const order = items.map((_, i) => i).sort((a, b) => items[a].onset_ms - items[b].onset_ms || a - b);
  const periodic = items.map(() => false);
  const fourth: number[] = [];
  let run: number[] = [];
  const close = () => {
    if (run.length >= SERIES_MIN_LMS) for (const i of run) periodic[i] = true;
    run = [];
  };
  for (const i of order) {
    const it = items[i];
    if (it.role === "movement") { close(); continue; }
    if (it.role !== "LM") continue;
    if (run.length > 0) {
      const interval = it.onset_ms - items[run[run.length - 1]].onset_ms;
      if (interval < SERIES_MIN_INTERVAL_MS || interval > SERIES_MAX_INTERVAL_MS) close();
    }
    run.push(i);
    if (run.length === SERIES_MIN_LMS) fourth.push(i);
  }
  close();
  return { periodic, fourth };
}
