// Live charts (uPlot): the three accelerometer axes with the detector's movements shaded from
// their onset to their end (LM / SHORT / LONG; a movement still going on is shaded as such),
// periodic series and restlessness marked, and the ground truth as a strip along the bottom;
// below, the motor and heater duties and the pad temperature, with sessions and faults shaded.
// A scrolling window follows the night; dragging across a chart zooms in (and stops following).

import uPlot from "uplot";
import { clockTime } from "../../host/report/timeline.js";
import type { LiveRun } from "../liveNight.js";
import type { Span } from "../marks.js";

/** Chart x values are seconds of a fixed day in UTC, so the axis reads the time of day. */
const DAY0_S = Date.UTC(2000, 0, 1) / 1000;

const MOVE_FILL: Record<string, string> = {
  LM: "rgba(28, 126, 214, 0.22)", SHORT: "rgba(134, 142, 150, 0.25)", LONG: "rgba(132, 94, 247, 0.2)", open: "rgba(250, 176, 5, 0.3)",
};
const TRUTH_FILL: Record<string, string> = {
  LM: "#1c7ed6", JERK: "#e8590c", TURN: "#845ef7", RUB: "#a0522d", FIDGET: "#868e96",
};

export class ChartsPanel {
  private run: LiveRun | null = null;
  private accel: uPlot;
  private actuators: uPlot;
  private window_ms = 120_000;
  /** The stretch shown when not following the night, ms. */
  private view: { from_ms: number; to_ms: number } | null = null;
  private base_s = DAY0_S;
  /** The run's ground truth as spans (a movement without a duration gets 200 ms, to be seen). */
  private truth: (Span & { label: string })[] = [];

  constructor(private readonly accelBox: HTMLElement, private readonly actuatorBox: HTMLElement,
    private readonly onFollowChange: (following: boolean) => void) {
    const width = Math.max(300, accelBox.clientWidth);
    const common = (height: number): Partial<uPlot.Options> => ({
      width, height,
      cursor: { drag: { x: true, y: false, setScale: false }, sync: { key: "calmfoot-night" } },
      legend: { live: true },
    });
    this.accel = new uPlot({
      ...common(260),
      scales: { x: { time: true } },
      series: [{ value: (_u: uPlot, v: number | null) => timeOfDay(v, 3) }, { label: "x", stroke: "#d9480f", width: 1, value: mg }, { label: "y", stroke: "#2b8a3e", width: 1, value: mg },
        { label: "z", stroke: "#1864ab", width: 1, value: mg }],
      axes: [timeAxis, { label: "acceleration (mg)", size: 60 }],
      hooks: { drawClear: [(u) => this.drawAccelSpans(u)], draw: [(u) => this.drawRestless(u)], setSelect: [(u) => this.zoomTo(u)] },
    } as uPlot.Options, [[], [], [], []], accelBox);
    this.actuators = new uPlot({
      ...common(170),
      scales: { x: { time: true }, pct: { range: [0, 100] }, degc: { range: (_u, min, max) => [Math.min(25, min ?? 25), Math.max(45, max ?? 45)] } },
      series: [{ value: (_u: uPlot, v: number | null) => timeOfDay(v, 3) },
        { label: "motor", stroke: "#1c7ed6", width: 1.5, scale: "pct", value: pct },
        { label: "heater", stroke: "#e8590c", width: 1, scale: "pct", value: pct },
        { label: "pad", stroke: "#c92a2a", width: 2, scale: "degc", value: (_u: uPlot, v: number | null) => (v === null ? "–" : `${v.toFixed(1)} °C`) }],
      axes: [timeAxis, { scale: "pct", label: "duty (%)", size: 60 }, { scale: "degc", side: 1, label: "pad (°C)", grid: { show: false } }],
      hooks: { drawClear: [(u) => this.drawActuatorMarks(u)], setSelect: [(u) => this.zoomTo(u)] },
    } as uPlot.Options, [[], [], [], []], actuatorBox);
    new ResizeObserver(() => this.resize()).observe(accelBox);
  }

  reset(run: LiveRun): void {
    this.run = run;
    this.base_s = DAY0_S + run.start_ms_of_day / 1000;
    this.truth = run.truth.map((t) => ({ start_ms: t.onset_ms, end_ms: t.onset_ms + Math.max(t.duration_ms, 200), label: t.label }));
    this.follow();
  }

  setWindow(ms: number): void {
    this.window_ms = ms;
    this.update();
  }

  get following(): boolean {
    return this.view === null;
  }

  /** Back to following the night as it runs. */
  follow(): void {
    this.view = null;
    this.onFollowChange(true);
    this.update();
  }

  /** Redraws the window (following the night, or the zoomed stretch). */
  update(): void {
    const run = this.run;
    if (!run) return;
    let from_ms: number;
    let to_ms: number;
    if (this.view) {
      ({ from_ms, to_ms } = this.view);
    } else {
      to_ms = Math.max(run.night_ms, this.window_ms);
      from_ms = to_ms - this.window_ms;
    }
    const points = Math.max(100, Math.round(this.accel.bbox.width / devicePixelRatio));
    const { t_s, values } = run.samples.window(from_ms, to_ms, points);
    const x = t_s.map((t) => t + this.base_s);
    const scale = { min: this.base_s + from_ms / 1000, max: this.base_s + to_ms / 1000 };
    this.accel.batch(() => {
      this.accel.setData([x, values[0], values[1], values[2]] as uPlot.AlignedData, false);
      this.accel.setScale("x", scale);
    });
    const div = (v: number | null, d: number) => (v === null ? null : v / d);
    this.actuators.batch(() => {
      this.actuators.setData([x, values[3].map((v) => div(v, 10)), values[4].map((v) => div(v, 10)), values[5].map((v) => div(v, 100))] as uPlot.AlignedData, false);
      this.actuators.setScale("x", scale);
    });
  }

  private resize(): void {
    const width = Math.max(300, this.accelBox.clientWidth);
    this.accel.setSize({ width, height: 260 });
    this.actuators.setSize({ width, height: 170 });
    this.update();
  }

  /** A drag across either chart: show that stretch, in full detail, on both. */
  private zoomTo(u: uPlot): void {
    const sel = u.select;
    if (sel.width < 2) return;
    const from_s = u.posToVal(sel.left, "x");
    const to_s = u.posToVal(sel.left + sel.width, "x");
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    this.view = { from_ms: (from_s - this.base_s) * 1000, to_ms: (to_s - this.base_s) * 1000 };
    this.onFollowChange(false);
    this.update();
  }

  // ─── Marks ──────────────────────────────────────────────────────────────────────

  private px(u: uPlot, night_ms: number): number {
    return u.valToPos(this.base_s + night_ms / 1000, "x", true);
  }

  /** Shades each span over the plot's height (or a strip of it); an open span reaches `now_ms`. */
  private shade<T extends Span>(u: uPlot, spans: readonly T[], fill: (s: T) => string, now_ms: number, top = 0, height?: number): void {
    const { left, width } = u.bbox;
    const ctx = u.ctx;
    const min = u.scales.x.min!;
    const max = u.scales.x.max!;
    const y = u.bbox.top + top;
    const h = height ?? u.bbox.height;
    for (const s of spans) {
      const end = s.end_ms ?? now_ms;
      if (this.base_s + end / 1000 < min || this.base_s + s.start_ms / 1000 > max) continue;
      const x0 = Math.max(left, this.px(u, s.start_ms));
      const x1 = Math.min(left + width, Math.max(this.px(u, end), x0 + 1));
      ctx.fillStyle = fill(s);
      ctx.fillRect(x0, y, x1 - x0, h);
    }
  }

  /** Under the axes' lines: movements, series (a strip along the top), the truth (along the bottom). */
  private drawAccelSpans(u: uPlot): void {
    const run = this.run;
    if (!run) return;
    const dpr = devicePixelRatio;
    u.ctx.save();
    const marks = run.marks;
    this.shade(u, marks.movements, (m) => MOVE_FILL[m.cls ?? "open"], run.night_ms);
    this.shade(u, marks.series, () => "rgba(47, 158, 68, 0.75)", run.night_ms, 0, 6 * dpr);
    this.shade(u, this.truth, (t) => TRUTH_FILL[t.label] ?? "#495057", run.night_ms, u.bbox.height - 6 * dpr, 6 * dpr);
    u.ctx.restore();
  }

  /** Over the lines: restlessness as a red line with its reason. */
  private drawRestless(u: uPlot): void {
    const run = this.run;
    if (!run) return;
    const ctx = u.ctx;
    const dpr = devicePixelRatio;
    const marks = run.marks;
    ctx.save();
    ctx.strokeStyle = "#e03131";
    ctx.fillStyle = "#e03131";
    ctx.lineWidth = 2 * dpr;
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    for (const r of marks.restless) {
      const x = this.px(u, r.at_ms);
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.fillText(`RESTLESS (${r.reason})`, x + 3 * dpr, u.bbox.top + 18 * dpr);
    }
    ctx.restore();
  }

  private drawActuatorMarks(u: uPlot): void {
    const run = this.run;
    if (!run) return;
    u.ctx.save();
    this.shade(u, run.marks.sessions, () => "rgba(28, 126, 214, 0.08)", run.night_ms);
    this.shade(u, run.marks.faults, () => "rgba(224, 49, 49, 0.18)", run.night_ms);
    u.ctx.restore();
  }
}

/** "23:14:05" (or with ms) for a chart x value. */
function timeOfDay(x_s: number | null, ms = 0): string {
  if (x_s === null) return "–";
  const text = clockTime(0, (x_s - DAY0_S) * 1000);
  return ms ? text : text.slice(0, 8);
}

/** The time axis reads the time of day, 24 h, whatever the browser's locale. */
const timeAxis: uPlot.Axis = { values: (_u, splits) => splits.map((s) => timeOfDay(s)), space: 70 };

function mg(_u: uPlot, v: number | null): string {
  return v === null ? "–" : `${Math.round(v)} mg`;
}

function pct(_u: uPlot, v: number | null): string {
  return v === null ? "–" : `${Math.round(v)} %`;
}
