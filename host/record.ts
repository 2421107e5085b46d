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
  /** Movement activity: peak-to-peak of the acceleration magnitude within the second, mg. */
  activity_mg: number[];
  /** Vibration and heater duty at the end of the second, permille. */
  vibration_permille: number[];
  heater_permille: number[];
  /** Pad temperature at the end of the second, centi-°C (NaN when unknown). */
  pad_cdeg: number[];
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
}

/** Milliseconds from the start of the night for an event time on the board clock. */
export function offsetMs(record: NightRecord, now_ms: number): number {
  return (now_ms - record.clock0_ms) >>> 0;
}

/** Collects the trace while a night runs: feed every sample and the actuator states. */
export class TraceRecorder {
  readonly trace: Trace = { activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] };
  private second = -1;
  private minMag = Infinity;
  private maxMag = -Infinity;

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
    const mag = Math.sqrt(x_mg * x_mg + y_mg * y_mg + z_mg * z_mg);
    if (mag < this.minMag) this.minMag = mag;
    if (mag > this.maxMag) this.maxMag = mag;
    this.lastVibration = vibration;
    this.lastHeater = heater;
    this.lastPad = pad_cdeg;
  }

  private lastVibration = 0;
  private lastHeater = 0;
  private lastPad = NaN;

  private flush(): void {
    this.trace.activity_mg.push(Math.round(this.maxMag - this.minMag));
    this.trace.vibration_permille.push(this.lastVibration);
    this.trace.heater_permille.push(this.lastHeater);
    this.trace.pad_cdeg.push(this.lastPad);
    this.minMag = Infinity;
    this.maxMag = -Infinity;
  }

  /** Closes the last second; returns the trace. */
  finish(): Trace {
    if (this.second >= 0 && this.trace.activity_mg.length === this.second) this.flush();
    return this.trace;
  }
}
