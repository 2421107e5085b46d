// The FIFO board on Node: host/replay/replay.ts with the accelerometer samples handed over through
// fw_accel_batch, `batch` at a time, as a board with a sensor FIFO does. The native board's
// `--batch N` (board.c, replay()) is the same, call for call:
//
//   as replay.ts, except step 5: the sample (saturated to i16) goes into the FIFO, and the FIFO
//   is handed over with fw_accel_batch(t_last, n) when it holds `batch` samples, at the end of
//   the recording, and — before anything else is done for a row — when the row does not follow
//   the last sample by exactly one sample period (1000 / SAMPLE_HZ ms; a batch is evenly spaced
//   by definition). Ticks, button and temperature calls are not held back for the FIFO.

import { CONFIG } from "../abi.js";
import type { Board } from "../board.js";
import type { RecordingRow } from "../replay/csv.js";
import { TICK_MS, type ReplayOptions } from "../replay/replay.js";

export async function replayRowsFifo(board: Board, rows: AsyncIterable<RecordingRow> | Iterable<RecordingRow>,
  options: ReplayOptions & { batch: number }): Promise<number> {
  let count = 0;
  let nextTick = 0;
  let lastButton = 0;
  let periodMs = 20;
  let lastSampleMs = 0;
  let fill = 0;
  const fifo = new Int16Array(options.batch * 3);
  const flush = (now: number) => {
    board.accelBatch(now, fifo, fill);
    fill = 0;
  };
  for await (const row of rows) {
    const t = row.t_ms >>> 0;
    if (count === 0) {
      board.init(t);
      if (!options.hasTemperature) board.configSet(CONFIG.HEAT_ENABLED, 0);
      for (const [key, value] of options.config ?? []) board.configSet(key, value);
      nextTick = (t + TICK_MS) >>> 0;
      const hz = board.configGet(CONFIG.SAMPLE_HZ);
      periodMs = hz > 0 ? Math.trunc(1000 / hz) : 20;
    }
    if (fill > 0 && ((t - lastSampleMs) >>> 0) !== periodMs) flush(lastSampleMs);
    const ahead = (t - nextTick) | 0;
    if (ahead > 1000 || ahead < -TICK_MS) nextTick = t;
    while (((t - nextTick) | 0) >= 0) {
      board.tick(nextTick);
      nextTick = (nextTick + TICK_MS) >>> 0;
    }
    if (row.button !== undefined && row.button !== lastButton) {
      board.button(t, row.button);
      lastButton = row.button;
    }
    if (row.temp_cdeg !== undefined) board.temperature(t, row.temp_cdeg);
    // Int16Array stores wrap; the sensor register saturates.
    fifo[fill * 3] = Math.max(-32768, Math.min(32767, row.ax_mg));
    fifo[fill * 3 + 1] = Math.max(-32768, Math.min(32767, row.ay_mg));
    fifo[fill * 3 + 2] = Math.max(-32768, Math.min(32767, row.az_mg));
    fill++;
    lastSampleMs = t;
    if (fill === options.batch) flush(t);
    count++;
  }
  if (fill > 0) flush(lastSampleMs);
  return count;
}
