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

/** Once-a-second samples of the night, index i covering [i s, i+1 s) from the start. */
export interface Trace {
  /**
   * Movement activity: how far the acceleration vector moved within the second, mg: the length of
   * the vector of its per-axis ranges, sqrt(Σ (max − min)²) over x, y, z. Why not the range of the
   * magnitude: a leg movement mostly turns the foot, and a pure rotation turns gravity without
   * changing its length (a 30° turn at rest moves the vector by 2·sin 15° g = 518 mg and its
   * magnitude by nothing), so the magnitude showed a flat band of noise under most LMs. The vector
   * range is at least the chord of any rotation within the second and at least the magnitude's
   * range (| |a| − |b| | ≤ |a − b|), so it also shows every jerk and vibration the old one did.
   */
  activity_mg: number[];
  /** Vibration and heater duty at the end of the second, permille. */
  vibration_permille: number[];
  heater_permille: number[];
  /** Pad temperature at the end of the second, centi-°C (NaN when unknown). */
  pad_cdeg: number[];
}

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
  /** Wall-clock time of day at the first sample, minutes after midnight (e.g. 22:30 → 1350). */
  start_minute_of_day: number;
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

/** Collects the trace while a night runs: feed every sample and the actuator states. */
export class TraceRecorder {
  readonly trace: Trace = { activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] };
  private second = -1;
  /** Per-axis minimum and maximum within the second: x, y, z. */
  private readonly lo = [Infinity, Infinity, Infinity];
  private readonly hi = [-Infinity, -Infinity, -Infinity];

  /** One sample at `offset_ms` from the start, with the actuator states and pad temperature then. */
  sample(offset_ms: number, x_mg: number, y_mg: number, z_mg: number, vibration: number, heater: number, pad_cdeg: number): void {
    const second = Math.floor(offset_ms / 1000);
    if (second !== this.second) {
      if (this.second >= 0) this.flush();
      // Seconds with no sample at all (a dropout) stay visible as gaps.
      while (this.trace.activity_mg.length < second) {
        this.trace.activity_mg.push(NaN);
        this.trace.vibration_permille.push(vibration);
        this.trace.heater_permille.push(heater);
        this.trace.pad_cdeg.push(pad_cdeg);
      }
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

  private lastVibration = 0;
  private lastHeater = 0;
  private lastPad = NaN;

  private flush(): void {
    const { lo, hi } = this;
    const dx = hi[0] - lo[0];
    const dy = hi[1] - lo[1];
    const dz = hi[2] - lo[2];
    this.trace.activity_mg.push(Math.round(Math.sqrt(dx * dx + dy * dy + dz * dz)));
    this.trace.vibration_permille.push(this.lastVibration);
    this.trace.heater_permille.push(this.lastHeater);
    this.trace.pad_cdeg.push(this.lastPad);
    lo.fill(Infinity);
    hi.fill(-Infinity);
  }

  /** Closes the last second; returns the trace. */
  finish(): Trace {
    if (this.second >= 0 && this.trace.activity_mg.length === this.second) this.flush();
    return this.trace;
  }
}
