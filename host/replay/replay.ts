// Replays a recording through a board, with one exact order of calls so that every board (this
// one and the native C board, host/native/board.c) produces the same event log from the same file:
//
//   fw_init(t0) with t0 the first row's t_ms; without a temp_cdeg column, HEAT_ENABLED := 0
//   (a recording without a thermistor cannot heat safely); then the given config, in order.
//   The tick timer starts at t0 + 100. For each row, at t = its t_ms:
//     0. (FIFO mode only) if samples wait in the FIFO and t is not exactly one sample period
//        (1000 / SAMPLE_HZ ms) after the last of them, hand them over first: a batch is evenly
//        spaced by definition
//     1. if t - next_tick (as i32) > 60000 or < -100, the clock jumped: next_tick := t
//        (a shorter gap is a pause in the samples, a sensor dropout: the board's timer kept
//        ticking through it, so the firmware sees its silent sensor)
//     2. while t - next_tick (as i32) >= 0: fw_tick(next_tick); next_tick += 100 (u32)
//     3. if the row has a button level that differs from the last one given: fw_button(t, level)
//        (the level before the first row is 0)
//     4. if the row has a temperature: fw_temperature(t, temp_cdeg)
//     5. fw_accel(t, ax, ay, az); in FIFO mode (batch N > 0) the sample goes into the FIFO
//        instead, saturated to i16 like a sensor register, and the FIFO is handed over with
//        fw_accel_batch(t, n) when it holds N samples, and at the end of the recording.
//        Ticks, button and temperature calls are not held back for the FIFO: a real board's
//        timer runs while the sensor's FIFO fills.

import { CONFIG } from "../abi.js";
import type { Board } from "../board.js";
import type { RecordingRow } from "./csv.js";

export const TICK_MS = 100;
/** A forward step between rows longer than this is a clock jump, not a dropout of samples. */
export const CLOCK_JUMP_MS = 60_000;

export interface ReplayOptions {
  hasTemperature: boolean;
  /** Config applied after fw_init, in order (the heat rule above comes first). */
  config?: [number, number][];
  /** Hand samples over through the FIFO, this many at a time; 0 or absent: fw_accel per sample. */
  batch?: number;
}

/** Drives `board` with `rows`; returns the number of rows replayed. */
export async function replayRows(board: Board, rows: AsyncIterable<RecordingRow> | Iterable<RecordingRow>,
  options: ReplayOptions): Promise<number> {
  const batch = options.batch ?? 0;
  const fifo = new Int16Array(Math.max(batch, 1) * 3);
  let fill = 0;
  let period_ms = 20;
  let lastSample = 0;
  let count = 0;
  let nextTick = 0;
  let lastButton = 0;
  const flush = () => {
    board.accelBatch(lastSample, fifo, fill);
    fill = 0;
  };
  for await (const row of rows) {
    const t = row.t_ms >>> 0;
    if (count === 0) {
      board.init(t);
      if (!options.hasTemperature) board.configSet(CONFIG.HEAT_ENABLED, 0);
      for (const [key, value] of options.config ?? []) board.configSet(key, value);
      nextTick = (t + TICK_MS) >>> 0;
      period_ms = Math.trunc(1000 / board.configGet(CONFIG.SAMPLE_HZ));
    }
    if (fill > 0 && ((t - lastSample) >>> 0) !== period_ms) flush();
    const ahead = (t - nextTick) | 0;
    if (ahead > CLOCK_JUMP_MS || ahead < -TICK_MS) nextTick = t;
    while (((t - nextTick) | 0) >= 0) {
      board.tick(nextTick);
      nextTick = (nextTick + TICK_MS) >>> 0;
    }
    if (row.button !== undefined && row.button !== lastButton) {
      board.button(t, row.button);
      lastButton = row.button;
    }
    if (row.temp_cdeg !== undefined) board.temperature(t, row.temp_cdeg);
    if (batch > 0) {
      fifo[fill * 3] = Math.max(-32768, Math.min(32767, row.ax_mg));
      fifo[fill * 3 + 1] = Math.max(-32768, Math.min(32767, row.ay_mg));
      fifo[fill * 3 + 2] = Math.max(-32768, Math.min(32767, row.az_mg));
      fill++;
      lastSample = t;
      if (fill === batch) flush();
    } else {
      board.accel(t, row.ax_mg, row.ay_mg, row.az_mg);
    }
    count++;
  }
  if (fill > 0) flush();
  return count;
}
