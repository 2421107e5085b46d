// The report page: one HTML file with everything inline (styles, the static whole-night SVG,
// the Vega runtime, the night's data), so it opens from a disk, a mail or a USB stick with no
// server and no network. A Content-Security-Policy forbids any fetch, so it cannot try.

import { clockTime } from "./timeline.js";
import type { NightRecord } from "../record.js";
import { COLORS } from "./chart.js";
import { MATCH_RULE } from "../scoring/matching.js";
import { PLM_INDEX_DENOMINATOR, type NightSummary } from "./summary.js";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Text safe inside a <script> element (JSON or JS): no "</script" or "<!--" can end or confuse it. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

const hm = (start: number, offset_ms: number) => clockTime(start, offset_ms).slice(0, 5);
const hms = (start: number, offset_ms: number) => clockTime(start, offset_ms).slice(0, 8);

function duration(ms: number): string {
  const total_min = Math.round(ms / 60_000);
  if (total_min < 1) return `${Math.round(ms / 1000)} s`;
  const h = Math.floor(total_min / 60);
  const m = total_min % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min`;
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);
const perHour = (x: number) => `${x.toFixed(1)} /h`;

export interface PageParts {
  record: NightRecord;
  summary: NightSummary;
  /** The whole night, rendered by Vega on the server. */
  staticSvg: string;
  /** Vega's browser build, inlined. */
  vegaJs: string;
  /** JSON of { spec, trace: TraceColumns, hours } for the zoomable chart. */
  modelJson: string;
  /** Clock-aligned hour windows, chart ms, for the zoom buttons. */
  hours: { label: string; from: number; to: number }[];
  /** Bin length of the whole-night chart, s. */
  overviewBinS: number;
}

function row(label: string, value: string, note = ""): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${value}</td><td class="note">${note}</td></tr>`;
}

function figures(s: NightSummary): string {
  const card = (label: string, value: string, sub = "", id = "") =>
    `<div class="card"${id ? ` id="${id}"` : ""}><div class="card-value">${value}</div><div class="card-label">${escapeHtml(label)}</div>${sub ? `<div class="card-sub">${sub}</div>` : ""}</div>`;
  return `<div class="cards">
${card("time in bed", duration(s.time_in_bed_ms), "", "fig-tib")}
${card("leg movements", String(s.lm_count), perHour(s.lm_index), "fig-lm")}
${card("PLM index", s.plm_index.toFixed(1), "PLMs per hour in bed", "fig-plmi")}
${s.sleep ? card("PLMS index", s.sleep.plms_index === null ? "–" : s.sleep.plms_index.toFixed(1), "PLMs per hour of sleep", "fig-plmsi") : ""}
${card("periodic series", String(s.series.length), "", "fig-series")}
${card("restless episodes", String(s.restless.length), "", "fig-restless")}
${card("sessions", String(s.sessions.length), s.sessions.length ? `${Math.round(s.session_minutes)} min in all` : "", "fig-sessions")}
${card("faults", String(s.faults.length), s.restarts ? `${s.restarts} restart${s.restarts > 1 ? "s" : ""}` : "", "fig-faults")}
</div>`;
}

function summaryTable(r: NightRecord, s: NightSummary): string {
  const start = r.start_ms_of_day;
  const byReason = (reason: string) => s.restless.filter((x) => x.reason === reason).length;
  const longest = s.series.reduce((n, x) => Math.max(n, x.lm_count), 0);
  const plmPct = s.lm_count ? ` (${Math.round((100 * s.plm_count) / s.lm_count)} % of LMs)` : "";
  const latency = s.movements.length ? [...s.movements.map((m) => m.latency_ms)].sort((a, b) => a - b)[s.movements.length >> 1] : null;
  return `<table class="summary" id="summary-table">
<thead><tr><th>Measure</th><th>Value</th><th>Notes</th></tr></thead>
<tbody>
${row("Recording", `${hm(start, 0)} – ${hm(start, s.recording_ms)}`, escapeHtml(recordingNote(r)))}
${row("Time in bed", duration(s.time_in_bed_ms), s.in_bed.by === "lights"
    ? `lights off ${hms(start, s.in_bed.from_ms)} to lights on ${hms(start, s.in_bed.to_ms)} (the recording's annotations); counts below are in bed`
    : "the whole recording (no lights-off/on annotations)")}
${s.sleep ? row("Sleep (scored)", duration(s.sleep.sleep_ms), escapeHtml(stageNote(s))) : ""}
${row("Leg movements (LM, 0.5–10 s)", String(s.lm_count), `${perHour(s.lm_index)} in bed`)}
${row("Short movements (< 0.5 s)", String(s.short_count), "hypnic jerks, twitches: not LMs")}
${row("Long movements (> 10 s)", String(s.long_count), "turning over, voluntary movement: not LMs")}
${row("LMs in periodic series (PLM)", String(s.plm_count), escapeHtml(plmPct.trim()))}
${row("PLM index", perHour(s.plm_index), "PLMs per hour <em>in bed</em> (see notes); &gt; 15/h is abnormal in adults")}
${s.sleep ? row("PLMS index", s.sleep.plms_index === null ? "–" : perHour(s.sleep.plms_index),
    `${s.sleep.plms_count} PLMs in sleep per hour <em>of sleep</em> (N1, N2, N3, R as scored in the recording); &gt; 15/h is abnormal in adults`) : ""}
${row("Periodic series", String(s.series.length), s.series.length ? `longest ${longest} LMs` : "")}
${row("Restless episodes", String(s.restless.length), s.restless.length ? `${byReason("periodic")} periodic, ${byReason("dense")} dense irregular movement` : "")}
${row("Sessions", String(s.sessions.length), s.sessions.length ? `${s.sessions.filter((x) => x.cause === "auto").length} started by restlessness, ${s.sessions.filter((x) => x.cause === "button").length} by the button; ${Math.round(s.session_minutes)} min in all` : "")}
${row("Session end → next restlessness", s.median_to_next_restless_ms === null ? "–" : duration(s.median_to_next_restless_ms), s.sessions.length ? `median over the sessions followed by restlessness (${s.sessions.filter((x) => x.to_next_restless_ms !== null).length} of ${s.sessions.length})` : "")}
${row("Faults", String(s.faults.length), s.faults.map((f) => `${escapeHtml(f.name)} at ${hms(start, f.start_ms)}`).join(", "))}
${s.restarts ? row("Firmware restarts", String(s.restarts), "the firmware trapped and was restarted; actuators were switched off") : ""}
${latency !== null ? row("Detection latency", `${(latency / 1000).toFixed(2)} s`, "median, estimated onset to MOVE_START") : ""}
</tbody></table>`;
}

/** What the recording says about itself, for the Recording row. */
function recordingNote(r: NightRecord): string {
  const info = r.recording;
  return [r.source, info?.id ? `recording ${info.id}` : "", info?.patient ? `patient ${info.patient}` : "", info?.date ?? ""]
    .filter(Boolean).join(" · ");
}

/** Minutes per stage within time in bed, in the hypnogram's order. */
function stageNote(s: NightSummary): string {
  const order: [string, string][] = [["W", "wake"], ["N1", "N1"], ["N2", "N2"], ["N3", "N3"], ["N", "NREM"], ["R", "REM"], ["?", "not scored"], ["MT", "movement time"]];
  const ms = s.sleep!.stage_ms as Record<string, number | undefined>;
  return order.filter(([k]) => (ms[k] ?? 0) > 0).map(([k, name]) => `${name} ${duration(ms[k]!)}`).join(", ") + " (in bed)";
}

/** The subtitle: source, IDs and date, the clock times, the length, the rate and any resampling. */
function subtitle(r: NightRecord): string {
  const start = r.start_ms_of_day;
  const info = r.recording;
  const rate = info?.resampled_from_hz
    ? `${r.sample_hz} Hz, resampled from ${info.resampled_from_hz.map((hz) => `${+hz.toFixed(3)} Hz`).join(" / ")}`
    : `${r.sample_hz} Hz`;
  return [
    r.source,
    ...(info?.id ? [`recording ${info.id}`] : []),
    ...(info?.patient ? [`patient ${info.patient}`] : []),
    `${info?.date ? info.date + " " : ""}${hm(start, 0)} – ${hm(start, r.duration_ms)}`,
    duration(r.duration_ms),
    rate,
  ].map(escapeHtml).join(" · ");
}

function sessionsTable(r: NightRecord, s: NightSummary): string {
  if (s.sessions.length === 0) return `<p class="muted">No session ran this night.</p>`;
  const start = r.start_ms_of_day;
  const rows = s.sessions.map((x, i) => `<tr>
<td class="num">${i + 1}</td><td>${hm(start, x.start_ms)}</td><td>${x.end_ms === null ? "(still running)" : hm(start, x.end_ms)}</td>
<td class="nowrap"><span class="swatch" style="background:${x.cause === "auto" ? COLORS.auto : COLORS.button}"></span>${escapeHtml(x.cause === "auto" ? "auto (restless)" : x.cause)}</td>
<td class="num">${Math.round(x.planned_s / 60)} min</td><td class="num">${duration(x.elapsed_s * 1000)}</td><td>${escapeHtml(x.end_reason)}</td>
<td class="num">${x.to_next_restless_ms === null ? (x.end_ms === null ? "–" : "none after") : duration(x.to_next_restless_ms)}</td></tr>`).join("\n");
  return `<div class="scroll"><table class="list" id="sessions-table"><thead><tr><th>#</th><th>Start</th><th>End</th><th>Cause</th><th>Planned</th><th>Length</th><th>Ended</th><th>To next restlessness</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function agreementSection(s: NightSummary): string {
  const a = s.agreement;
  if (!a) return "";
  const labels = a.by_label.slice(0, 15).map((l) => `<tr><td>${escapeHtml(l.label)}</td><td class="num">${l.count}</td><td class="num">${l.as_lm}</td><td class="num">${l.as_short}</td><td class="num">${l.as_long}</td><td class="num">${l.missed}</td></tr>`).join("\n");
  return `<section id="agreement">
<h2>Firmware against the labelled movements</h2>
<table class="summary" id="agreement-table"><thead><tr><th>Measure</th><th>Value</th><th>Notes</th></tr></thead><tbody>
${row("Labelled LMs", String(a.labelled_lms))}
${row("Firmware LMs", String(a.detected_lms))}
${row("Matched", String(a.matched))}
${row("Sensitivity", pct(a.sensitivity), "matched / labelled LMs")}
${row("Positive predictive value", pct(a.ppv), "matched / firmware LMs")}
${row("Median onset difference", a.median_onset_error_ms === null ? "–" : `${(a.median_onset_error_ms / 1000).toFixed(2)} s`, "of the matched pairs")}
${row("PLM index, labelled vs firmware", `${a.labelled_plm_index.toFixed(1)} vs ${s.plm_index.toFixed(1)}`, "per hour in bed")}
</tbody></table>
<p class="note">${escapeHtml(MATCH_RULE)} Unmatched firmware LMs are drawn <span style="color:${COLORS.LM_UNMATCHED}">red</span> in the Movements lane, missed labelled LMs <span style="color:${COLORS.truthMissed}">red</span> in the Labelled lane.</p>
<h3>What the firmware made of each labelled movement</h3>
<table class="list" id="labels-table"><thead><tr><th>Label</th><th>Count</th><th>as LM</th><th>as short</th><th>as long</th><th>not detected</th></tr></thead><tbody>
${labels}
</tbody></table>
</section>`;
}

function legend(hasTruth: boolean, hasSleep: boolean): string {
  const item = (color: string, label: string, shape = "") => `<span class="lg"><span class="swatch${shape}" style="background:${color}"></span>${escapeHtml(label)}</span>`;
  return `<div class="legend">
${item(COLORS.LM, "LM (0.5–10 s)")}${hasTruth ? item(COLORS.LM_UNMATCHED, "LM not labelled") : ""}${item(COLORS.SHORT, "short (< 0.5 s)")}${item(COLORS.LONG, "long (> 10 s)")}
${hasTruth ? item(COLORS.truthLm, "labelled LM") + item(COLORS.truthMissed, "labelled LM missed") + item(COLORS.truthOther, "other label") : ""}
${item(COLORS.series, "periodic series")}<span class="lg"><span style="color:${COLORS.restless}">▼</span> restless (periodic) <span style="color:${COLORS.restless}">◆</span> restless (dense)</span>
${item(COLORS.auto, "auto session")}${item(COLORS.button, "button session")}
<span class="lg"><span class="line" style="border-color:${COLORS.vibration}"></span>vibration</span><span class="lg"><span class="line dashed" style="border-color:${COLORS.heater}"></span>heater</span>
<span class="lg"><span class="line" style="border-color:${COLORS.pad}"></span>pad temperature (41 °C dotted)</span>${item(COLORS.fault, "fault")}
${hasSleep ? item(COLORS.stage, "sleep stage (W, R, N1–N3 top to bottom)") + item(COLORS.stageRem, "REM") + item(COLORS.stageUnscored, "not scored / movement time")
    + `<span class="lg"><span class="line dashed" style="border-color:${COLORS.lights}"></span>lights off / on</span>` + item(COLORS.outOfBed, "out of bed") : ""}
</div>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a202c; margin: 0; background: #f4f6f9; }
main { max-width: 1320px; margin: 0 auto; padding: 20px 28px 40px; }
h1 { font-size: 22px; margin: 0 0 2px; } h2 { font-size: 17px; margin: 28px 0 10px; } h3 { font-size: 14px; margin: 18px 0 6px; }
.sub { color: #4a5568; margin-bottom: 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0 18px; }
.card { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 10px 14px; min-width: 120px; }
.card-value { font-size: 24px; font-weight: 650; } .card-label { color: #4a5568; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card-sub { color: #718096; font-size: 12px; }
table { border-collapse: collapse; background: #fff; border: 1px solid #e2e8f0; }
th, td { padding: 5px 10px; border-bottom: 1px solid #edf2f7; text-align: left; vertical-align: top; }
thead th { background: #edf2f7; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: #4a5568; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.note, p.note, .muted { color: #4a5568; font-size: 13px; }
.panel { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 12px; overflow-x: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: #2d3748; margin: 8px 0 0 4px; }
.lg, .nowrap { white-space: nowrap; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.line { display: inline-block; width: 18px; border-top: 2px solid; margin-right: 5px; vertical-align: 3px; } .line.dashed { border-top-style: dashed; }
.hours { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 10px; }
.hours button { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid #cbd5e0; background: #fff; border-radius: 5px; cursor: pointer; }
.hours button:hover { background: #ebf4ff; } .hours button.on { background: #2b6cb0; color: #fff; border-color: #2b6cb0; }
#zoom-status { color: #4a5568; font-size: 13px; margin-left: 8px; align-self: center; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 28px; }
@media (min-width: 1100px) { .grid2 { grid-template-columns: minmax(0, 0.95fr) minmax(0, 1.05fr); } }
.scroll { overflow-x: auto; }
table.list th, table.list td { padding: 5px 8px; }
footer { color: #4a5568; font-size: 12.5px; margin-top: 28px; }
footer li { margin-bottom: 4px; }
/* Charts scale to the width they are given: the paper's in print, the window's on a narrow screen. */
#overview svg { display: block; max-width: 100%; height: auto; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { background: #fff; font-size: 12px; }
  main { max-width: none; padding: 0; }
  .panel { overflow: visible; border: 0; padding: 0; }
  .scroll { overflow: visible; }
  .grid2 { display: block; }
  #zoom svg { display: block; max-width: 100%; height: auto; }
  .hours button { display: none; }
  #zoom-status { margin-left: 0; font-weight: 600; }
  /* Each chart on a page of its own, never split; tables and the legend kept whole where they fit. */
  #night-section, #zoom-section { break-before: page; break-inside: avoid; }
  .cards, .legend, tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The page script: builds the zoomable chart from the inlined model, wires the hour buttons. */
const PAGE_SCRIPT = `
(function () {
  var status = document.getElementById('zoom-status');
  try {
    var model = JSON.parse(document.getElementById('night-model').textContent);
    var c = model.trace, rows = new Array(c.act.length);
    for (var i = 0; i < rows.length; i++) rows[i] = { res: 1, t: c.t0 + i * c.step_ms, act: c.act[i], vib: c.vib[i], heat: c.heat[i], pad: c.pad[i] };
    var o = model.overview, orows = new Array(o.act.length);
    for (var k = 0; k < orows.length; k++) {
      orows[k] = { t: o.t0 + k * o.step_ms, act: o.act[k] };
      rows.push({ res: o.step_ms / 1000, t: orows[k].t, act: o.act[k], vib: o.vib[k], heat: o.heat[k], pad: o.pad[k] });
    }
    var spec = model.spec;
    spec.data.forEach(function (d) { if (d.name === 'trace') d.values = rows; if (d.name === 'overviewTrace') d.values = orows; });
    var view = new vega.View(vega.parse(spec), { renderer: 'svg', container: '#zoom', hover: true });
    window.calmfootView = view;
    var buttons = document.querySelectorAll('.hours button');
    function mark(btn) { buttons.forEach(function (b) { b.classList.toggle('on', b === btn); }); }
    function show(from, to) {
      var xo = view.scale('xo');
      view.signal('brush', from === null ? [0, 0] : [xo(from), xo(to)]).signal('exact', from === null ? null : [from, to]).runAsync();
    }
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        mark(b);
        show(b.dataset.from ? Number(b.dataset.from) : null, b.dataset.to ? Number(b.dataset.to) : null);
      });
    });
    function two(n) { return (n < 10 ? '0' : '') + n; }
    function clock(t) { var d = new Date(Math.round(t)); return two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' + two(d.getUTCSeconds()); }
    function showing(d) { status.textContent = 'showing ' + clock(d[0]) + ' – ' + clock(d[1]); }
    // Printing scales the chart to the paper's width, which needs a viewBox on the drawn SVG.
    function scalable() {
      var svg = document.querySelector('#zoom svg');
      if (svg && !svg.getAttribute('viewBox')) svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
    }
    view.addSignalListener('detailDomain', function (_, d) { showing(d); });
    view.runAsync().then(function () {
      scalable();
      document.getElementById('zoom').setAttribute('data-ready', '1');
      showing(view.signal('detailDomain'));
    });
  } catch (err) {
    status.textContent = 'The zoomable chart could not be drawn here: ' + err.message;
    document.getElementById('zoom').setAttribute('data-error', String(err.message));
  }
})();
`;

export function reportHtml(parts: PageParts): string {
  const { record: r, summary: s } = parts;
  const start = r.start_ms_of_day;
  const hasTruth = !!s.agreement;
  const title = `Night report — ${r.source}`;
  const hourButtons = [`<button type="button" class="on" data-hour="all">Whole night</button>`,
    ...parts.hours.map((h) => `<button type="button" data-from="${h.from}" data-to="${h.to}">${escapeHtml(h.label)}</button>`)].join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="generator" content="calmfoot">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>calmfoot · night report</h1>
<div class="sub" id="subtitle">${subtitle(r)}</div>
${figures(s)}
<div class="grid2">
<section><h2>Summary</h2>${summaryTable(r, s)}</section>
<section><h2>Sessions</h2>${sessionsTable(r, s)}${agreementSection(s)}</section>
</div>
<section id="night-section">
<h2>The whole night</h2>
<div class="panel" id="overview">${parts.staticSvg}</div>
${legend(hasTruth, s.scoring.stages.length > 0 || s.in_bed.by === "lights")}
</section>
<section id="zoom-section">
<h2>Zoom</h2>
<div class="hours">${hourButtons}<span id="zoom-status">drawing…</span></div>
<div class="panel"><div id="zoom"></div></div>
<noscript><p class="muted">The zoomable chart needs JavaScript; the whole night above does not.</p></noscript>
</section>
<footer>
<h3>How to read this</h3>
<ul>
<li>Events are the firmware's own event log (HAL ABI v1), placed at the estimated movement onset; times are the time of day.</li>
<li>Activity is how far the acceleration vector moved within each second: the length of its per-axis ranges, √(Δx² + Δy² + Δz²). A turn of the foot moves gravity across the axes without changing its length, so this shows it (a 30° turn: about 520 mg); the whole-night chart shows the highest second of each ${parts.overviewBinS}-s bin.</li>
<li>PLM index: ${escapeHtml(PLM_INDEX_DENOMINATOR)}</li>
<li>A periodic series is ≥ 4 LMs with onset-to-onset intervals of 10–90 s (WASM/IRLSSG 2016), as counted by the firmware.</li>
<li>Time from a session's end to the next restlessness: until the next RESTLESS event; a session with none after it is left out of the median.</li>
${hasTruth ? `<li>${escapeHtml(MATCH_RULE)}</li>` : ""}
</ul>
</footer>
</main>
<script type="application/json" id="night-model">${scriptSafe(parts.modelJson)}</script>
<script>${scriptSafe(parts.vegaJs)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
