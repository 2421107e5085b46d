// The figures a detector change is judged by, per night and pooled over nights, from the night
// summary (host/report/summary.ts) and so by the one matching rule (host/scoring/matching.ts):
// sensitivity and PPV against the labelled movements, the PLM index per hour in bed, the onset
// latency (labelled onset → MOVE_START, as `npm run eval` measures it), and the sessions.


import type { NightRecord } from "../record.js";
import { quantile } from "../scoring/nightScore.js";
import { summarize } from "../report/summary.js";

export interface NightFigures {
  events: number;
  /** Null without labelled movements. */
  labelled_lms: number | null;
  firmware_lms: number;
  matched: number;
  latencies_ms: number[];
  plm_count: number;
  hours_in_bed: number;
  sessions: number;
  auto_sessions: number;
  faults: number;
  /** Events per kind. */
  by_kind: Map<number, number>;
}

export function nightFigures(record: NightRecord): NightFigures {
  const s = summarize(record);
  const a = s.agreement;
  const truth = record.truth ?? [];
  const by_kind = new Map<number, number>();
  for (const e of record.events) by_kind.set(e.kind, (by_kind.get(e.kind) ?? 0) + 1);
  return {
    events: record.events.length,
    labelled_lms: a && a.labelled_lms > 0 ? a.labelled_lms : null,
    firmware_lms: a ? a.detected_lms : s.lm_count,
    matched: a ? a.matched : 0,
    latencies_ms: a ? a.pairs.map(([i, j]) => s.movements[i].onset_ms + s.movements[i].latency_ms - truth[j].onset_ms) : [],
    plm_count: s.plm_count,
    hours_in_bed: s.time_in_bed_ms / 3_600_000,
    sessions: s.sessions.length,
    auto_sessions: s.sessions.filter((x) => x.cause === "auto").length,
    faults: s.faults.length,
    by_kind,
  };
}

/** Figures pooled over nights: counts summed, ratios of the sums, latency quantiles of all pairs. */
export interface PooledFigures {
  nights: number;
  labelled_lms: number;
  firmware_lms: number;
  /** Null when no night had labelled LMs (or, for PPV, when the firmware found none). */
  sensitivity: number | null;
  ppv: number | null;
  plm_index: number;
  latency_median_ms: number | null;
  latency_p95_ms: number | null;
  sessions: number;
  auto_sessions: number;
  faults: number;
  events: number;
}

export function pool(nights: NightFigures[]): PooledFigures {
  const sum = (f: (n: NightFigures) => number) => nights.reduce((x, n) => x + f(n), 0);
  const labelled = nights.filter((n) => n.labelled_lms !== null);
  const labelled_lms = labelled.reduce((x, n) => x + n.labelled_lms!, 0);
  const judged = labelled.reduce((x, n) => x + n.firmware_lms, 0);
  const matched = labelled.reduce((x, n) => x + n.matched, 0);
  const lat = nights.flatMap((n) => n.latencies_ms);
  const hours = sum((n) => n.hours_in_bed);
  return {
    nights: nights.length,
    labelled_lms,
    firmware_lms: sum((n) => n.firmware_lms),
    sensitivity: labelled_lms > 0 ? matched / labelled_lms : null,
    ppv: labelled_lms > 0 && judged > 0 ? matched / judged : null,
    plm_index: hours > 0 ? sum((n) => n.plm_count) / hours : 0,
    latency_median_ms: lat.length ? quantile(lat, 0.5) : null,
    latency_p95_ms: lat.length ? quantile(lat, 0.95) : null,
    sessions: sum((n) => n.sessions),
    auto_sessions: sum((n) => n.auto_sessions),
    faults: sum((n) => n.faults),
    events: sum((n) => n.events),
  };
}

