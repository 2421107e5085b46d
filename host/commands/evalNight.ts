// One labelled night of the evaluation through the firmware on the desktop board, exactly as
// `calmfoot simulate` runs a scenario (host/board/simulatedNight.ts simulatePlan): leg model with
// the motor fed back, heating pad, bouncing button, a full FIFO at a time.

import { CONFIG, STATUS } from "../abi.js";
import { Board } from "../board/board.js";
import { simulatePlan } from "../board/simulatedNight.js";
import { firmwareModule } from "../firmwareFile.js";
import type { NightRun } from "../scoring/nightScore.js";
import { labelNight } from "../scoring/truth.js";
import type { NightPlan } from "../sim/night.js";

/** The evaluation's sample rates: seed k runs at RATES[(k − 1) mod 3]. */
export const RATES = [50, 25, 100];

/** The evaluation's board clock at a night's start (u32 ms): the 100 Hz nights cross the u32 wrap 30 minutes in. */
export function nightClock0(seed: number, sample_hz: number): number {
  return sample_hz === 100 ? (2 ** 32 - 30 * 60_000) >>> 0 : 1_000_000 + 7 * seed;
}

/** Runs `plan` at `sample_hz` with the board clock starting at `clock0_ms` (u32), as `calmfoot simulate` does. */
export function runNight(plan: NightPlan, options: { sample_hz: number; clock0_ms?: number; wasmPath?: string;
  sensitivity?: number }): NightRun {
  const clock0 = (options.clock0_ms ?? 1_000_000) >>> 0;
  const board = new Board(firmwareModule(options.wasmPath));
  const config: [number, number][] = options.sensitivity !== undefined ? [[CONFIG.SENSITIVITY, options.sensitivity]] : [];
  const record = simulatePlan(plan, { board, sample_hz: options.sample_hz, clock0_ms: clock0, config, trace: false });
  return { plan: labelNight(plan), sample_hz: options.sample_hz, clock0_ms: clock0, events: record.events,
    lm_count: board.status(STATUS.LM_COUNT), plm_count: board.status(STATUS.PLM_COUNT) };
}
