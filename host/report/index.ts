// The night report: one self-contained HTML file. The whole night is drawn here, in Node, by
// Vega (View.toSVG), and the page also carries Vega's runtime and the per-second trace so the
// same lanes can be zoomed to any hour in the browser.

import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import * as vega from "vega";
import { InputError } from "../inputError.js";
import type { NightRecord } from "../record.js";
import { chartBase, chartMarks, nightSpec, traceColumns, traceRows } from "./chart.js";
import { reportHtml } from "./html.js";
import { summarize } from "./summary.js";

export { summarize } from "./summary.js";
export type { NightSummary } from "./summary.js";

/** Seconds per bin of the whole-night chart (the static SVG and the zoom overview strip). */
const OVERVIEW_BIN_S = 10;
/** Width of the charts' plotting area, px. */
const CHART_WIDTH = 1080;
/** The zoomable chart keeps at most this many trace points (a night of 27 h per second). */
const MAX_DETAIL_POINTS = 100_000;

let vegaRuntime: string | null = null;

/** Vega's browser build, from the installed package, to inline into the page. */
async function vegaJs(): Promise<string> {
  if (vegaRuntime === null) {
    const require = createRequire(import.meta.url);
    // The package's main entry lives in build/, beside the browser build (which it does not export).
    const main = require.resolve("vega");
    vegaRuntime = await readFile(join(dirname(main), "vega.min.js"), "utf8");
  }
  return vegaRuntime;
}

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

/** The report as one HTML string. */
async function reportPage(record: NightRecord): Promise<string> {
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
    vegaJs: await vegaJs(),
    modelJson,
    hours: hourWindows(record),
    overviewBinS: OVERVIEW_BIN_S,
  });
}

/**
 * Writes the report of `record` to `path`: into a temporary file beside it, then renamed over
 * it, so a failure never leaves a partial report (nor a stale temporary file). A path that
 * cannot be written is the user's mistake: an InputError naming it.
 */
export async function writeReport(record: NightRecord, path: string): Promise<void> {
  const html = await reportPage(record);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, html, { encoding: "utf8", flag: "wx" });
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    const e = err as NodeJS.ErrnoException;
    if (e.code && ["ENOENT", "EACCES", "EISDIR", "ENOTDIR", "EROFS", "EPERM"].includes(e.code)) {
      throw new InputError(path, `cannot write the report (${e.code === "ENOENT" ? "no such directory" : e.code})`);
    }
    throw err;
  }
}
