// A night on a board with things going wrong: like host/simulate.ts (ticks every 100 ms, a
// thermistor reading every second, samples at the sample rate, bouncing button presses), but the
// accelerometer may drop out (a sensor returning null), the thermistor may fall silent (the pad
// returning null), and the board's clock may jump. Used by the fault-injection tests and the soak.

import type { Board } from "../board.js";
import type { DeviceEvent } from "../eventLog.js";
import type { PadModel } from "../simulate.js";
import { type Press, buttonEdges } from "./button.js";

/** The leg sensor; null while it delivers nothing (a dropout). */
export type FaultySensor = (offset_ms: number, motor_permille: number) => ArrayLike<number> | null;

/** A jump of the board clock at `at_ms` (night time) by `by_ms` (negative: backwards). */
export interface ClockJump {
  at_ms: number;
  by_ms: number;
}

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

/** Runs the night; returns the events emitted during it. */
export function faultNight(o: FaultNightOptions): FaultNightResult {
  const board = o.board;
  const first = board.events.length;
  let clock = (o.clock0_ms ?? 0) >>> 0;
  if (!o.continueBoard) {
    board.init(clock);
    for (const [k, v] of o.config ?? []) board.configSet(k, v);
  }
  const period = 1000 / (o.sample_hz ?? 50);
  const batch = Math.min(o.batch ?? 0, board.capacity);
  const fifo: number[] = [];
  const edges = buttonEdges(o.presses ?? [], () => 0.5);
  const jumps = [...(o.jumps ?? [])].sort((a, b) => a.at_ms - b.at_ms);
  let edge = 0;
  let jump = 0;
  let nextSample = 0;
  let nextTick = 100;
  let nextTemp = 0;
  let nextSecond = 1000;
  // The board clock is night time plus an offset that each jump changes.
  let offset = clock;
  const at = (t: number) => (offset + t) >>> 0;
  while (true) {
    const nextEdge = edge < edges.length ? edges[edge].at_ms : Infinity;
    const nextJump = jump < jumps.length ? jumps[jump].at_ms : Infinity;
    const t = Math.min(nextSample, nextTick, nextTemp, nextEdge, nextJump, nextSecond);
    if (t >= o.duration_ms) break;
    if (nextJump === t) {
      offset = (offset + jumps[jump].by_ms) >>> 0;
      jump++;
    } else if (nextEdge === t) {
      board.button(at(t), edges[edge].level);
      edge++;
    } else if (nextTemp === t) {
      if (o.pad) {
        o.pad.step(1000, board.heater_permille);
        const r = o.pad.read();
        if (r !== null) board.temperature(at(t), r);
      }
      nextTemp += 1000;
    } else if (nextTick === t) {
      board.tick(at(t));
      nextTick += 100;
    } else if (nextSecond === t) {
      o.everySecond?.(t, board);
      nextSecond += 1000;
    } else {
      const xyz = o.sensor(t, board.vibration_permille);
      if (xyz !== null) {
        if (batch > 0) {
          fifo.push(xyz[0], xyz[1], xyz[2]);
          if (fifo.length === batch * 3) {
            board.accelBatch(at(t), fifo, batch);
            fifo.length = 0;
          }
        } else {
          board.accel(at(t), xyz[0], xyz[1], xyz[2]);
        }
      } else {
        fifo.length = 0;
      }
      nextSample += period;
    }
    clock = at(t);
  }
  return { events: board.events.slice(first), end_clock_ms: clock };
}

/** A mulberry32 generator: values in [0, 1), the same sequence for the same seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
