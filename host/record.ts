// What a board run leaves behind for reports: the event log plus a once-a-second trace of what
// the sensors and actuators did. simulate and replay both produce a NightRecord.

import type { DeviceEvent } from "./eventLog.js";

/** A labelled movement of the ground truth (simulation) or a scored one (EDF+ annotation). */
export interface LabelledMovement {
  /** Offset from the start of the night, ms. */
  onset_ms: number;
  duration_ms: number;
  /** What it really was, e.g. "LM", "JERK", "TURN", "RUB", or an annotation's text. */
  label: string;
  /** True when it belongs to a periodic series (ground truth only). */
  periodic?: boolean;
}

/**
 * Once-a-second samples of the night, index i covering [i·step_s, (i+1)·step_s) s from the start.
 * A night longer than MAX_TRACE_POINTS seconds keeps MAX_TRACE_POINTS / 2 … MAX_TRACE_POINTS
 * points: neighbours are merged in pairs (step_s doubles) each time it fills, each point keeping
 * the highest value of its seconds, so a spike (a movement, a burst of heat) stays visible.
 */
export interface Trace {
  /** Seconds per point: 1 unless the night was longer than MAX_TRACE_POINTS seconds (absent: 1). */
  step_s?: number;
  /**
   * Movement activity (the highest of the point's seconds; NaN: no sample): how far the
   * acceleration vector moved within the second, mg: the length of
   * the vector of its per-axis ranges, sqrt(Σ (max − min)²) over x, y, z. Why not the range of the
   * magnitude: a leg movement mostly turns the foot, and a pure rotation turns gravity without
   * changing its length (a 30° turn at rest moves the vector by 2·sin 15° g = 518 mg and its
   * magnitude by nothing), so the magnitude showed a flat band of noise under most LMs. The vector
   * range is at least the chord of any rotation within the second and at least the magnitude's
   * range (| |a| − |b| | ≤ |a − b|), so it also shows every jerk and vibration the old one did.
   */
  activity_mg: number[];
  /** Vibration and heater duty at the end of a second, permille (the highest of the point's seconds). */
  vibration_permille: number[];
  heater_permille: number[];
  /** Pad temperature at the end of a second, centi-°C (the highest of the point's seconds; NaN when unknown). */
  pad_cdeg: number[];
}

/** Most points a trace keeps: 36 h at one a second. */
export const MAX_TRACE_POINTS = 131_072;

/** What a recording file says about itself (its EDF/EDF+ header), for the report's title. */
export interface RecordingInfo {
  /** Date of the first sample, ISO "yyyy-mm-dd", when the file gives one. */
  date: string | null;
  /** The recording's identification (EDF+: the investigation code; EDF: the recording field). */
  id: string | null;
  /** The patient's code (EDF+) or the patient field as written (EDF). */
  patient: string | null;
  /** Sample rates of the channels used, Hz, when they were resampled to sample_hz; null when not. */
  resampled_from_hz: number[] | null;
}

export interface NightRecord {
  /** "simulate <scenario>" or the replayed file's name. */
  source: string;
  /** Board clock at the first sample (u32 ms); event times are on this clock. */
  clock0_ms: number;
  /** Wall-clock time of day at the first sample, ms after midnight (e.g. 22:30 → 81,000,000). */
  start_ms_of_day: number;
  duration_ms: number;
  sample_hz: number;
  events: DeviceEvent[];
  trace: Trace;
  /** Ground truth (simulation) or scored annotations (EDF+), when there are any. */
  truth?: LabelledMovement[];
  /** Firmware restarts after a trap, if any happened. */
  restarts?: { now_ms: number; panic_code: number | null }[];
  /** The replayed file's own description of itself (date, IDs, original rates), when it has one. */
  recording?: RecordingInfo;
}

/** Milliseconds from the start of the night for an event time on the board clock. */
export function offsetMs(record: NightRecord, now_ms: number): number {
  return (now_ms - record.clock0_ms) >>> 0;
}

/** The higher of two values where NaN means none. */
function higher(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
}

/** Collects the trace while a night runs: feed every sample and the actuator states. Memory: at most `maxPoints` points. */
export class TraceRecorder {
  readonly trace: Trace & { step_s: number } = { step_s: 1, activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] };
  /** The second being sampled (-1 before the first sample), and seconds folded into points so far. */
  private second = -1;
  private seconds = 0;
  /** Per-axis minimum and maximum within the second: x, y, z. */
  private readonly lo = [Infinity, Infinity, Infinity];
  private readonly hi = [-Infinity, -Infinity, -Infinity];
  private lastVibration = 0;
  private lastHeater = 0;
  private lastPad = NaN;
  // The point being filled: its seconds so far and their highest values.
  private open = 0;
  private act = NaN;
  private vib = NaN;
  private heat = NaN;
  private pad = NaN;

  /** `maxPoints` (even): the most points kept. */
  constructor(private readonly maxPoints = MAX_TRACE_POINTS) {}

  /** One sample at `offset_ms` from the start, with the actuator states and pad temperature then. */
  sample(offset_ms: number, x_mg: number, y_mg: number, z_mg: number, vibration: number, heater: number, pad_cdeg: number): void {
    const second = Math.floor(offset_ms / 1000);
    if (second !== this.second) {
      if (this.second >= 0) this.closeSecond();
      // Seconds with no sample at all (a dropout) stay visible as gaps.
      while (this.seconds < second) this.addSecond(NaN, vibration, heater, pad_cdeg);
      this.second = second;
    }
    const { lo, hi } = this;
    if (x_mg < lo[0]) lo[0] = x_mg;
    if (x_mg > hi[0]) hi[0] = x_mg;
    if (y_mg < lo[1]) lo[1] = y_mg;
    if (y_mg > hi[1]) hi[1] = y_mg;
    if (z_mg < lo[2]) lo[2] = z_mg;
    if (z_mg > hi[2]) hi[2] = z_mg;
    this.lastVibration = vibration;
    this.lastHeater = heater;
    this.lastPad = pad_cdeg;
  }

  private closeSecond(): void {
    const { lo, hi } = this;
    const dx = hi[0] - lo[0];
    const dy = hi[1] - lo[1];
    const dz = hi[2] - lo[2];
    this.addSecond(Math.round(Math.sqrt(dx * dx + dy * dy + dz * dz)), this.lastVibration, this.lastHeater, this.lastPad);
    lo.fill(Infinity);
    hi.fill(-Infinity);
  }

  /** One more second of the night into the point being filled. */
  private addSecond(act: number, vib: number, heat: number, pad: number): void {
    this.seconds++;
    this.act = higher(this.act, act);
    this.vib = higher(this.vib, vib);
    this.heat = higher(this.heat, heat);
    this.pad = higher(this.pad, pad);
    if (++this.open === this.trace.step_s) this.closePoint();
  }

  private closePoint(): void {
    const t = this.trace;
    t.activity_mg.push(this.act);
    t.vibration_permille.push(this.vib);
    t.heater_permille.push(this.heat);
    t.pad_cdeg.push(this.pad);
    this.open = 0;
    this.act = this.vib = this.heat = this.pad = NaN;
    if (t.activity_mg.length === this.maxPoints) this.halve();
  }

  /** Full: neighbours merge in pairs, each point now twice as long. */
  private halve(): void {
    const t = this.trace;
    for (const values of [t.activity_mg, t.vibration_permille, t.heater_permille, t.pad_cdeg]) {
      for (let i = 0; i < values.length / 2; i++) values[i] = higher(values[2 * i], values[2 * i + 1]);
      values.length /= 2;
    }
    t.step_s *= 2;
  }

  /** Closes the last second (and a part-filled last point); returns the trace. */
  finish(): Trace {
    if (this.second >= 0 && this.seconds === this.second) this.closeSecond();
    if (this.open > 0) this.closePoint();
    return this.trace;
  }
}
