// `calmfoot compare A.wasm B.wasm`: the same nights through two firmware builds, for reviewing a
// detector change. Each night runs exactly as `calmfoot simulate` or `calmfoot replay` runs it
// (through the one board driver), once per build; then the two event logs are compared event by
// event (eventDiff.ts) and the figures by which a detector is judged are set side by side
// (metrics.ts). Nights are simulated scenarios (by seed) or recordings given as files.

import { EVENT_NAME } from "../abi.js";
import { describe } from "../eventLog.js";
import type { NightRecord } from "../record.js";
import { clockTime } from "../report/timeline.js";
import { type EventDiff, diffEvents } from "./eventDiff.js";
import { type NightFigures, type PooledFigures, nightFigures, pool } from "./metrics.js";

/** One night to run through each build: `run` gives its record on the build it is handed. */
export interface CompareNight {
  name: string;
  /** Nights of one group are pooled in the metrics table (a scenario, or "recordings"). */
  group: string;
  run(firmware: WebAssembly.Module): Promise<NightRecord>;
}

export interface NightComparison {
  name: string;
  group: string;
  start_ms_of_day: number;
  diff: EventDiff;
  a: NightFigures;
  b: NightFigures;
}

export async function compareNights(a: WebAssembly.Module, b: WebAssembly.Module, nights: CompareNight[]): Promise<NightComparison[]> {
  const out: NightComparison[] = [];
  for (const night of nights) {
    const ra = await night.run(a);
    const rb = await night.run(b);
    out.push({ name: night.name, group: night.group, start_ms_of_day: ra.start_ms_of_day,
      diff: diffEvents(ra.events, rb.events, ra.clock0_ms), a: nightFigures(ra), b: nightFigures(rb) });
  }
  return out;
}

const f3 = (x: number | null) => (x === null ? "–" : x.toFixed(3));
const f1 = (x: number | null) => (x === null ? "–" : x.toFixed(1));
const ms = (x: number | null) => (x === null ? "–" : String(Math.round(x)));
const signed = (d: number, digits: number) => (d > 0 ? "+" : d < 0 ? "−" : "±") + Math.abs(d).toFixed(digits);

/** "0.997 → 1.000 (+0.003)", or "–" sides when a figure is missing. */
function change(a: number | null, b: number | null, digits: number, show: (x: number | null) => string): string {
  if (a === null || b === null) return `${show(a)} → ${show(b)}`;
  return a === b ? `${show(a)} (same)` : `${show(a)} → ${show(b)} (${signed(b - a, digits)})`;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
}

/** The comparison as text: per night, the first differing events; events by kind; the metrics, A → B. */
export function formatComparison(results: NightComparison[], labels: { a: string; b: string }, firstEvents: number): string {
  const lines: string[] = [`A = ${labels.a}`, `B = ${labels.b}`, ""];
  const differing = results.filter((r) => r.diff.lines.length > 0);
  lines.push(`${results.length} night${results.length === 1 ? "" : "s"}; event logs identical in ${results.length - differing.length}, different in ${differing.length}`);
  lines.push("");
  const w = [Math.max(5, ...results.map((r) => r.name.length)), 9, 9, 7, 7, 11, 11];
  lines.push(row(["night", "events A", "events B", "only A", "only B", "LMs A→B", "sessions A→B"], w));
  for (const r of results) {
    const onlyA = r.diff.lines.filter((l) => l.side === "A").length;
    lines.push(row([r.name, String(r.a.events), String(r.b.events), String(onlyA), String(r.diff.lines.length - onlyA),
      `${r.a.firmware_lms}→${r.b.firmware_lms}`, `${r.a.sessions}→${r.b.sessions}`], w));
  }
  if (differing.length > 0) {
    lines.push("", `First differing events (up to ${firstEvents} per night; A: only in A's log, B: only in B's):`);
    for (const r of differing) {
      lines.push(`  ${r.name}:`);
      for (const l of r.diff.lines.slice(0, firstEvents)) {
        const name = EVENT_NAME[l.event.kind] ?? `KIND_${l.event.kind}`;
        lines.push(`    ${l.side}  ${clockTime(r.start_ms_of_day, l.offset_ms)}  ${name.padEnd(13)}  ${describe(l.event)}`);
      }
      if (r.diff.lines.length > firstEvents) lines.push(`    … ${r.diff.lines.length - firstEvents} more`);
    }
  }
  // Events by kind, all nights.
  const kinds = new Set<number>();
  for (const r of results) for (const k of [...r.a.by_kind.keys(), ...r.b.by_kind.keys()]) kinds.add(k);
  lines.push("", "Events by kind, all nights:");
  const kw = [15, 8, 8, 8];
  lines.push(row(["  kind", "A", "B", "B − A"], kw));
  for (const k of [...kinds].sort((x, y) => x - y)) {
    const na = results.reduce((n, r) => n + (r.a.by_kind.get(k) ?? 0), 0);
    const nb = results.reduce((n, r) => n + (r.b.by_kind.get(k) ?? 0), 0);
    lines.push(row([`  ${EVENT_NAME[k] ?? `KIND_${k}`}`, String(na), String(nb), nb === na ? "0" : signed(nb - na, 0)], kw));
  }
  // Metrics by group and in all.
  const groups = [...new Set(results.map((r) => r.group))];
  const table = (name: string, pa: PooledFigures, pb: PooledFigures) => [
    `  ${name} (${pa.nights} night${pa.nights === 1 ? "" : "s"}${pa.labelled_lms ? `, ${pa.labelled_lms} labelled LMs` : ""}):`,
    `    sensitivity      ${change(pa.sensitivity, pb.sensitivity, 3, f3)}`,
    `    PPV              ${change(pa.ppv, pb.ppv, 3, f3)}`,
    `    PLM index (/h)   ${change(pa.plm_index, pb.plm_index, 1, f1)}`,
    `    latency p50 (ms) ${change(pa.latency_median_ms, pb.latency_median_ms, 0, ms)}`,
    `    latency p95 (ms) ${change(pa.latency_p95_ms, pb.latency_p95_ms, 0, ms)}`,
    `    sessions         ${change(pa.sessions, pb.sessions, 0, ms)} (auto ${pa.auto_sessions} → ${pb.auto_sessions})`,
    `    faults           ${change(pa.faults, pb.faults, 0, ms)}`,
  ];
  lines.push("", "Metrics, A → B (B − A) (sensitivity and PPV by the one matching rule; latency: labelled onset → MOVE_START):");
  for (const g of groups) {
    const of = results.filter((r) => r.group === g);
    lines.push(...table(g, pool(of.map((r) => r.a)), pool(of.map((r) => r.b))));
  }
  if (groups.length > 1) lines.push(...table("all nights", pool(results.map((r) => r.a)), pool(results.map((r) => r.b))));
  return lines.join("\n");
}
