// What the scoring rules make of a simulated night's truth: which LMs are periodic (the series
// rule, series.ts) and the moments restlessness is due, the evaluation's yardstick for the
// firmware's own RESTLESS and auto-sessions. Ground truth scored by the rules, not the detector.

import type { NightPlan } from "../sim/night.js";
import { seriesRole } from "./labels.js";
import type { Label } from "./matching.js";
import { periodicSeries } from "./series.js";

/** A labelled movement with its periodic flag. */
export type ScoredMovement = Label & { periodic?: boolean };

/** A moment restlessness is due: a series reaching 4 LMs (reason 1) or an RLS episode starting (2). */
export interface RestlessMoment {
  at_ms: number;
  reason: 1 | 2;
}

/** A night plan with its truth scored. */
export type LabelledNight = Omit<NightPlan, "truth"> & { truth: ScoredMovement[]; restless: RestlessMoment[] };

/**
 * WASM 2016 periodicity over a movement list (series.ts): sets `periodic` on the LMs in series of
 * ≥ 4 and returns the moments each series reaches 4 (offset of its 4th LM). An onset-to-onset
 * interval < 10 s or > 90 s, or any other movement in between (a jerk or a fidget as well as
 * turning over or a rubbing train), breaks a series.
 */
export function markPeriodic(truth: (Label & { periodic?: boolean })[]): number[] {
  const { periodic, fourth } = periodicSeries(truth.map((m) => ({ onset_ms: m.onset_ms, role: seriesRole(m.label) })));
  truth.forEach((m, i) => { m.periodic = periodic[i]; });
  return fourth.map((i) => truth[i].onset_ms + truth[i].duration_ms);
}

/** `plan` with its truth scored: periodic flags, and the restlessness moments in time order. */
export function labelNight(plan: NightPlan): LabelledNight {
  const truth: ScoredMovement[] = plan.truth.map((m) => ({ ...m, periodic: false }));
  const restless: RestlessMoment[] = markPeriodic(truth).map((at_ms) => ({ at_ms, reason: 1 }));
  for (const at_ms of plan.episodes) restless.push({ at_ms, reason: 2 });
  restless.sort((a, c) => a.at_ms - c.at_ms);
  return { ...plan, truth, restless };
}

/**
 * The series rule applied to labelled movements of any source (scored annotations too): LMs in
 * runs of ≥ 4 with onset-to-onset 10 … 90 s; any other labelled movement in between breaks the
 * run, annotations that are not movements (sleep stages, arousals) do not.
 */
export function periodicFlags(labels: readonly Label[]): boolean[] {
  return periodicSeries(labels.map((t) => ({ onset_ms: t.onset_ms, role: seriesRole(t.label) }))).periodic;
}
