// The night report as one self-contained HTML string: the whole night drawn by Vega
// (View.toSVG, no browser needed), and the page carrying Vega's runtime and the per-second trace
// so the same lanes can be zoomed to any hour. Platform-neutral: the caller gives Vega's browser
// build (index.ts reads it from the installed package in Node; the web simulator bundles it).

import * as vega from "vega";
import type { NightRecord } from "../record.js";
import { chartBase, chartMarks, nightSpec, traceColumns, traceRows } from "./chart.js";
import { reportHtml } from "./html.js";
import { summarize } from "./summary.js";

/** Seconds per bin of the whole-night chart (the static SVG and the zoom overview strip). */
const OVERVIEW_BIN_S = 10;
/** Width of the charts' plotting area, px. */
const CHART_WIDTH = 1080;
/** The zoomable chart keeps at most this many trace points (a night of 27 h per second). */
const MAX_DETAIL_POINTS = 100_000;

/** Clock-aligned hours that overlap the night, in chart ms, for the zoom buttons. */
export function hourWindows(record: NightRecord): { label: string; from: number; to: number }[] {
  const base = chartBase(record);
  const end = base + record.duration_ms;
  const HOUR = 3_600_000;
  const out: { label: string; from: number; to: number }[] = [];
  const hh = (t: number) => String(new Date(t).getUTCHours()).padStart(2, "0") + ":00";
  for (let t = Math.floor(base / HOUR) * HOUR; t < end; t += HOUR) {
    out.push({ label: `${hh(t)}–${hh(t + HOUR)}`, from: Math.max(t, base), to: Math.min(t + HOUR, end) });
  }
  return out;
}

/** The whole night as an SVG document, drawn by Vega without a browser. */
export async function nightSvg(record: NightRecord, summary = summarize(record)): Promise<string> {
  const base = chartBase(record);
  const spec = nightSpec(chartMarks(record, summary), traceRows(traceColumns(record, OVERVIEW_BIN_S)), {
    width: CHART_WIDTH, interactive: false, hasTruth: !!summary.agreement, hasPad: hasPad(record),
    start: base, end: base + record.duration_ms,
  });
  const view = new vega.View(vega.parse(spec as vega.Spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function hasPad(record: NightRecord): boolean {
  return record.trace.pad_cdeg.some((v) => Number.isFinite(v));
}

/** The report as one HTML string; `vegaJs` is Vega's browser build, inlined into the page. */
export async function reportPage(record: NightRecord, vegaJs: string): Promise<string> {
  const summary = summarize(record);
  const base = chartBase(record);
  const marks = chartMarks(record, summary);
  const seconds = record.trace.activity_mg.length * (record.trace.step_s ?? 1);
  // Per second, unless the night is so long that would exceed MAX_DETAIL_POINTS; the detail
  // resolution must stay finer than the overview's (the page tells them apart by it).
  const detail = traceColumns(record, Math.min(OVERVIEW_BIN_S - 1, Math.max(1, Math.ceil(seconds / MAX_DETAIL_POINTS))));
  const overview = traceColumns(record, OVERVIEW_BIN_S);
  const spec = nightSpec(marks, [], {
    width: CHART_WIDTH, interactive: true, hasTruth: !!summary.agreement, hasPad: hasPad(record),
    start: base, end: base + record.duration_ms, overview: [],
  });
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
