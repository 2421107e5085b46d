// Scores a night's event log against its ground truth, for `npm run eval`: LMs by the matching
// rule (matching.ts), latency (MOVE_START's `now` minus the true onset, for found LMs), jerks and
// turnings-over taken for LMs, the PLM count, and the auto-sessions.
// Auto-starts: a SESSION_START of cause 1 is justified when a ground-truth restlessness moment
// lies within [-5 s, +90 s] before it; otherwise it is false. The delay is measured for every
// truth moment at which the device was free to start (idle, auto-start on, cooldown over).

import { CONFIG, EVENT, SESSION_CAUSE } from "../abi.js";
import type { DeviceEvent } from "../eventLog.js";
import { match } from "./matching.js";
import { detectedMovements } from "./movements.js";
import type { LabelledNight } from "./truth.js";

/** One labelled night through the firmware, as the scoring needs it. */
export interface NightRun {
  plan: LabelledNight;
  sample_hz: number;
  /** Board clock at the night's start (u32 ms); event times are on this clock. */
  clock0_ms: number;
  events: DeviceEvent[];
  lm_count: number;
  plm_count: number;
}

export interface NightScore {
  true_lms: number;
  found_lms: number;
  detected_lms: number;
  true_positive_lms: number;
  dont_care_lms: number;
  latencies_ms: number[];
  jerks: number;
  jerks_as_lm: number;
  turns: number;
  turns_as_lm: number;
  true_plm: number;
  detected_plm: number;
  hours: number;
  auto_starts: number;
  false_auto_starts: number;
  /** Delay of the auto-start after each eligible periodic criterion, ms (Infinity: none came). */
  periodic_delays_ms: number[];
  /** Time from an RLS episode's first movement to the session start, ms (Infinity: none). */
  episode_delays_ms: number[];
}

const JUSTIFY_BEFORE_MS = 5_000;
const JUSTIFY_AFTER_MS = 90_000;

export function scoreNight(run: NightRun): NightScore {
  const truth = run.plan.truth;
  const detected = detectedMovements(run.events, run.clock0_ms);
  const m = match(detected, truth);
  const latencies_ms = m.pairs.map(([j, i]) => detected[j].onset_ms + detected[j].latency_ms - truth[i].onset_ms);
  const asLm = (label: string) => {
    const hit = new Set<number>();
    detected.forEach((d, j) => { if (d.cls === "LM" && m.owner[j] >= 0 && truth[m.owner[j]].label === label) hit.add(m.owner[j]); });
    return { n: truth.filter((t) => t.label === label).length, hit: hit.size };
  };
  const jerks = asLm("JERK");
  const turns = asLm("TURN");

  // Sessions, as offsets from the start.
  const rel = (now: number) => (now - run.clock0_ms) >>> 0;
  const autoStarts: number[] = [];
  const sessions: { start: number; end: number }[] = [];
  for (const e of run.events) {
    if (e.kind === EVENT.SESSION_START) {
      sessions.push({ start: rel(e.now_ms), end: Infinity });
      if (e.a === SESSION_CAUSE.AUTO) autoStarts.push(rel(e.now_ms));
    } else if (e.kind === EVENT.SESSION_END && sessions.length > 0) {
      sessions[sessions.length - 1].end = rel(e.now_ms);
    }
  }
  const restless = run.plan.restless;
  const false_auto_starts = autoStarts.filter((s) => !restless.some((r) => s - r.at_ms >= -JUSTIFY_BEFORE_MS && s - r.at_ms <= JUSTIFY_AFTER_MS)).length;
  const autoOn = (run.plan.config[CONFIG.AUTO_START] ?? 1) === 1;
  const cooldown_ms = (run.plan.config[CONFIG.AUTO_COOLDOWN_MIN] ?? 10) * 60_000;
  const eligible = (t: number) => autoOn && !sessions.some((s) => s.start <= t && t < s.end + cooldown_ms);
  const delayAfter = (t: number) => {
    const s = autoStarts.find((a) => a >= t - JUSTIFY_BEFORE_MS && a <= t + JUSTIFY_AFTER_MS);
    return s === undefined ? Infinity : s - t;
  };
  const periodic_delays_ms: number[] = [];
  const episode_delays_ms: number[] = [];
  for (const r of restless) {
    if (!eligible(r.at_ms)) continue;
    (r.reason === 1 ? periodic_delays_ms : episode_delays_ms).push(delayAfter(r.at_ms));
  }
  return {
    true_lms: m.labelled_lms,
    found_lms: m.pairs.length,
    detected_lms: m.detected_lms, true_positive_lms: m.pairs.length, dont_care_lms: m.dont_care_lms, latencies_ms,
    jerks: jerks.n, jerks_as_lm: jerks.hit, turns: turns.n, turns_as_lm: turns.hit,
    true_plm: truth.filter((t) => t.periodic).length,
    detected_plm: run.plm_count,
    hours: run.plan.duration_ms / 3_600_000,
    auto_starts: autoStarts.length, false_auto_starts, periodic_delays_ms, episode_delays_ms,
  };
}

/** The q-quantile (0…1) of `values` (nearest rank); NaN when empty. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export interface ScenarioScore {
  nights: number;
  true_lms: number;
  sensitivity: number;
  ppv: number;
  f1: number;
  latency_median_ms: number;
  latency_p95_ms: number;
  jerk_as_lm: number;
  turn_as_lm: number;
  dont_care_lms: number;
  plm_index_true: number;
  /** Largest relative PLM index error of any night with a true PLM index > 0 (NaN if none). */
  plm_index_error: number;
  false_auto_per_night: number;
  periodic_delay_max_ms: number;
  periodic_criteria: number;
  episode_delay_max_ms: number;
  episodes: number;
}

export function aggregate(scores: NightScore[]): ScenarioScore {
  const sum = (f: (s: NightScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const true_lms = sum((s) => s.true_lms);
  const found = sum((s) => s.found_lms);
  const detected = sum((s) => s.detected_lms);
  const tp = sum((s) => s.true_positive_lms);
  const sensitivity = true_lms > 0 ? found / true_lms : NaN;
  const ppv = detected > 0 ? tp / detected : true_lms > 0 ? 0 : NaN;
  const lat = scores.flatMap((s) => s.latencies_ms);
  const jerks = sum((s) => s.jerks);
  const turns = sum((s) => s.turns);
  const plmErr = scores.filter((s) => s.true_plm > 0).map((s) => Math.abs(s.detected_plm - s.true_plm) / s.true_plm);
  const pd = scores.flatMap((s) => s.periodic_delays_ms);
  const ed = scores.flatMap((s) => s.episode_delays_ms);
  return {
    nights: scores.length,
    true_lms,
    sensitivity,
    ppv,
    f1: sensitivity + ppv > 0 ? (2 * sensitivity * ppv) / (sensitivity + ppv) : NaN,
    latency_median_ms: quantile(lat, 0.5),
    latency_p95_ms: quantile(lat, 0.95),
    jerk_as_lm: jerks > 0 ? sum((s) => s.jerks_as_lm) / jerks : NaN,
    turn_as_lm: turns > 0 ? sum((s) => s.turns_as_lm) / turns : NaN,
    dont_care_lms: sum((s) => s.dont_care_lms),
    plm_index_true: sum((s) => s.true_plm) / sum((s) => s.hours),
    plm_index_error: plmErr.length > 0 ? Math.max(...plmErr) : NaN,
    false_auto_per_night: sum((s) => s.false_auto_starts) / scores.length,
    periodic_delay_max_ms: pd.length > 0 ? Math.max(...pd) : NaN,
    periodic_criteria: pd.length,
    episode_delay_max_ms: ed.length > 0 ? Math.max(...ed) : NaN,
    episodes: ed.length,
  };
}
