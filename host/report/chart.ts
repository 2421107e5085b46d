// The night as a Vega spec: lanes stacked on one time axis (time of day), each showing one thing
// the device measured or did. The same lanes serve twice: drawn server-side as a static SVG of
// the whole night (no script needed to read it), and in the page with the x scale bound to a
// brush, so a person can zoom to any hour.
//
// Times in the chart data are "UTC" epoch ms of a fixed day (2000-01-01) plus the time of day,
// so Vega's utc scale labels the axis with the wall clock and crosses midnight on its own.

import type { NightRecord } from "../record.js";
import { isLmLabel } from "../scoring/labels.js";
import { isSleepLabel } from "../scoring/sleep.js";
import type { NightSummary } from "./summary.js";

/** Epoch ms of offset 0 of the night on the chart's time axis. */
export function chartBase(record: NightRecord): number {
  return Date.UTC(2000, 0, 1) + record.start_ms_of_day;
}

/** The night's trace resampled to bins of `bin_s` seconds, columns of equal length. */
export interface TraceColumns {
  /** Chart time of the first bin (ms) and the bin length (ms). */
  t0: number;
  step_ms: number;
  /** Peak activity in the bin, mg (null: no samples). */
  act: (number | null)[];
  /** Mean duty in the bin, permille. */
  vib: number[];
  heat: number[];
  /** Mean pad temperature in the bin, °C (null: unknown). */
  pad: (number | null)[];
}

export function traceColumns(record: NightRecord, bin_s: number): TraceColumns {
  const { activity_mg, vibration_permille, heater_permille, pad_cdeg } = record.trace;
  const n = activity_mg.length;
  // A long night's trace has points of step_s seconds (record.ts): a bin is whole points.
  const step_s = record.trace.step_s ?? 1;
  const per = Math.max(1, Math.round(bin_s / step_s));
  const out: TraceColumns = { t0: chartBase(record), step_ms: per * step_s * 1000, act: [], vib: [], heat: [], pad: [] };
  for (let i = 0; i < n; i += per) {
    const end = Math.min(n, i + per);
    let act = -Infinity;
    let vib = 0;
    let heat = 0;
    let pad = 0;
    let padCount = 0;
    for (let k = i; k < end; k++) {
      if (Number.isFinite(activity_mg[k]) && activity_mg[k] > act) act = activity_mg[k];
      vib += vibration_permille[k] ?? 0;
      heat += heater_permille[k] ?? 0;
      if (Number.isFinite(pad_cdeg[k])) { pad += pad_cdeg[k]; padCount++; }
    }
    out.act.push(act === -Infinity ? null : act);
    out.vib.push(Math.round(vib / (end - i)));
    out.heat.push(Math.round(heat / (end - i)));
    out.pad.push(padCount ? Math.round(pad / padCount) / 100 : null);
  }
  return out;
}

export interface TraceRow { t: number; act: number | null; vib: number; heat: number; pad: number | null }

export function traceRows(c: TraceColumns): TraceRow[] {
  return c.act.map((act, i) => ({ t: c.t0 + i * c.step_ms, act, vib: c.vib[i], heat: c.heat[i], pad: c.pad[i] }));
}

/** The event marks of the chart (chart times, ms). */
export interface ChartMarks {
  moves: { s: number; e: number; c: "LM" | "SHORT" | "LONG"; unmatched?: boolean }[];
  truth: { s: number; e: number; label: string; lm: boolean; missed: boolean }[];
  series: { s: number; e: number; n: number }[];
  restless: { t: number; reason: string }[];
  sessions: { s: number; e: number; cause: string; open: boolean }[];
  faults: { s: number; e: number; name: string }[];
  restarts: { t: number }[];
  /** The hypnogram (row: 0 W … 4 N3, -1 not scored or movement time) and the lights marks. */
  stages: { s: number; e: number; stage: string; row: number }[];
  lights: { t: number; kind: "off" | "on" }[];
  /** Stretches of the recording outside time in bed. */
  outOfBed: { s: number; e: number }[];
}

/** Hypnogram rows, top to bottom, as sleep labs draw them: wake, REM, then NREM by depth. */
const STAGE_ROWS: Record<string, number> = { W: 0, R: 1, N1: 2, N2: 3, N: 3, N3: 4 };

export function chartMarks(record: NightRecord, summary: NightSummary): ChartMarks {
  const base = chartBase(record);
  const end = base + record.duration_ms;
  const falseLms = new Set(summary.agreement?.false_lms ?? []);
  const missed = new Set(summary.agreement?.missed ?? []);
  const truth = record.truth ?? [];
  return {
    moves: summary.movements.map((m, i) => ({
      s: base + m.onset_ms, e: base + m.onset_ms + m.duration_ms, c: m.cls,
      ...(summary.agreement && m.cls === "LM" ? { unmatched: falseLms.has(i) } : {}),
    })),
    // Sleep stages and lights marks have their own lane; the Labelled lane shows the rest.
    truth: truth.flatMap((t, j) => isSleepLabel(t.label) ? [] : [{
      s: base + t.onset_ms, e: base + t.onset_ms + t.duration_ms, label: t.label,
      lm: isLmLabel(t.label), missed: missed.has(j),
    }]),
    series: summary.series.map((s) => ({ s: base + s.start_ms, e: base + s.end_ms, n: s.lm_count })),
    restless: summary.restless.map((r) => ({ t: base + r.at_ms, reason: r.reason })),
    sessions: summary.sessions.map((s) => ({ s: base + s.start_ms, e: s.end_ms === null ? end : base + s.end_ms, cause: s.cause, open: s.end_ms === null })),
    faults: summary.faults.map((f) => ({ s: base + f.start_ms, e: f.end_ms === null ? end : base + f.end_ms, name: f.name })),
    restarts: (record.restarts ?? []).map((r) => ({ t: base + ((r.now_ms - record.clock0_ms) >>> 0) })),
    stages: summary.scoring.stages.map((x) => ({ s: base + x.from_ms, e: base + x.to_ms, stage: x.stage, row: STAGE_ROWS[x.stage] ?? -1 })),
    lights: [
      ...(summary.scoring.lights_off_ms !== null ? [{ t: base + summary.scoring.lights_off_ms, kind: "off" as const }] : []),
      ...(summary.scoring.lights_on_ms !== null ? [{ t: base + summary.scoring.lights_on_ms, kind: "on" as const }] : []),
    ],
    outOfBed: [
      ...(summary.in_bed.from_ms > 0 ? [{ s: base, e: base + summary.in_bed.from_ms }] : []),
      ...(summary.in_bed.to_ms < record.duration_ms ? [{ s: base + summary.in_bed.to_ms, e: end }] : []),
    ],
  };
}

/** How the time axis is ticked: an interval of Vega's time units, a step, and the label format. */
export interface TimeTicks {
  /** Vega's time unit names (vega-time). */
  interval: "seconds" | "minutes" | "hours";
  step: number;
  format: string;
}

/** Tick steps to choose from, ms, each a divisor of the next larger unit so ticks fall on round times. */
const TICK_STEPS: [TimeTicks["interval"], number][] = [
  ["seconds", 10], ["seconds", 15], ["seconds", 30], ["minutes", 1], ["minutes", 2], ["minutes", 5], ["minutes", 10],
  ["minutes", 15], ["minutes", 30], ["hours", 1], ["hours", 2], ["hours", 3], ["hours", 6],
];
const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000 } as const;
/** At most this many ticks on the whole night's axis (a label is about 40 px wide). */
const MAX_TICKS = 12;

/**
 * Ticks that suit the recording's length: the finest round step that gives at most 12 ticks, so a
 * 10-minute recording is labelled every minute, an 8-hour night every hour, 24 hours every 2 h;
 * seconds appear in the labels only when the step is shorter than a minute.
 */
export function timeTicks(duration_ms: number): TimeTicks {
  const found = TICK_STEPS.find(([unit, step]) => duration_ms / (UNIT_MS[unit] * step) <= MAX_TICKS) ?? TICK_STEPS[TICK_STEPS.length - 1];
  const [interval, step] = found;
  return { interval, step, format: interval === "seconds" ? "%H:%M:%S" : "%H:%M" };
}

export const COLORS = {
  activity: "#4a5568",
  LM: "#2b6cb0",
  LM_UNMATCHED: "#e53e3e",
  SHORT: "#718096",
  LONG: "#dd6b20",
  truthLm: "#38a169",
  truthMissed: "#e53e3e",
  truthOther: "#a0aec0",
  series: "#9f7aea",
  restless: "#c53030",
  auto: "#319795",
  button: "#5a67d8",
  vibration: "#319795",
  heater: "#e53e3e",
  pad: "#c05621",
  fault: "#e53e3e",
  stage: "#2c5282",
  stageRem: "#805ad5",
  stageUnscored: "#cbd5e0",
  lights: "#d69e2e",
  outOfBed: "#a0aec0",
} as const;

interface Lane { key: string; title: string; height: number; marks: object[]; scales?: object[]; axes?: object[] }

// The zoomable chart does not clip its lanes (Vega's group clipping misplaced the clip rects
// after a domain change in Chromium): marks are clamped to the plotting area instead, and those
// wholly outside the window are transparent.
let clampToWidth = false;

/** x of datum[field] on `x`, clamped to the plotting area in the zoomable chart. */
function xAt(x: string, field: string): object {
  return clampToWidth ? { signal: `clamp(scale('${x}', datum.${field}), 0, width)` } : { scale: x, field };
}

/** Opacity 1 when [datum[from], datum[to]] meets the window of `x` (always 1 in the static chart). */
function inView(x: string, from: string, to: string): object {
  return clampToWidth ? { signal: `datum.${to} >= domain('${x}')[0] && datum.${from} <= domain('${x}')[1] ? 1 : 0` } : { value: 1 };
}

/** A rect from datum.s to datum.e on `x`, at least `min_px` wide so that a 0.2 s jerk stays visible. */
function spanX(x: string, min_px: number) {
  if (!clampToWidth || x !== "x") {
    return {
      x: { scale: x, field: "s" },
      width: { signal: `max(${min_px}, scale('${x}', datum.e) - scale('${x}', datum.s))` },
    };
  }
  const c = (f: string) => `clamp(scale('${x}', datum.${f}), 0, width)`;
  return {
    x: { signal: c("s") },
    width: { signal: `max(${min_px}, ${c("e")} - ${c("s")})` },
    opacity: inView(x, "s", "e"),
  };
}

function lanes(x: string, hasTruth: boolean, hasPad: boolean, hasSleep: boolean, prefix: string, trace: string): Lane[] {
  const t = (name: string) => `${prefix}${name}`;
  const moveRow = (cls: string, y: number, h: number, fill: object, name: string, min_px: number) => ({
    type: "rect", name: t(name), from: { data: "moves" },
    encode: { enter: { y: { value: y }, height: { value: h }, fill, tooltip: { signal: `'${cls} ' + format((datum.e - datum.s) / 1000, '.1f') + ' s at ' + utcFormat(datum.s, '%H:%M:%S')` } },
      update: spanX(x, min_px) },
  });
  const list: Lane[] = [
    {
      // The activity is the range of the acceleration vector in each second (host/record.ts: a
      // rotation of the foot shows; the magnitude alone hid it).
      key: "activity", title: "Activity (mg)", height: 80,
      scales: [{ name: "ya", type: "sqrt", domain: { data: trace, field: "act" }, range: [80, 0], nice: true, zero: true }],
      axes: [{ orient: "right", scale: "ya", tickCount: 3, labelFontSize: 9, grid: false, domain: false }],
      marks: [{
        type: "area", name: t("activity"), from: { data: trace },
        encode: { enter: { fill: { value: COLORS.activity }, fillOpacity: { value: 0.85 }, interpolate: { value: "step-after" } },
          update: { x: xAt(x, "t"), y: { scale: "ya", field: "act" }, y2: { scale: "ya", value: 0 }, defined: { signal: "isValid(datum.act)" } } },
      }],
    },
    {
      key: "moves", title: "Movements", height: 48,
      marks: [
        { type: "text", encode: { enter: { x: { signal: "width" }, dx: { value: 4 }, y: { value: 8 }, text: { value: "LM" }, fontSize: { value: 9 }, baseline: { value: "middle" }, fill: { value: COLORS.LM } } } },
        { type: "text", encode: { enter: { x: { signal: "width" }, dx: { value: 4 }, y: { value: 24 }, text: { value: "short" }, fontSize: { value: 9 }, baseline: { value: "middle" }, fill: { value: COLORS.SHORT } } } },
        { type: "text", encode: { enter: { x: { signal: "width" }, dx: { value: 4 }, y: { value: 40 }, text: { value: "long" }, fontSize: { value: 9 }, baseline: { value: "middle" }, fill: { value: COLORS.LONG } } } },
        withFilter(moveRow("LM", 1, 14, { signal: `datum.unmatched ? '${COLORS.LM_UNMATCHED}' : '${COLORS.LM}'` }, "lm", 1.5), "datum.c === 'LM'"),
        withFilter(moveRow("short movement", 19, 10, { value: COLORS.SHORT }, "short", 1), "datum.c === 'SHORT'"),
        withFilter(moveRow("long movement", 33, 14, { value: COLORS.LONG }, "long", 1.5), "datum.c === 'LONG'"),
      ],
    },
  ];
  if (hasSleep) {
    const ROW_H = 8;
    const rowLabel = (text: string, row: number) => ({ type: "text", encode: { enter: { x: { signal: "width" }, dx: { value: 4 },
      y: { value: 2 + row * ROW_H + ROW_H / 2 }, text: { value: text }, fontSize: { value: 8 }, baseline: { value: "middle" }, fill: { value: COLORS.stage } } } });
    list.push({
      key: "sleep", title: "Sleep stages", height: 2 + 5 * ROW_H + 2,
      marks: [
        ...["W", "R", "N1", "N2", "N3"].map(rowLabel),
        { type: "rect", name: t("out-of-bed"), from: { data: "outOfBed" }, interactive: false,
          encode: { enter: { y: { value: 0 }, height: { value: 2 + 5 * ROW_H + 2 }, fill: { value: COLORS.outOfBed }, fillOpacity: { value: 0.35 } },
            update: spanX(x, 0) } },
        { type: "rect", name: t("stage"), from: { data: "stages" },
          encode: { enter: { y: { signal: `datum.row < 0 ? 2 : ${2} + datum.row * ${ROW_H}` }, height: { signal: `datum.row < 0 ? ${5 * ROW_H} : ${ROW_H - 1}` },
            fill: { signal: `datum.row < 0 ? '${COLORS.stageUnscored}' : datum.row === 1 ? '${COLORS.stageRem}' : '${COLORS.stage}'` },
            fillOpacity: { signal: "datum.row < 0 ? 0.5 : 0.9" },
            tooltip: { signal: "'sleep stage ' + datum.stage + ' ' + utcFormat(datum.s, '%H:%M:%S') + '–' + utcFormat(datum.e, '%H:%M:%S')" } },
            update: spanX(x, 0) } },
        { type: "rule", name: t("lights"), from: { data: "lights" },
          encode: { enter: { y: { value: -2 }, y2: { value: 2 + 5 * ROW_H + 4 }, stroke: { value: COLORS.lights }, strokeWidth: { value: 2 }, strokeDash: { value: [4, 2] },
            tooltip: { signal: "'lights ' + datum.kind + ' at ' + utcFormat(datum.t, '%H:%M:%S')" } },
            update: { x: xAt(x, "t"), opacity: inView(x, "t", "t") } } },
      ],
    });
  }
  if (hasTruth) {
    list.push({
      key: "truth", title: "Labelled", height: 32,
      marks: [
        { type: "text", encode: { enter: { x: { signal: "width" }, dx: { value: 4 }, y: { value: 8 }, text: { value: "LM" }, fontSize: { value: 9 }, baseline: { value: "middle" }, fill: { value: COLORS.truthLm } } } },
        { type: "text", encode: { enter: { x: { signal: "width" }, dx: { value: 4 }, y: { value: 24 }, text: { value: "other" }, fontSize: { value: 9 }, baseline: { value: "middle" }, fill: { value: COLORS.truthOther } } } },
        withFilter({
          type: "rect", name: t("truth-lm"), from: { data: "truth" },
          encode: { enter: { y: { value: 1 }, height: { value: 14 }, fill: { signal: `datum.missed ? '${COLORS.truthMissed}' : '${COLORS.truthLm}'` },
            tooltip: { signal: "datum.label + (datum.missed ? ' (missed)' : '') + ' at ' + utcFormat(datum.s, '%H:%M:%S')" } }, update: spanX(x, 1.5) },
        }, "datum.lm"),
        withFilter({
          type: "rect", name: t("truth-other"), from: { data: "truth" },
          encode: { enter: { y: { value: 18 }, height: { value: 12 }, fill: { value: COLORS.truthOther },
            tooltip: { signal: "datum.label + ' at ' + utcFormat(datum.s, '%H:%M:%S')" } }, update: spanX(x, 1) },
        }, "!datum.lm"),
      ],
    });
  }
  list.push(
    {
      key: "restless", title: "Series · restless", height: 30,
      marks: [
        { type: "rect", name: t("series"), from: { data: "series" },
          encode: { enter: { y: { value: 3 }, height: { value: 12 }, fill: { value: COLORS.series }, fillOpacity: { value: 0.7 },
            tooltip: { signal: "'periodic series of ' + datum.n + ' LMs'" } }, update: spanX(x, 2) } },
        { type: "symbol", name: t("restless"), from: { data: "restless" },
          encode: { enter: { y: { value: 23 }, size: { value: 60 }, fill: { value: COLORS.restless },
            shape: { signal: "datum.reason === 'periodic' ? 'triangle-down' : 'diamond'" },
            tooltip: { signal: "'restless (' + datum.reason + ') at ' + utcFormat(datum.t, '%H:%M:%S')" } },
            update: { x: xAt(x, "t"), opacity: inView(x, "t", "t") } } },
      ],
    },
    {
      key: "sessions", title: "Sessions", height: 22,
      marks: [
        { type: "rect", name: t("session"), from: { data: "sessions" },
          encode: { enter: { y: { value: 2 }, height: { value: 18 }, cornerRadius: { value: 3 },
            fill: { signal: `datum.cause === 'auto' ? '${COLORS.auto}' : '${COLORS.button}'` }, fillOpacity: { value: 0.85 },
            tooltip: { signal: "datum.cause + ' session ' + utcFormat(datum.s, '%H:%M') + '–' + utcFormat(datum.e, '%H:%M')" } },
            update: spanX(x, 2) } },
      ],
    },
    {
      key: "duty", title: "Duty (‰)", height: 50,
      scales: [{ name: "yd", type: "linear", domain: [0, 1000], range: [50, 0] }],
      axes: [{ orient: "right", scale: "yd", values: [0, 500, 1000], labelFontSize: 9, domain: false }],
      marks: [
        { type: "line", name: t("vibration"), from: { data: trace },
          encode: { enter: { stroke: { value: COLORS.vibration }, strokeWidth: { value: 1.5 }, interpolate: { value: "step-after" } },
            update: { x: xAt(x, "t"), y: { scale: "yd", field: "vib" } } } },
        { type: "line", name: t("heater"), from: { data: trace },
          encode: { enter: { stroke: { value: COLORS.heater }, strokeWidth: { value: 1.2 }, strokeDash: { value: [3, 2] }, interpolate: { value: "step-after" } },
            update: { x: xAt(x, "t"), y: { scale: "yd", field: "heat" } } } },
      ],
    },
    {
      key: "pad", title: "Pad (°C)", height: 50,
      scales: [{ name: "yp", type: "linear", domain: [15, 45], range: [50, 0], clamp: true }],
      axes: [{ orient: "right", scale: "yp", values: [20, 30, 41], labelFontSize: 9, domain: false }],
      marks: hasPad ? [
        { type: "rule", encode: { enter: { x: { value: 0 }, x2: { signal: "width" }, y: { scale: "yp", value: 41 }, stroke: { value: COLORS.heater }, strokeDash: { value: [2, 3] }, strokeOpacity: { value: 0.6 } } } },
        { type: "line", name: t("pad"), from: { data: trace },
          encode: { enter: { stroke: { value: COLORS.pad }, strokeWidth: { value: 1.5 } },
            update: { x: xAt(x, "t"), y: { scale: "yp", field: "pad" }, defined: { signal: "isValid(datum.pad)" } } } },
      ] : [
        { type: "text", encode: { enter: { x: { value: 6 }, y: { value: 25 }, baseline: { value: "middle" }, fontSize: { value: 10 }, fill: { value: "#718096" }, text: { value: "no thermistor in this record" } } } },
      ],
    },
    {
      key: "faults", title: "Faults", height: 20,
      marks: [
        { type: "rect", name: t("fault"), from: { data: "faults" },
          encode: { enter: { y: { value: 2 }, height: { value: 16 }, fill: { value: COLORS.fault }, fillOpacity: { value: 0.8 },
            tooltip: { signal: "datum.name + ' from ' + utcFormat(datum.s, '%H:%M:%S')" } }, update: spanX(x, 2) } },
        { type: "rule", name: t("restart"), from: { data: "restarts" },
          encode: { enter: { y: { value: 0 }, y2: { value: 20 }, stroke: { value: "#1a202c" }, strokeWidth: { value: 2 } },
            update: { x: xAt(x, "t"), opacity: inView(x, "t", "t") } } },
      ],
    },
  );
  return list;
}

function withFilter<T extends { from: { data: string } }>(mark: T, expr: string): T {
  // A facet-free filter: a mark reads from a derived data set named after the filter.
  return { ...mark, from: { data: `${mark.from.data}|${expr}` } };
}

/** Data sets the marks read through withFilter, declared once each. */
function filteredData(lanesList: Lane[]): object[] {
  const names = new Set<string>();
  const visit = (marks: object[]) => {
    for (const m of marks as { from?: { data?: string } }[]) if (m.from?.data?.includes("|")) names.add(m.from.data);
  };
  for (const lane of lanesList) visit(lane.marks);
  return [...names].map((name) => {
    const [source, expr] = name.split("|");
    return { name, source, transform: [{ type: "filter", expr }] };
  });
}

const LABEL_WIDTH = 120;
const GAP = 6;

export interface SpecOptions {
  width: number;
  /** Static: the whole night on `x`. Interactive: an overview strip with a brush drives `x`. */
  interactive: boolean;
  hasTruth: boolean;
  hasPad: boolean;
  /** A sleep-stage lane (stages or lights marks in the recording). */
  hasSleep: boolean;
  /** Night on the chart axis. */
  start: number;
  end: number;
}

function laneGroups(list: Lane[], x: string, top: number, interactive: boolean, ticks: TimeTicks): { marks: object[]; height: number } {
  const marks: object[] = [];
  let y = top;
  for (const lane of list) {
    marks.push({
      type: "text",
      encode: { enter: { x: { value: -10 }, y: { value: y + lane.height / 2 }, align: { value: "right" }, baseline: { value: "middle" },
        fontSize: { value: 11 }, fontWeight: { value: 600 }, fill: { value: "#2d3748" }, text: { value: lane.title } } },
    });
    marks.push({
      type: "group", name: `lane-${lane.key}`,
      encode: { enter: { x: { value: 0 }, y: { value: y }, height: { value: lane.height }, fill: { value: "#fbfbfd" }, stroke: { value: "#e2e8f0" } },
        update: { width: { signal: "width" } } },
      scales: lane.scales ?? [],
      axes: [
        { orient: "bottom", scale: x, grid: true, gridColor: "#e2e8f0", labels: false, ticks: false, domain: false,
          ...(interactive ? { tickCount: 8 } : { tickCount: { interval: ticks.interval, step: ticks.step } }) },
        ...(lane.axes ?? []),
      ],
      marks: lane.marks,
    });
    y += lane.height + GAP;
  }
  return { marks, height: y - top };
}

/**
 * The Vega spec of the night. Data sets: "trace" (rows of TraceRow, the chart's resolution),
 * "overview" (coarse rows, interactive only), "moves", "truth", "series", "restless",
 * "sessions", "faults", "restarts" (ChartMarks). Named marks: "lm", "short", "long", "session",
 * "series", "restless", "fault", "truth-lm" … (prefixed "zoom-" in the interactive chart).
 */
export function nightSpec(marks: ChartMarks, traceData: TraceRow[], options: SpecOptions & { overview?: TraceRow[] }): object {
  const prefix = options.interactive ? "zoom-" : "";
  const trace = options.interactive ? "traceInView" : "trace";
  clampToWidth = options.interactive;
  const list = lanes("x", options.hasTruth, options.hasPad, options.hasSleep, prefix, trace);
  clampToWidth = false;
  const OVERVIEW_H = 36;
  const top = options.interactive ? OVERVIEW_H + 28 : 0;
  const ticks = timeTicks(options.end - options.start);
  const { marks: laneMarks, height } = laneGroups(list, "x", top, options.interactive, ticks);
  const data: object[] = [
    { name: "trace", values: traceData },
    { name: "moves", values: marks.moves },
    { name: "truth", values: marks.truth },
    { name: "series", values: marks.series },
    { name: "restless", values: marks.restless },
    { name: "sessions", values: marks.sessions },
    { name: "faults", values: marks.faults },
    { name: "restarts", values: marks.restarts },
    { name: "stages", values: marks.stages },
    { name: "lights", values: marks.lights },
    { name: "outOfBed", values: marks.outOfBed },
  ];
  const signals: object[] = [];
  const top_marks: object[] = [];
  const scales: object[] = [];
  if (options.interactive) {
    data.push({ name: "overviewTrace", values: options.overview ?? [] });
    // Only the seconds in view (plus one either side) are drawn: a whole night per second would
    // make every brush move redraw 28 800 points.
    // "trace" holds the night twice: per second (res 1) and in overview bins (res > 1). A window
    // of more than 3 h is drawn from the bins, a shorter one per second; either way at most a few
    // thousand points are redrawn when the brush moves.
    data.push({ name: "traceInView", source: "trace",
      transform: [{ type: "filter", expr: "(span(detailDomain) > 10800000 ? datum.res > 1 : datum.res === 1) && datum.t >= detailDomain[0] - 60000 && datum.t <= detailDomain[1] + 60000" }] });
    scales.push({ name: "xo", type: "utc", domain: [options.start, options.end], range: "width" });
    scales.push({ name: "x", type: "utc", domain: { signal: "detailDomain" }, range: "width" });
    scales.push({ name: "yo", type: "sqrt", domain: { data: "overviewTrace", field: "act" }, range: [OVERVIEW_H, 0], zero: true });
    signals.push(
      // The brush, in pixels of the overview strip; [0, 0] shows the whole night.
      { name: "brush", value: [0, 0], on: [
        { events: "@overview:pointerdown", update: "[clamp(x(), 0, width), clamp(x(), 0, width)]" },
        { events: "[@overview:pointerdown, window:pointerup] > window:pointermove!", update: "[brush[0], clamp(x(), 0, width)]" },
        { events: { signal: "delta" }, update: "clampRange([anchor[0] + delta, anchor[1] + delta], 0, width)" },
      ] },
      { name: "anchor", value: null, on: [{ events: "@brushRect:pointerdown", update: "slice(brush)" }] },
      { name: "xdown", value: 0, on: [{ events: "@brushRect:pointerdown", update: "x()" }] },
      { name: "delta", value: 0, on: [{ events: "[@brushRect:pointerdown, window:pointerup] > window:pointermove!", update: "x() - xdown" }] },
      // An hour button sets the window exactly (the brush, in pixels, only shows it).
      { name: "exact", value: null, on: [{ events: "@overview:pointerdown, @brushRect:pointerdown", update: "null" }] },
      { name: "detailDomain",
        update: `exact ? exact : abs(brush[1] - brush[0]) > 2 ? [time(invert('xo', min(brush[0], brush[1]))), time(invert('xo', max(brush[0], brush[1])))] : [${options.start}, ${options.end}]` },
    );
    top_marks.push(
      { type: "text", encode: { enter: { x: { value: -10 }, y: { value: OVERVIEW_H / 2 }, align: { value: "right" }, baseline: { value: "middle" },
        fontSize: { value: 11 }, fontWeight: { value: 600 }, fill: { value: "#2d3748" }, text: { value: "Drag to zoom ▸" } } } },
      {
        type: "group", name: "overview",
        encode: { enter: { x: { value: 0 }, y: { value: 0 }, height: { value: OVERVIEW_H }, fill: { value: "#f7fafc" }, stroke: { value: "#cbd5e0" }, cursor: { value: "crosshair" } },
          update: { width: { signal: "width" } } },
        axes: [{ orient: "bottom", scale: "xo", format: ticks.format, tickCount: { interval: ticks.interval, step: ticks.step }, labelFontSize: 10 }],
        marks: [
          { type: "rect", from: { data: "sessions" }, interactive: false,
            encode: { enter: { y: { value: 0 }, height: { value: OVERVIEW_H }, fill: { signal: `datum.cause === 'auto' ? '${COLORS.auto}' : '${COLORS.button}'` }, fillOpacity: { value: 0.18 } },
              update: spanX("xo", 1) } },
          { type: "area", from: { data: "overviewTrace" }, interactive: false,
            encode: { enter: { fill: { value: COLORS.activity }, interpolate: { value: "step-after" } },
              update: { x: { scale: "xo", field: "t" }, y: { scale: "yo", field: "act" }, y2: { scale: "yo", value: 0 }, defined: { signal: "isValid(datum.act)" } } } },
          { type: "rect", name: "brushRect",
            encode: { enter: { y: { value: 0 }, height: { value: OVERVIEW_H }, fill: { value: "#3182ce" }, fillOpacity: { value: 0.2 }, stroke: { value: "#2b6cb0" }, cursor: { value: "move" } },
              update: { x: { signal: "min(brush[0], brush[1])" }, x2: { signal: "max(brush[0], brush[1])" } } } },
        ],
      },
    );
  } else {
    scales.push({ name: "x", type: "utc", domain: [options.start, options.end], range: "width" });
  }
  const bottom = top + height;
  const axisMark = {
    type: "group", name: "time-axis",
    encode: { enter: { x: { value: 0 }, y: { value: bottom }, height: { value: 0 } }, update: { width: { signal: "width" } } },
    axes: [{ orient: "bottom", scale: "x", format: options.interactive ? { signal: "span(detailDomain) < 600000 ? '%H:%M:%S' : '%H:%M'" } : ticks.format,
      ...(options.interactive ? { tickCount: 8 } : { tickCount: { interval: ticks.interval, step: ticks.step } }), labelFontSize: 11, title: "time of day", titleFontSize: 11, titleFontWeight: "normal" }],
  };
  return {
    $schema: "https://vega.github.io/schema/vega/v6.json",
    width: options.width,
    height: bottom + 2,
    padding: { left: LABEL_WIDTH, right: 44, top: 8, bottom: 40 },
    autosize: "none",
    background: "#ffffff",
    signals,
    data: [...data, ...filteredData(list)],
    scales,
    marks: [...top_marks, ...laneMarks, axisMark],
  };
}
