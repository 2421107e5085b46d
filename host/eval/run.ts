// Drives the firmware through one labelled night on the desktop board: samples from the leg
// model with the motor's duty fed back, button presses as planned, a tick every 100 ms.

import { CONFIG } from "../abi.js";
import { Board } from "../board.js";
import type { DeviceEvent } from "../eventLog.js";
import { LegSensor, type NightPlan } from "../sim/night.js";

export interface NightRun {
  plan: NightPlan;
  sample_hz: number;
  /** Board clock at the night's start (u32 ms); event times are on this clock. */
  clock0_ms: number;
  events: DeviceEvent[];
  lm_count: number;
  plm_count: number;
}

const TICK_MS = 100;

/** Runs `plan` at `sample_hz` with the board clock starting at `clock0_ms` (u32). */
export function runNight(plan: NightPlan, options: { sample_hz: number; clock0_ms?: number; wasmPath?: string;
  sensitivity?: number }): NightRun {
  const clock0 = (options.clock0_ms ?? 1_000_000) >>> 0;
  const board = new Board({ wasmPath: options.wasmPath });
  board.init(clock0);
  board.configSet(CONFIG.SAMPLE_HZ, options.sample_hz);
  for (const [key, value] of Object.entries(plan.config)) board.configSet(Number(key), value);
  if (options.sensitivity !== undefined) board.configSet(CONFIG.SENSITIVITY, options.sensitivity);
  const leg = new LegSensor(plan, { seed: plan.seed, sample_hz: options.sample_hz });
  const period = 1000 / options.sample_hz;
  const edges = plan.presses.flatMap((p) => [{ at: p.at_ms, level: 1 }, { at: p.at_ms + p.hold_ms, level: 0 }])
    .sort((a, b) => a.at - b.at);
  let edge = 0;
  const cap = Math.min(board.capacity, 32);
  const buf = new Int16Array(cap * 3);
  let n = 0;
  let last_t = 0;
  const flush = () => {
    if (n > 0) board.accelBatch((clock0 + last_t) >>> 0, buf, n);
    n = 0;
  };
  let sample_i = 0;
  // The heating pad as a first-order plant (30 °C in bed, +20 °C at full duty, τ 2 min), read
  // once a second, so that sessions with heat run as on the real board.
  let pad_cdeg = 3000;
  for (let tick = TICK_MS; tick <= plan.duration_ms; tick += TICK_MS) {
    pad_cdeg += ((3000 + 2 * board.heater_permille - pad_cdeg) * TICK_MS) / 120_000;
    for (;;) {
      const t = Math.round(sample_i * period);
      if (t > tick) break;
      while (edge < edges.length && edges[edge].at <= t) {
        flush();
        board.button((clock0 + edges[edge].at) >>> 0, edges[edge].level);
        edge++;
      }
      const s = leg.sample(t, board.vibration_permille);
      buf[n * 3] = s[0];
      buf[n * 3 + 1] = s[1];
      buf[n * 3 + 2] = s[2];
      n++;
      last_t = t;
      sample_i++;
      if (n === cap) flush();
    }
    flush();
    if (tick % 1000 === 0) board.temperature((clock0 + tick) >>> 0, Math.round(pad_cdeg));
    board.tick((clock0 + tick) >>> 0);
  }
  return { plan, sample_hz: options.sample_hz, clock0_ms: clock0, events: board.events,
    lm_count: board.status(3), plm_count: board.status(4) };
}
