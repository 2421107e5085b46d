// A night on a board with things going wrong, without a night plan: the accelerometer may drop
// out (a sensor returning null), the thermistor may fall silent (the pad returning null), and the
// board's clock may jump. Used by the fault-injection tests, the soak and the power-cut test.

import type { DeviceEvent } from "../eventLog.js";
import type { Press } from "../sim/button.js";
import type { Board } from "./board.js";
import { type ClockJump, type PadModel, simulateNight } from "./simulatedNight.js";

/** The leg sensor; null while it delivers nothing (a dropout). */
export type FaultySensor = (offset_ms: number, motor_permille: number) => ArrayLike<number> | null;

export interface FaultNightOptions {
  board: Board;
  duration_ms: number;
  sensor: FaultySensor;
  pad?: PadModel;
  /** Board clock at the start, u32 ms. */
  clock0_ms?: number;
  sample_hz?: number;
  /** Samples per fw_accel_batch; 0 or absent: one fw_accel per sample. */
  batch?: number;
  presses?: Press[];
  jumps?: ClockJump[];
  /** Skip fw_init and the config (continue a running board). */
  continueBoard?: boolean;
  config?: [number, number][];
  /** Called after each second of night time with the offset, for checks and traces. */
  everySecond?: (offset_ms: number, board: Board) => void;
}

export interface FaultNightResult {
  events: DeviceEvent[];
  /** Board clock at the end (u32 ms). */
  end_clock_ms: number;
}

/** Runs the night through simulateNight; returns the events emitted during it. */
export function faultNight(o: FaultNightOptions): FaultNightResult {
  const r = simulateNight({
    night: { source: "fault night", duration_ms: o.duration_ms, presses: o.presses ?? [] },
    board: o.board,
    sensor: { sample: o.sensor },
    pad: o.pad,
    sample_hz: o.sample_hz ?? 50,
    clock0_ms: o.clock0_ms,
    batch: o.batch,
    config: o.config,
    continueBoard: o.continueBoard,
    clockJumps: o.jumps,
    everySecond: o.everySecond,
    trace: false,
  });
  return { events: r.events, end_clock_ms: r.end_clock_ms };
}
