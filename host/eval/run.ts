// Drives the firmware through one labelled night on the desktop board, exactly as the simulate
// command does (host/simulate.ts simulatePlan): leg model with the motor fed back, heating pad,
// bouncing button, a full FIFO at a time.

import { CONFIG, STATUS } from "../abi.js";
import { Board } from "../board.js";
import type { DeviceEvent } from "../eventLog.js";
import type { NightPlan } from "../sim/night.js";
import { simulatePlan } from "../simulate.js";

export interface NightRun {
  plan: NightPlan;
  sample_hz: number;
  /** Board clock at the night's start (u32 ms); event times are on this clock. */
  clock0_ms: number;
  events: DeviceEvent[];
  lm_count: number;
  plm_count: number;
}

/** The evaluation's board clock at a night's start (u32 ms): the 100 Hz nights cross the u32 wrap 30 minutes in. */
export function nightClock0(seed: number, sample_hz: number): number {
  return sample_hz === 100 ? (2 ** 32 - 30 * 60_000) >>> 0 : 1_000_000 + 7 * seed;
}

/** Runs `plan` at `sample_hz` with the board clock starting at `clock0_ms` (u32), as `calmfoot simulate` does. */
export function runNight(plan: NightPlan, options: { sample_hz: number; clock0_ms?: number; wasmPath?: string;
  sensitivity?: number }): NightRun {
  const clock0 = (options.clock0_ms ?? 1_000_000) >>> 0;
  const board = new Board({ wasmPath: options.wasmPath });
  const config: [number, number][] = options.sensitivity !== undefined ? [[CONFIG.SENSITIVITY, options.sensitivity]] : [];
  const record = simulatePlan(plan, { sample_hz: options.sample_hz, clock0_ms: clock0, config, board, trace: false });
  return { plan, sample_hz: options.sample_hz, clock0_ms: clock0, events: record.events,
    lm_count: board.status(STATUS.LM_COUNT), plm_count: board.status(STATUS.PLM_COUNT) };
}
