// The night in numbers, like the first page of a sleep-lab report: what the firmware's event log
// says happened, put on the night's own time axis (ms from the first sample), and, when the
// record carries scored or simulated movements, how well the firmware agrees with them.
// Pure: the same record always gives the same summary.

import { EVENT, FAULT, RESTLESS_REASON, SESSION_CAUSE, SESSION_END_REASON, nameOf } from "../abi.js";
import type { LabelledMovement, NightRecord } from "../record.js";
import { offsetMs } from "../record.js";
import { isLmLabel, isMovementLabel } from "../scoring/labels.js";
import { match } from "../scoring/matching.js";
import { type DetectedMovement, detectedMovements } from "../scoring/movements.js";
import { type SleepScoring, type Stage, asleepAt, inBed, isSleepLabel, sleepScoring } from "../scoring/sleep.js";
import { periodicFlags } from "../scoring/truth.js";

/** One periodic series, from the onset of its first LM to the end of its last. */
export interface Series {
  start_ms: number;
  end_ms: number;
  lm_count: number;
  mean_interval_ms: number;
  /** Onsets of its LMs (ms from the start), to count them in bed and in sleep. */
  lm_onsets_ms: number[];
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

/** How the firmware's LMs compare with the labelled ones (the rule: host/scoring/matching.ts). */
export interface Agreement {
  labelled_lms: number;
  /** Firmware LMs judged (those on rubbing or fidgets are left out). */
  detected_lms: number;
  matched: number;
  /** matched / labelled LMs; null when there are none. */
  sensitivity: number | null;
  /** matched / detected LMs (positive predictive value); null when either count is 0. */
  ppv: number | null;
  /** Median |onset difference| of the matched pairs, ms. */
  median_onset_error_ms: number | null;
  /** PLM index of the labelled movements in bed (periodic flags, or the series rule applied to them). */
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

/** Sleep as scored in the recording's annotations (host/scoring/sleep.ts). */
export interface SleepSummary {
  /** Sleep time within time in bed (N1, N2, N3, R), ms. */
  sleep_ms: number;
  /** Time per stage within time in bed, ms ("?" not scored, "MT" movement time). */
  stage_ms: Partial<Record<Stage, number>>;
  /** PLMs whose onset lies in sleep. */
  plms_count: number;
  /** PLMS index: PLMs in sleep per hour of sleep; null when no sleep was scored. */
  plms_index: number | null;
}

export interface NightSummary {
  source: string;
  start_ms_of_day: number;
  /** The whole recording, ms. */
  recording_ms: number;
  /**
   * Time in bed: from lights off to lights on when the recording's annotations mark them, else the
   * whole recording (the device was on and worn, the nearest thing to time in bed it knows).
   */
  in_bed: { from_ms: number; to_ms: number; by: "lights" | "recording" };
  time_in_bed_ms: number;
  /** Every movement the firmware reported, in or out of bed. */
  movements: DetectedMovement[];
  /** Counts and indexes from here on are of movements whose onset lies in time in bed. */
  lm_count: number;
  short_count: number;
  long_count: number;
  /** LMs that belong to a periodic series. */
  plm_count: number;
  /** LMs per hour in bed. */
  lm_index: number;
  /** PLMs per hour in bed. */
  plm_index: number;
  /** Sleep stages and the PLMS index, when the recording carries sleep-stage annotations. */
  sleep: SleepSummary | null;
  /** The scoring behind in_bed and sleep (hypnogram, lights), for charts. */
  scoring: SleepScoring;
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
  "PLMs per hour in bed (from lights off to lights on when the recording marks them, else the whole recording): " +
  "the device does not stage sleep, so this is not the PSG PLMS index per hour of sleep and reads lower when wake " +
  "time is long. When the recording carries sleep-stage annotations, the PLMS index (PLMs in N1, N2, N3 or R per " +
  "hour of those stages) stands beside it.";

const HOUR_MS = 3_600_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The firmware's movements in the record (host/scoring/movements.ts). */
export function movementsOf(record: NightRecord): DetectedMovement[] {
  return detectedMovements(record.events, record.clock0_ms);
}

/**
 * Series from the SERIES events: a count that does not grow starts a new series. A series of n
 * covers the last n LMs with an onset at or before the event.
 */
function seriesOf(record: NightRecord, movements: DetectedMovement[]): Series[] {
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
    const span: Series = {
      start_ms: first ? first.onset_ms : at,
      end_ms: lastLm ? lastLm.onset_ms + lastLm.duration_ms : at,
      lm_count: n,
      mean_interval_ms: e.b,
      lm_onsets_ms: members.map((m) => m.onset_ms),
    };
    if (current && n > last) {
      current.end_ms = Math.max(current.end_ms, span.end_ms);
      current.lm_count = n;
      current.mean_interval_ms = e.b;
      for (const t of span.lm_onsets_ms) if (t > current.lm_onsets_ms[current.lm_onsets_ms.length - 1]) current.lm_onsets_ms.push(t);
    } else {
      current = span;
      out.push(current);
    }
    last = n;
  }
  return out;
}

/** Agreement of the firmware's movements with labelled ones, by the one matching rule (host/scoring/matching.ts). */
export function agreementOf(movements: DetectedMovement[], truth: LabelledMovement[], time_in_bed_ms: number,
  in_bed?: { from_ms: number; to_ms: number }): Agreement {
  const m = match(movements, truth);
  const labels = new Map<string, { label: string; count: number; as_lm: number; as_short: number; as_long: number; missed: number }>();
  // What the firmware made of every labelled movement: the class of the first detection that belongs to it.
  const firstOwner = new Map<number, number>();
  m.owner.forEach((i, j) => { if (i >= 0 && !firstOwner.has(i)) firstOwner.set(i, j); });
  truth.forEach((t, j) => {
    // Only movements: a sleep stage overlapping a twitch says nothing about the twitch.
    if (!isMovementLabel(t.label)) return;
    const row = labels.get(t.label) ?? { label: t.label, count: 0, as_lm: 0, as_short: 0, as_long: 0, missed: 0 };
    row.count++;
    const owner = firstOwner.get(j);
    const cls = owner === undefined ? null : movements[owner].cls;
    if (cls === "LM") row.as_lm++;
    else if (cls === "SHORT") row.as_short++;
    else if (cls === "LONG") row.as_long++;
    else row.missed++;
    labels.set(t.label, row);
  });

  const hasFlags = truth.some((t) => t.periodic !== undefined);
  const flags = hasFlags ? truth.map((t) => t.periodic === true && isLmLabel(t.label)) : periodicFlags(truth);
  const hours = time_in_bed_ms / HOUR_MS;
  const found = m.pairs.length;
  return {
    labelled_lms: m.labelled_lms,
    detected_lms: m.detected_lms,
    matched: found,
    sensitivity: m.labelled_lms ? found / m.labelled_lms : null,
    // Without any labelled LM (e.g. annotations that are only sleep stages) there is nothing to
    // be right or wrong against: no PPV rather than 0 %.
    ppv: m.detected_lms && m.labelled_lms ? found / m.detected_lms : null,
    median_onset_error_ms: median(m.pairs.map(([i, j]) => Math.abs(movements[i].onset_ms - truth[j].onset_ms))),
    labelled_plm_index: hours > 0
      ? flags.filter((f, j) => f && (!in_bed || (truth[j].onset_ms >= in_bed.from_ms && truth[j].onset_ms < in_bed.to_ms))).length / hours
      : 0,
    by_label: [...labels.values()].sort((x, y) => y.count - x.count || x.label.localeCompare(y.label)),
    pairs: m.pairs,
    missed: m.missed,
    false_lms: m.false_lms,
  };
}

export function summarize(record: NightRecord): NightSummary {
  const scoring = sleepScoring(record.truth ?? [], record.duration_ms);
  const time_in_bed_ms = scoring.in_bed.to_ms - scoring.in_bed.from_ms;
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
  if (open) open.elapsed_s = Math.floor((record.duration_ms - open.start_ms) / 1000);
  for (const s of sessions) {
    if (s.end_ms === null) continue;
    const next = restless.find((r) => r.at_ms >= s.end_ms!);
    s.to_next_restless_ms = next ? next.at_ms - s.end_ms : null;
  }
  const bed = movements.filter((m) => inBed(scoring, m.onset_ms));
  const lm_count = bed.filter((m) => m.cls === "LM").length;
  const plmOnsets = series.flatMap((s) => s.lm_onsets_ms);
  const plm_count = plmOnsets.filter((t) => inBed(scoring, t)).length;
  let sleep: SleepSummary | null = null;
  if (scoring.sleep_ms !== null) {
    const plms_count = plmOnsets.filter((t) => asleepAt(scoring, t)).length;
    sleep = { sleep_ms: scoring.sleep_ms, stage_ms: scoring.stage_ms, plms_count,
      plms_index: scoring.sleep_ms > 0 ? plms_count / (scoring.sleep_ms / HOUR_MS) : null };
  }
  const truth = (record.truth ?? []).filter((t) => !isSleepLabel(t.label));
  return {
    source: record.source,
    start_ms_of_day: record.start_ms_of_day,
    recording_ms: record.duration_ms,
    in_bed: scoring.in_bed,
    time_in_bed_ms,
    movements,
    lm_count,
    short_count: bed.filter((m) => m.cls === "SHORT").length,
    long_count: bed.filter((m) => m.cls === "LONG").length,
    plm_count,
    lm_index: hours > 0 ? lm_count / hours : 0,
    plm_index: hours > 0 ? plm_count / hours : 0,
    sleep,
    scoring,
    series,
    restless,
    sessions,
    session_minutes: sessions.reduce((n, s) => n + s.elapsed_s, 0) / 60,
    median_to_next_restless_ms: median(sessions.flatMap((s) => (s.to_next_restless_ms === null ? [] : [s.to_next_restless_ms]))),
    faults,
    restarts: record.restarts?.length ?? 0,
    agreement: truth.length > 0 ? agreementOf(movements, record.truth!, time_in_bed_ms, scoring.in_bed) : null,
  };
}
