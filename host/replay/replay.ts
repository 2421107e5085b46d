// Replays a recording through a board, with one exact order of calls so that every board (this
// one and the native C board) produces the same event log from the same file:
//
//   fw_init(t0) with t0 the first row's t_ms; without a temp_cdeg column, HEAT_ENABLED := 0
//   (a recording without a thermistor cannot heat safely). The tick timer starts at t0 + 100.
//   For each row, at t = its t_ms:
//     1. if t - next_tick (as i32) > 1000 or < -100, the clock jumped: next_tick := t
//     2. while t - next_tick (as i32) >= 0: fw_tick(next_tick); next_tick += 100 (u32)
//     3. if the row has a button level that differs from the last one given: fw_button(t, level)
//        (the level before the first row is 0)
//     4. if the row has a temperature: fw_temperature(t, temp_cdeg)
//     5. fw_accel(t, ax, ay, az)

import { CONFIG } from "../abi.js";
import type { Board } from "../board.js";
import type { RecordingRow } from "./csv.js";

export const TICK_MS = 100;

export interface ReplayOptions {
  hasTemperature: boolean;
  /** Config applied after fw_init, in order (the heat rule above comes first). */
  config?: [number, number][];
}

/** Drives `board` with `rows`; returns the number of rows replayed. */
export async function replayRows(board: Board, rows: AsyncIterable<RecordingRow> | Iterable<RecordingRow>,
  options: ReplayOptions): Promise<number> {
  let count = 0;
  let nextTick = 0;
  let lastButton = 0;
  for await (const row of rows) {
    const t = row.t_ms >>> 0;
    if (count === 0) {
      board.init(t);
      if (!options.hasTemperature) board.configSet(CONFIG.HEAT_ENABLED, 0);
      for (const [key, value] of options.config ?? []) board.configSet(key, value);
      nextTick = (t + TICK_MS) >>> 0;
    }
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
    board.accel(t, row.ax_mg, row.ay_mg, row.az_mg);
    count++;
  }
  return count;
}
