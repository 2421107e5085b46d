// The night in numbers, like the first page of a sleep-lab report: what the firmware's event log
// says happened, put on the night's own time axis (ms from the first sample), and, when the
// record carries scored or simulated movements, how well the firmware agrees with them.
// Pure: the same record always gives the same summary.

import { EVENT, FAULT, MOVE_CLASS, RESTLESS_REASON, SESSION_CAUSE, SESSION_END_REASON, nameOf } from "../abi.js";
import type { LabelledMovement, NightRecord } from "../record.js";
import { offsetMs } from "../record.js";
import { periodicSeries } from "../scoring/series.js";

/** Periodic-series rule (WASM/IRLSSG 2016): ≥ 4 LMs, onset-to-onset 10 … 90 s (host/scoring/series.ts). */
export { SERIES_MAX_INTERVAL_MS, SERIES_MIN_INTERVAL_MS, SERIES_MIN_LMS } from "../scoring/series.js";
/** A firmware LM matches a labelled LM when the onsets are this close, or the intervals overlap. */
export const MATCH_ONSET_TOLERANCE_MS = 1000;

export type MoveClass = "LM" | "SHORT" | "LONG";

/** One movement the firmware detected (MOVE_START paired with its MOVE_END). */
export interface Movement {
  onset_ms: number;
  duration_ms: number;
  cls: MoveClass;
  /** MOVE_START time minus estimated onset, ms. */
  latency_ms: number;
}

/** One periodic series, from the onset of its first LM to the end of its last. */
export interface Series {
  start_ms: number;
  end_ms: number;
  lm_count: number;
  mean_interval_ms: number;
}

export interface Restlessness {
  at_ms: number;
  reason: "periodic" | "dense";
}

export interface Session {
  start_ms: number;
  /** Null when the night ended with the session still running. */
  end_ms: number | null;
  cause: "auto" | "button" | string;
  planned_s: number;
  /** Elapsed seconds the firmware reported at the end (or up to the end of the night). */
  elapsed_s: number;
  end_reason: "completed" | "button" | "fault" | "other" | "still running" | string;
  /** From the end of this session to the next RESTLESS event, ms; null if none followed. */
  to_next_restless_ms: number | null;
}

export interface Fault {
  start_ms: number;
  /** Null when it never cleared during the night. */
  end_ms: number | null;
  code: number;
  name: string;
  detail: number;
}

/** How the firmware's LMs compare with the labelled ones (the matching rule is MATCH_RULE). */
export interface Agreement {
  labelled_lms: number;
  detected_lms: number;
  matched: number;
  /** matched / labelled LMs; null when there are none. */
  sensitivity: number | null;
  /** matched / detected LMs (positive predictive value); null when either count is 0. */
  ppv: number | null;
  /** Median |onset difference| of the matched pairs, ms. */
  median_onset_error_ms: number | null;
  /** PLM index of the labelled movements (periodic flags, or the series rule applied to them). */
  labelled_plm_index: number;
  /** For every movement label in the truth: how many there were and what the firmware made of them. */
  by_label: { label: string; count: number; as_lm: number; as_short: number; as_long: number; missed: number }[];
  /** Pairs (index into movements, index into truth), for the timeline. */
  pairs: [number, number][];
  /** Indexes into truth of labelled LMs that no firmware LM matched. */
  missed: number[];
  /** Indexes into movements of firmware LMs that matched no labelled LM. */
  false_lms: number[];
}

export interface NightSummary {
  source: string;
  start_minute_of_day: number;
  /** The whole record: the device was on and worn, the nearest thing to time in bed it knows. */
  time_in_bed_ms: number;
  movements: Movement[];
  lm_count: number;
  short_count: number;
  long_count: number;
  /** LMs that belong to a periodic series. */
  plm_count: number;
  /** LMs per hour in bed. */
  lm_index: number;
  /** PLMs per hour in bed (the device does not stage sleep, so not per hour of sleep). */
  plm_index: number;
  series: Series[];
  restless: Restlessness[];
  sessions: Session[];
  session_minutes: number;
  /** Median over the sessions that were followed by restlessness, ms. */
  median_to_next_restless_ms: number | null;
  faults: Fault[];
  restarts: number;
  agreement: Agreement | null;
}

export const PLM_INDEX_DENOMINATOR =
  "PLMs per hour in bed (the whole recording): the device does not stage sleep, so this is not the " +
  "PSG PLMS index per hour of sleep and reads lower when wake time is long.";

export const MATCH_RULE =
  `A firmware LM and a labelled LM match when their onsets are within ${MATCH_ONSET_TOLERANCE_MS / 1000} s ` +
  "or their intervals [onset, onset + duration] overlap; each is used at most once, closest onsets first. " +
  "Sensitivity = matched / labelled LMs, PPV = matched / firmware LMs.";

const HOUR_MS = 3_600_000;

function clsName(b: number): MoveClass {
  return b === MOVE_CLASS.SHORT ? "SHORT" : b === MOVE_CLASS.LONG ? "LONG" : "LM";
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Movements from MOVE_START / MOVE_END pairs. A MOVE_END without a start gets its onset from its duration. */
export function movementsOf(record: NightRecord): Movement[] {
  const out: Movement[] = [];
  let start: { onset_ms: number; latency_ms: number } | null = null;
  for (const e of record.events) {
    if (e.kind === EVENT.MOVE_START) {
      start = { onset_ms: offsetMs(record, e.a), latency_ms: (e.now_ms - e.a) >>> 0 };
    } else if (e.kind === EVENT.MOVE_END) {
      const duration_ms = e.a >>> 0;
      const onset_ms = start ? start.onset_ms : Math.max(0, offsetMs(record, e.now_ms) - duration_ms);
      out.push({ onset_ms, duration_ms, cls: clsName(e.b), latency_ms: start ? start.latency_ms : 0 });
      start = null;
    }
  }
  return out;
}

/**
 * Series from the SERIES events: a count that does not grow starts a new series. A series of n
 * covers the last n LMs with an onset at or before the event.
 */
export function seriesOf(record: NightRecord, movements: Movement[]): Series[] {
  const lms = movements.filter((m) => m.cls === "LM");
  const out: Series[] = [];
  let current: Series | null = null;
  let last = 0;
  for (const e of record.events) {
    if (e.kind !== EVENT.SERIES) continue;
    const at = offsetMs(record, e.now_ms);
    const n = Math.max(1, e.a);
    let k = lms.length;
    while (k > 0 && lms[k - 1].onset_ms > at) k--;
    const members = lms.slice(Math.max(0, k - n), k);
    const first = members[0];
    const lastLm = members[members.length - 1];
    const span = {
      start_ms: first ? first.onset_ms : at,
      end_ms: lastLm ? lastLm.onset_ms + lastLm.duration_ms : at,
      lm_count: n,
      mean_interval_ms: e.b,
    };
    if (current && n > last) {
      current.end_ms = Math.max(current.end_ms, span.end_ms);
      current.lm_count = n;
      current.mean_interval_ms = e.b;
    } else {
      current = span;
      out.push(current);
    }
    last = n;
  }
  return out;
}

/** Whether an annotation's text names a leg movement ("LM", "Leg movement", "Limb movement (left)", "PLM"). */
export function isLmLabel(label: string): boolean {
  return /^\s*p?lms?\b|\b(leg|limb)\s+movement/i.test(label);
}

/**
 * Whether a label that is not an LM names some other movement (which breaks a periodic series),
 * as opposed to a sleep stage, an arousal, a respiratory event and the like (which do not).
 */
export function isOtherMovementLabel(label: string): boolean {
  return !isLmLabel(label) && /mov|jerk|turn|rub|fidget|twitch|myoclon|kick|restless/i.test(label);
}

/**
 * The series rule applied to labelled movements, for truth without periodic flags: LMs in runs of
 * ≥ 4 with onset-to-onset 10 … 90 s; any other labelled movement in between breaks the run
 * (annotations that are not movements, such as sleep stages, do not).
 */
export function periodicFlags(truth: LabelledMovement[]): boolean[] {
  return periodicSeries(truth.map((t) => ({ onset_ms: t.onset_ms,
    role: isLmLabel(t.label) ? "LM" : isOtherMovementLabel(t.label) ? "movement" : "none" }))).periodic;
}

/** One-to-one matching of firmware movements (indexes `a`) to labelled ones (indexes `b`), closest onsets first. */
function match(movements: Movement[], a: number[], truth: LabelledMovement[], b: number[]): [number, number][] {
  const candidates: [number, number, number][] = [];
  // Both lists are short enough (a night has hundreds of movements) but keep it near-linear anyway:
  // only labelled movements whose onset lies within a window of the firmware onset are looked at.
  const sortedB = [...b].sort((x, y) => truth[x].onset_ms - truth[y].onset_ms);
  const maxDuration = Math.max(0, ...b.map((j) => truth[j].duration_ms), ...a.map((i) => movements[i].duration_ms));
  for (const i of a) {
    const m = movements[i];
    const lo = m.onset_ms - maxDuration - MATCH_ONSET_TOLERANCE_MS;
    const hi = m.onset_ms + m.duration_ms + MATCH_ONSET_TOLERANCE_MS;
    let k = lowerBound(sortedB, (j) => truth[j].onset_ms >= lo);
    for (; k < sortedB.length && truth[sortedB[k]].onset_ms <= hi; k++) {
      const j = sortedB[k];
      const t = truth[j];
      const diff = Math.abs(m.onset_ms - t.onset_ms);
      const overlap = m.onset_ms < t.onset_ms + t.duration_ms && t.onset_ms < m.onset_ms + m.duration_ms;
      if (diff <= MATCH_ONSET_TOLERANCE_MS || overlap) candidates.push([diff, i, j]);
    }
  }
  candidates.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [, i, j] of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

function lowerBound<T>(items: T[], ok: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(items[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Agreement of the firmware's movements with labelled ones. */
export function agreementOf(movements: Movement[], truth: LabelledMovement[], time_in_bed_ms: number): Agreement {
  const fwLm = movements.map((m, i) => (m.cls === "LM" ? i : -1)).filter((i) => i >= 0);
  const truthLm = truth.map((t, j) => (isLmLabel(t.label) ? j : -1)).filter((j) => j >= 0);
  const pairs = match(movements, fwLm, truth, truthLm);
  const matchedA = new Set(pairs.map(([i]) => i));
  const matchedB = new Set(pairs.map(([, j]) => j));

  // What the firmware made of every labelled movement: any class, one-to-one, closest first.
  const all = match(movements, movements.map((_, i) => i), truth, truth.map((_, j) => j));
  const asClass = new Map(all.map(([i, j]) => [j, movements[i].cls]));
  const labels = new Map<string, { label: string; count: number; as_lm: number; as_short: number; as_long: number; missed: number }>();
  truth.forEach((t, j) => {
    // Only movements: a sleep stage overlapping a twitch says nothing about the twitch.
    if (!isLmLabel(t.label) && !isOtherMovementLabel(t.label)) return;
    const row = labels.get(t.label) ?? { label: t.label, count: 0, as_lm: 0, as_short: 0, as_long: 0, missed: 0 };
    row.count++;
    const cls = asClass.get(j);
    if (cls === "LM") row.as_lm++;
    else if (cls === "SHORT") row.as_short++;
    else if (cls === "LONG") row.as_long++;
    else row.missed++;
    labels.set(t.label, row);
  });

  const hasFlags = truth.some((t) => t.periodic !== undefined);
  const flags = hasFlags ? truth.map((t) => t.periodic === true && isLmLabel(t.label)) : periodicFlags(truth);
  const hours = time_in_bed_ms / HOUR_MS;
  return {
    labelled_lms: truthLm.length,
    detected_lms: fwLm.length,
    matched: pairs.length,
    sensitivity: truthLm.length ? pairs.length / truthLm.length : null,
    // Without any labelled LM (e.g. annotations that are only sleep stages) there is nothing to
    // be right or wrong against: no PPV rather than 0 %.
    ppv: fwLm.length && truthLm.length ? pairs.length / fwLm.length : null,
    median_onset_error_ms: median(pairs.map(([i, j]) => Math.abs(movements[i].onset_ms - truth[j].onset_ms))),
    labelled_plm_index: hours > 0 ? flags.filter(Boolean).length / hours : 0,
    by_label: [...labels.values()].sort((x, y) => y.count - x.count || x.label.localeCompare(y.label)),
    pairs,
    missed: truthLm.filter((j) => !matchedB.has(j)),
    false_lms: fwLm.filter((i) => !matchedA.has(i)),
  };
}

export function summarize(record: NightRecord): NightSummary {
  const time_in_bed_ms = record.duration_ms;
  const hours = time_in_bed_ms / HOUR_MS;
  const movements = movementsOf(record);
  const series = seriesOf(record, movements);
  const restless: Restlessness[] = [];
  const sessions: Session[] = [];
  const faults: Fault[] = [];
  let open: Session | null = null;
  const openFaults = new Map<number, Fault>();
  for (const e of record.events) {
    const at = offsetMs(record, e.now_ms);
    switch (e.kind) {
      case EVENT.RESTLESS:
        restless.push({ at_ms: at, reason: e.a === RESTLESS_REASON.PERIODIC ? "periodic" : "dense" });
        break;
      case EVENT.SESSION_START:
        open = { start_ms: at, end_ms: null, cause: nameOf(SESSION_CAUSE, e.a).toLowerCase(), planned_s: e.b,
          elapsed_s: 0, end_reason: "still running", to_next_restless_ms: null };
        sessions.push(open);
        break;
      case EVENT.SESSION_END:
        if (open) {
          open.end_ms = at;
          open.elapsed_s = e.b;
          open.end_reason = nameOf(SESSION_END_REASON, e.a).toLowerCase();
          open = null;
        }
        break;
      case EVENT.FAULT: {
        const fault = { start_ms: at, end_ms: null, code: e.a, name: nameOf(FAULT, e.a), detail: e.b };
        faults.push(fault);
        openFaults.set(e.a, fault);
        break;
      }
      case EVENT.FAULT_CLEAR: {
        const fault = openFaults.get(e.a);
        if (fault) { fault.end_ms = at; openFaults.delete(e.a); }
        break;
      }
    }
  }
  if (open) open.elapsed_s = Math.floor((time_in_bed_ms - open.start_ms) / 1000);
  for (const s of sessions) {
    if (s.end_ms === null) continue;
    const next = restless.find((r) => r.at_ms >= s.end_ms!);
    s.to_next_restless_ms = next ? next.at_ms - s.end_ms : null;
  }
  const lm_count = movements.filter((m) => m.cls === "LM").length;
  const plm_count = series.reduce((n, s) => n + s.lm_count, 0);
  return {
    source: record.source,
    start_minute_of_day: record.start_minute_of_day,
    time_in_bed_ms,
    movements,
    lm_count,
    short_count: movements.filter((m) => m.cls === "SHORT").length,
    long_count: movements.filter((m) => m.cls === "LONG").length,
    plm_count,
    lm_index: hours > 0 ? lm_count / hours : 0,
    plm_index: hours > 0 ? plm_count / hours : 0,
    series,
    restless,
    sessions,
    session_minutes: sessions.reduce((n, s) => n + s.elapsed_s, 0) / 60,
    median_to_next_restless_ms: median(sessions.flatMap((s) => (s.to_next_restless_ms === null ? [] : [s.to_next_restless_ms]))),
    faults,
    restarts: record.restarts?.length ?? 0,
    agreement: record.truth && record.truth.length > 0 ? agreementOf(movements, record.truth, time_in_bed_ms) : null,
  };
}
