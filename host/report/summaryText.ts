// The night on one screen: the summary of summary.ts as plain text for a terminal.

import { type NightRecord } from "../record.js";
import { type NightSummary, summarize } from "./summary.js";
import { hoursMinutes } from "../timeOfDay.js";
import { clockTime } from "./timeline.js";

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)} %`);

/** The summary as aligned lines, at most one screen. */
export function formatSummary(record: NightRecord, summary: NightSummary = summarize(record)): string {
  const at = (offset_ms: number) => clockTime(record.start_ms_of_day, offset_ms).slice(0, 5);
  const rows: [string, string][] = [
    ["Source", summary.source],
    ["Time in bed", `${hoursMinutes(summary.time_in_bed_ms)} (from ${at(0)})`],
    ["Leg movements (LM)", `${summary.lm_count}  (${summary.lm_index.toFixed(1)}/h); also ${summary.short_count} short, ${summary.long_count} long`],
    ["Periodic LMs (PLM)", `${summary.plm_count} in ${summary.series.length} series; PLM index ${summary.plm_index.toFixed(1)}/h in bed`],
    ["Restless episodes", summary.restless.length === 0 ? "none"
      : summary.restless.map((r) => `${at(r.at_ms)} ${r.reason}`).slice(0, 6).join(", ") + (summary.restless.length > 6 ? ", …" : "")],
    ["Sessions", summary.sessions.length === 0 ? "none"
      : `${summary.sessions.length}, ${minutes(summary.session_minutes * 60_000)} in all: ` +
        summary.sessions.slice(0, 4).map((s) => `${at(s.start_ms)} ${s.cause} ${Math.round(s.elapsed_s / 60)} min (${s.end_reason})`).join(", ") +
        (summary.sessions.length > 4 ? ", …" : "")],
    ["Session end → next restless", summary.median_to_next_restless_ms === null ? "no restlessness after a session"
      : `median ${minutes(summary.median_to_next_restless_ms)}`],
    ["Faults", summary.faults.length === 0 ? "none"
      : summary.faults.map((f) => `${at(f.start_ms)} ${f.name}${f.end_ms === null ? " (not cleared)" : ""}`).slice(0, 4).join(", ")
        + (summary.faults.length > 4 ? ", …" : "")],
  ];
  if (summary.in_bed.by === "lights") rows.push(["Lights off / on", `${at(summary.in_bed.from_ms)} / ${at(summary.in_bed.to_ms)} (counts are in bed)`]);
  if (summary.sleep) {
    const plmsi = summary.sleep.plms_index === null ? "–" : `${summary.sleep.plms_index.toFixed(1)}/h of sleep`;
    rows.push(["Sleep (scored)", `${minutes(summary.sleep.sleep_ms)}; PLMS index ${plmsi} (${summary.sleep.plms_count} PLMs in sleep)`]);
  }
  if (summary.restarts > 0) rows.push(["Firmware restarts", String(summary.restarts)]);
  if (summary.agreement) {
    const a = summary.agreement;
    rows.push(["Agreement with labels", `sensitivity ${pct(a.sensitivity)}, PPV ${pct(a.ppv)} (${a.matched} of ${a.labelled_lms} labelled LMs); labelled PLM index ${a.labelled_plm_index.toFixed(1)}/h`]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  const note = summary.sleep ? "  (PLM index per hour in bed; PLMS index per hour of sleep as scored in the recording)"
    : "  (indexes are per hour in bed: the device does not stage sleep)";
  return ["Night summary", ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), note].join("\n");
}
