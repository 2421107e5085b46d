// Measures the firmware's heater control on the simulated pad: for each target (HEAT_TARGET_DC) and
// starting temperature, one button session with heat, the release firmware on the desktop board;
// reports the worst overshoot of the true pad temperature above the target.
//
//   npm run heat-sweep          (full sweep, prints a table)
//
// Overshoot is counted from the moment the pad is at or below the target (at once when it
// starts below), so a pad that starts warmer than the target and cools is not the controller's
// overshoot; once there, any excursion above the target is.

import { fileURLToPath } from "node:url";
import { CONFIG } from "../abi.js";
import { Board } from "../board/board.js";
import { TICK_MS } from "../board/driver.js";
import { firmwareModule } from "../firmwareFile.js";
import { HeatingPad, type HeatingPadOptions } from "../sim/heatingPad.js";

export interface HeaterRun {
  target_cdeg: number;
  start_cdeg: number;
  /** Largest true pad temperature above the target, cdeg (≤ 0: never above). */
  overshoot_cdeg: number;
  /** From the press until the true pad temperature first stays within ±0.5 °C of the target, s. */
  settle_s: number;
  /** Mean |true − target| over the last 10 minutes of the session, cdeg. */
  hold_error_cdeg: number;
  /** Highest heater duty the firmware asked for, permille. */
  max_duty: number;
}

/** One 30-minute button session with heat toward `target_dc` (deci-°C), the pad at `start_cdeg`. */
export function heaterRun(target_dc: number, start_cdeg: number, pad: HeatingPadOptions = {}, session_min = 30): HeaterRun {
  const board = new Board(firmwareModule());
  const model = new HeatingPad({ ...pad, start_cdeg });
  board.init(0);
  board.configSet(CONFIG.HEAT_TARGET_DC, target_dc);
  board.configSet(CONFIG.HEAT_ENABLED, 1);
  board.configSet(CONFIG.SESSION_MIN, session_min);
  const target = target_dc * 10;
  const press_ms = 2000;
  const end_ms = press_ms + session_min * 60_000 - 1000;
  let reached = start_cdeg <= target;
  let overshoot = -Infinity;
  let settledAt = -1;
  let holdSum = 0;
  let holdN = 0;
  let maxDuty = 0;
  for (let t = 0; t <= end_ms; t += TICK_MS) {
    if (t === press_ms) board.button(t, 1);
    if (t === press_ms + 200) board.button(t, 0);
    board.tick(t);
    board.accel(t, (t / 100) % 3, 0, 1000);
    maxDuty = Math.max(maxDuty, board.heater_permille);
    if (t % 1000 === 0) {
      model.step(1000, board.heater_permille);
      const r = model.read();
      if (r !== null) board.temperature(t, r);
      const T = model.temperature_cdeg;
      if (T <= target) reached = true;
      if (reached) overshoot = Math.max(overshoot, T - target);
      const inBand = Math.abs(T - target) <= 50;
      if (inBand && settledAt < 0) settledAt = t;
      if (!inBand && t > press_ms + 60_000) settledAt = -1;
      if (t >= end_ms - 10 * 60_000) { holdSum += Math.abs(T - target); holdN++; }
    }
  }
  return {
    target_cdeg: target,
    start_cdeg,
    overshoot_cdeg: reached ? overshoot : 0,
    settle_s: settledAt < 0 ? NaN : (settledAt - press_ms) / 1000,
    hold_error_cdeg: holdN ? holdSum / holdN : NaN,
    max_duty: maxDuty,
  };
}

/** Targets 30.0…42.0 °C in `target_step_dc`, starts from 18 °C up to 1 °C above the target. */
export function heaterSweep(target_step_dc = 10, start_step_cdeg = 300, pads: HeatingPadOptions[] = [{}]): HeaterRun[] {
  const runs: HeaterRun[] = [];
  for (const pad of pads) {
    for (let target_dc = 300; target_dc <= 420; target_dc += target_step_dc) {
      for (let start = 1800; start <= target_dc * 10 + 100; start += start_step_cdeg) {
        runs.push(heaterRun(target_dc, start, pad));
      }
    }
  }
  return runs;
}

/** Pads around the nominal one: lighter, heavier, weaker, better coupled, a slower sensor. */
export const PAD_VARIANTS: HeatingPadOptions[] = [
  {},
  { heat_capacity_j_per_k: 150 },
  { heat_capacity_j_per_k: 400 },
  { heater_w: 10 },
  { heater_w: 20 },
  { loss_w_per_k: 0.6 },
  { sensor_tau_s: 15 },
  { ambient_cdeg: 2600 },
];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const runs = heaterSweep(10, 200, PAD_VARIANTS);
  const worst = runs.reduce((a, b) => (b.overshoot_cdeg > a.overshoot_cdeg ? b : a));
  const slowest = runs.filter((r) => r.start_cdeg < r.target_cdeg).reduce((a, b) => (!(b.settle_s <= a.settle_s) ? b : a));
  const hold = Math.max(...runs.map((r) => r.hold_error_cdeg));
  console.log(`heater sweep: ${runs.length} sessions (targets 30.0…42.0 °C in 1 °C, starts 18 °C…target+1 °C in 2 °C, ${PAD_VARIANTS.length} pad variants)`);
  console.log(`worst overshoot: ${(worst.overshoot_cdeg / 100).toFixed(2)} °C (target ${worst.target_cdeg / 100} °C, start ${worst.start_cdeg / 100} °C)`);
  console.log(`slowest settling (±0.5 °C): ${slowest.settle_s} s (target ${slowest.target_cdeg / 100} °C, start ${slowest.start_cdeg / 100} °C)`);
  console.log(`worst mean |error| over the last 10 min: ${(hold / 100).toFixed(2)} °C`);
  console.log(`run time ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
