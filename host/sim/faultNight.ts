// A night on a board with things going wrong, run by host/simulate.ts: the accelerometer may drop
// out (a sensor returning null), the thermistor may fall silent (the pad returning null), and the
// board's clock may jump. Used by the fault-injection tests, the soak and the power-cut test.

import type { Board } from "../board.js";
import type { DeviceEvent } from "../eventLog.js";
import { type ClockJump, type PadModel, simulateNight } from "../simulate.js";
import type { Press } from "./button.js";
import { Rng } from "./rng.js";

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
    sensor: { sample: o.sensor },
    pad: o.pad,
    sample_hz: o.sample_hz ?? 50,
    clock0_ms: o.clock0_ms,
    batch: o.batch,
    config: o.config,
    board: o.board,
    continueBoard: o.continueBoard,
    clockJumps: o.jumps,
    everySecond: o.everySecond,
    trace: false,
  });
  return { events: r.events, end_clock_ms: r.end_clock_ms };
}

/** Values in [0, 1), the same sequence for the same seed (the simulator's own generator). */
export function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/** A leg lying still: gravity on z and ±`noise_mg`/2 of sensor noise on each axis. */
export function stillLeg(seed = 1, noise_mg = 6): FaultySensor {
  const rand = seeded(seed);
  const out = [0, 0, 1000];
  return () => {
    out[0] = Math.round((rand() - 0.5) * noise_mg);
    out[1] = Math.round((rand() - 0.5) * noise_mg);
    out[2] = 1000 + Math.round((rand() - 0.5) * noise_mg);
    return out;
  };
}
