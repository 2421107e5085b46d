// A night's input streams (tap.ts) as the rows of a recording, the shape `calmfoot replay` reads:
// one row per accelerometer sample, carrying the thermistor reading given at that same ms (the
// simulator reads it once a second, on a sample's ms at 25, 50 and 100 Hz) and the button's level
// at that sample (after every edge up to and including its ms). A reading that falls on no sample
// (a sensor dropout at that ms) goes on the next row; edges between two samples are seen as the
// level at the next one: replaying such a night is then no longer call for call the simulation.

import type { InputStreams } from "./tap.js";

export interface RecordedRow {
  /** Board clock, u32 ms. */
  t_ms: number;
  x_mg: number;
  y_mg: number;
  z_mg: number;
  /** The reading given at this row, centi-°C; undefined when none. */
  temp_cdeg: number | undefined;
  /** The button's level (1 down). */
  button: number;
}

/** What rows.ts had to move: calls that did not fall on a sample's ms. */
export interface RowStats {
  moved_readings: number;
  moved_edges: number;
}

/** The rows of `streams`, whose board clock started at `clock0_ms`, in time order; `stats` is filled as they go. */
export function* recordedRows(streams: InputStreams, clock0_ms: number, stats: RowStats = { moved_readings: 0, moved_edges: 0 }): Generator<RecordedRow> {
  const off = (t: number) => ((t >>> 0) - clock0_ms) >>> 0;
  let temp = 0;
  let edge = 0;
  let level = 0;
  for (let i = 0; i < streams.samples; i++) {
    const t = off(streams.sample_t.at(i));
    let temp_cdeg: number | undefined;
    while (temp < streams.temp_t.length && off(streams.temp_t.at(temp)) <= t) {
      if (off(streams.temp_t.at(temp)) !== t) stats.moved_readings++;
      temp_cdeg = streams.temp_cdeg.at(temp++);
    }
    while (edge < streams.button_t.length && off(streams.button_t.at(edge)) <= t) {
      if (off(streams.button_t.at(edge)) !== t) stats.moved_edges++;
      level = streams.button_level.at(edge++);
    }
    yield { t_ms: streams.sample_t.at(i) >>> 0, x_mg: streams.x.at(i), y_mg: streams.y.at(i), z_mg: streams.z.at(i), temp_cdeg, button: level };
  }
}
