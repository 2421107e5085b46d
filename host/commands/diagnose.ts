// `tsx host/commands/diagnose.ts SCENARIO SEED [HZ] [--all]`: one labelled night through the firmware,
// printed movement by movement against its truth, to see *what* the evaluation's numbers count.
// Each line: a true movement (label, onset, duration, periodic flag) and what the firmware made of
// it (class, duration, latency, in a periodic series or not), or a detection that owns no truth.
// Without --all only the lines around a disagreement (a miss, a false LM, a periodic flag that
// differs) are printed. Detections are matched to the truth by the evaluation's rule
// (host/scoring/matching.ts); the firmware's periodic flags are its own series rule replayed on its
// own movements (host/scoring/series.ts: the same rule as assembly/detector/series.ts).

import { EVENT } from "../abi.js";
import { owners } from "../scoring/matching.js";
import { detectedMovements } from "../scoring/movements.js";
import { periodicSeries } from "../scoring/series.js";
import { planNight } from "../sim/night.js";
import { nightClock0, runNight } from "./evalNight.js";

function diagnose(scenario: string, seed: number, hz: number, all: boolean): string[] {
  const run = runNight(planNight(scenario, { hours: 2, seed }), { sample_hz: hz, clock0_ms: nightClock0(seed, hz) });
  const plan = run.plan;
  const det = detectedMovements(run.events, run.clock0_ms);
  const owner = owners(det, plan.truth);
  const fwPeriodic = periodicSeries(det.map((d) => ({ onset_ms: d.onset_ms, role: d.cls === "LM" ? "LM" : "movement" }))).periodic;
  const motorOn: [number, number][] = [];
  for (const e of run.events) {
    const t = (e.now_ms - run.clock0_ms) | 0;
    if (e.kind === EVENT.SESSION_START) motorOn.push([t, Infinity]);
    else if (e.kind === EVENT.SESSION_END && motorOn.length) motorOn[motorOn.length - 1][1] = t;
  }
  const inSession = (t: number) => motorOn.some(([a, b]) => t >= a && t < b);
  type Line = { t: number; text: string; bad: boolean };
  const lines: Line[] = [];
  const byTruth = new Map<number, number[]>();
  owner.forEach((i, j) => { if (i >= 0) byTruth.set(i, [...(byTruth.get(i) ?? []), j]); });
  const detText = (j: number) => {
    const d = det[j];
    return `${d.cls.padEnd(5)} ${String(d.duration_ms).padStart(6)} ms lat ${String(d.latency_ms).padStart(4)}${fwPeriodic[j] ? " P" : "  "}`;
  };
  plan.truth.forEach((m, i) => {
    const js = byTruth.get(i) ?? [];
    const lmFound = js.some((j) => det[j].cls === "LM");
    const fwP = js.some((j) => fwPeriodic[j]);
    const bad = (m.label === "LM") !== lmFound || (m.periodic ?? false) !== fwP || js.length > 1;
    const lat = js.length ? det[js[0]].onset_ms + det[js[0]].latency_ms - m.onset_ms : NaN;
    lines.push({ t: m.onset_ms, bad, text: `${(m.onset_ms / 1000).toFixed(1).padStart(8)} s  ${m.label.padEnd(6)} ${String(m.duration_ms).padStart(6)} ms${m.periodic ? " P" : "  "}${inSession(m.onset_ms) ? " M" : "  "}  →  ${js.length ? js.map(detText).join(" | ") + ` (Δ ${lat})` : "—"}` });
  });
  det.forEach((d, j) => {
    if (owner[j] >= 0) return;
    lines.push({ t: d.onset_ms, bad: true, text: `${(d.onset_ms / 1000).toFixed(1).padStart(8)} s  (none)          ${inSession(d.onset_ms) ? " M" : "  "}  →  ${detText(j)}` });
  });
  for (const e of run.events) {
    const t = (e.now_ms - run.clock0_ms) | 0;
    if (e.kind === EVENT.SESSION_START || e.kind === EVENT.SESSION_END || e.kind === EVENT.RESTLESS) {
      const name = e.kind === EVENT.SESSION_START ? `SESSION_START cause ${e.a}` : e.kind === EVENT.SESSION_END ? `SESSION_END` : `RESTLESS ${e.a}`;
      lines.push({ t, bad: false, text: `${(t / 1000).toFixed(1).padStart(8)} s  ** ${name}` });
    }
  }
  for (const r of plan.restless) lines.push({ t: r.at_ms, bad: false, text: `${(r.at_ms / 1000).toFixed(1).padStart(8)} s  ** truth restless ${r.reason}` });
  lines.sort((a, b) => a.t - b.t);
  const out: string[] = [`${scenario} seed ${seed} @${hz} Hz: PLM fw ${run.plm_count} / truth ${plan.truth.filter((m) => m.periodic).length}`];
  lines.forEach((l, k) => {
    const near = all || l.bad || lines.slice(Math.max(0, k - 2), k + 3).some((x) => x.bad);
    if (near) out.push(`${l.bad ? "!" : " "} ${l.text}`);
  });
  return out;
}

if (process.argv[1]?.endsWith("diagnose.ts")) {
  const [scenario = "night", seed = "1", hz = "50"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  for (const l of diagnose(scenario, Number(seed), Number(hz), process.argv.includes("--all"))) console.log(l);
}
