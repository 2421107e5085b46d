// The night report as one HTML string, platform-neutral: the whole night drawn by Vega (View.toSVG,
// no browser needed), the page carrying Vega's runtime and the per-second trace so the same lanes
// can be zoomed in the browser. Entry points for any platform (Node: index.ts writes the file;
// a web page: the same call with Vega's browser build as text):
//   reportPage(record, vegaJs)   the whole self-contained page
//   nightSvg(record)             the whole-night chart alone
//   summarize(record)            the night in numbers (summary.ts); summaryObject (summaryJson.ts)
//                                is the same as one JSON object, as `--json` ends with it

import * as vega from "vega";
import type { NightRecord } from "../record.js";
import { chartBase, chartMarks, nightSpec, traceColumns, traceRows } from "./chart.js";
import { reportHtml } from "./html.js";
import { type NightSummary, summarize } from "./summary.js";

/** Seconds per bin of the whole-night chart (the static SVG and the zoom overview strip). */
const OVERVIEW_BIN_S = 10;
/** Width of the charts' plotting area, px (the page scales the charts to the paper's width). */
const CHART_WIDTH = 1080;
/** The zoomable chart keeps at most this many trace points (a night of 27 h per second). */
const MAX_DETAIL_POINTS = 100_000;

const HOUR_MS = 3_600_000;

/**
 * Windows of the zoom buttons, chart ms: clock-aligned hours for a night of more than 2 h, else
 * 10-minute windows (more than 30 min) or 2-minute windows, so a short recording still has a few.
 */
export function hourWindows(record: NightRecord): { label: string; from: number; to: number }[] {
  const base = chartBase(record);
  const end = base + record.duration_ms;
  const step = record.duration_ms > 2 * HOUR_MS ? HOUR_MS : record.duration_ms > 30 * 60_000 ? 10 * 60_000 : 2 * 60_000;
  const out: { label: string; from: number; to: number }[] = [];
  const hm = (t: number) => { const d = new Date(t); return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`; };
  for (let t = Math.floor(base / step) * step; t < end; t += step) {
    out.push({ label: `${hm(t)}–${hm(t + step)}`, from: Math.max(t, base), to: Math.min(t + step, end) });
  }
  return out;
}

function specOptions(record: NightRecord, summary: NightSummary) {
  const base = chartBase(record);
  return {
    width: CHART_WIDTH, hasTruth: !!summary.agreement, hasPad: record.trace.pad_cdeg.some((v) => Number.isFinite(v)),
    hasSleep: summary.scoring.stages.length > 0 || summary.scoring.lights_off_ms !== null || summary.scoring.lights_on_ms !== null,
    start: base, end: base + record.duration_ms,
  };
}

/** The whole night as an SVG document, drawn by Vega without a browser. */
export async function nightSvg(record: NightRecord, summary = summarize(record)): Promise<string> {
  const spec = nightSpec(chartMarks(record, summary), traceRows(traceColumns(record, OVERVIEW_BIN_S)),
    { ...specOptions(record, summary), interactive: false });
  const view = new vega.View(vega.parse(spec as vega.Spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The report as one self-contained HTML string; `vegaJs` is Vega's browser build, inlined into the page. */
export async function reportPage(record: NightRecord, vegaJs: string): Promise<string> {
  const summary = summarize(record);
  const marks = chartMarks(record, summary);
  const seconds = record.trace.activity_mg.length * (record.trace.step_s ?? 1);
  // Per second, unless the night is so long that would exceed MAX_DETAIL_POINTS; the detail
  // resolution must stay finer than the overview's (the page tells them apart by it).
  const detail = traceColumns(record, Math.min(OVERVIEW_BIN_S - 1, Math.max(1, Math.ceil(seconds / MAX_DETAIL_POINTS))));
  const overview = traceColumns(record, OVERVIEW_BIN_S);
  const spec = nightSpec(marks, [], { ...specOptions(record, summary), interactive: true, overview: [] });
  const modelJson = JSON.stringify({ spec, trace: detail, overview });
  return reportHtml({
    record, summary,
    staticSvg: await nightSvg(record, summary),
    vegaJs,
    modelJson,
    hours: hourWindows(record),
    overviewBinS: OVERVIEW_BIN_S,
  });
}
