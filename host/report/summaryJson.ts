// The night summary as one JSON object, the last line of `calmfoot simulate|replay --json` (after
// the event lines) and what a web page offers for download: the same figures as the text summary
// and the HTML report (summary.ts). Platform-neutral and deterministic.
//
//   { "summary": {
//       "version": 1,
//       "source", "date" (yyyy-mm-dd or null), "recording_id", "patient", "start" (hh:mm:ss),
//       "sample_hz", "resampled_from_hz" (null or [Hz…]), "recording_ms",
//       "time_in_bed": { "from", "to" (hh:mm:ss), "ms", "by": "lights" | "recording" },
//       "lms": { "count", "per_hour_in_bed", "short", "long" },
//       "plm": { "count", "index_per_hour_in_bed" },
//       "sleep": null | { "ms", "stage_ms": { "W", "N1", … }, "plms_count", "plms_index_per_hour_of_sleep" },
//       "series": { "count", "longest", "list": [{ "start", "end", "lms" }] },
//       "restless": { "periodic", "dense" },
//       "sessions": { "count", "auto", "button", "minutes", "list": [{ "start", "end", "cause", "planned_s", "elapsed_s", "ended" }] },
//       "faults": { "count", "not_cleared", "restarts", "list": [{ "start", "end", "name", "detail" }] },
//       "agreement": null | { "labelled_lms", "firmware_lms", "matched", "sensitivity", "ppv",
//                             "median_onset_error_ms", "labelled_plm_index_per_hour_in_bed" } } }
// Counts and indexes are of movements whose onset lies in time in bed; times are time of day;
// an index or ratio with nothing to divide by is null.

import type { NightRecord } from "../record.js";
import { type NightSummary, summarize } from "./summary.js";
import { clockTime } from "./timeline.js";

/** Version of this object's shape; a changed meaning gets a new number. */
export const SUMMARY_JSON_VERSION = 1;

export function summaryObject(record: NightRecord, s: NightSummary = summarize(record)) {
  const at = (offset_ms: number) => clockTime(record.start_ms_of_day, offset_ms).slice(0, 8);
  const info = record.recording;
  const a = s.agreement;
  return {
    summary: {
      version: SUMMARY_JSON_VERSION,
      source: s.source,
      date: info?.date ?? null,
      recording_id: info?.id ?? null,
      patient: info?.patient ?? null,
      start: at(0),
      sample_hz: record.sample_hz,
      resampled_from_hz: info?.resampled_from_hz ?? null,
      recording_ms: s.recording_ms,
      time_in_bed: { from: at(s.in_bed.from_ms), to: at(s.in_bed.to_ms), ms: s.time_in_bed_ms, by: s.in_bed.by },
      lms: { count: s.lm_count, per_hour_in_bed: s.lm_index, short: s.short_count, long: s.long_count },
      plm: { count: s.plm_count, index_per_hour_in_bed: s.plm_index },
      sleep: s.sleep && { ms: s.sleep.sleep_ms, stage_ms: s.sleep.stage_ms, plms_count: s.sleep.plms_count,
        plms_index_per_hour_of_sleep: s.sleep.plms_index },
      series: { count: s.series.length, longest: s.series.reduce((n, x) => Math.max(n, x.lm_count), 0),
        list: s.series.map((x) => ({ start: at(x.start_ms), end: at(x.end_ms), lms: x.lm_count })) },
      restless: { periodic: s.restless.filter((r) => r.reason === "periodic").length, dense: s.restless.filter((r) => r.reason === "dense").length },
      sessions: {
        count: s.sessions.length,
        auto: s.sessions.filter((x) => x.cause === "auto").length,
        button: s.sessions.filter((x) => x.cause === "button").length,
        minutes: s.session_minutes,
        list: s.sessions.map((x) => ({ start: at(x.start_ms), end: x.end_ms === null ? null : at(x.end_ms), cause: x.cause,
          planned_s: x.planned_s, elapsed_s: x.elapsed_s, ended: x.end_reason })),
      },
      faults: {
        count: s.faults.length,
        not_cleared: s.faults.filter((f) => f.end_ms === null).length,
        restarts: s.restarts,
        list: s.faults.map((f) => ({ start: at(f.start_ms), end: f.end_ms === null ? null : at(f.end_ms), name: f.name, detail: f.detail })),
      },
      agreement: a && {
        labelled_lms: a.labelled_lms, firmware_lms: a.detected_lms, matched: a.matched, sensitivity: a.sensitivity, ppv: a.ppv,
        median_onset_error_ms: a.median_onset_error_ms, labelled_plm_index_per_hour_in_bed: a.labelled_plm_index,
      },
    },
  };
}

/** The summary as one line of JSON. */
export function summaryJsonLine(record: NightRecord, summary?: NightSummary): string {
  return JSON.stringify(summaryObject(record, summary));
}
