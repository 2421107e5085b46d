// Replays a recording through a board, with one exact order of calls so that every board (this
// one and the native C board, boards/ (C)) produces the same event log from the same file:
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
//
// Here the recording is a NightSource for the board driver (host/board/driver.ts), which owns
// the timer and the FIFO: a row's night time is its distance from the timer's next tick, and a
// clock jump (step 1) moves the board clock so that the row falls on that tick. Rows are pulled
// one at a time, so a recording of any length replays in bounded memory.

import { CONFIG } from "../abi.js";
import type { Board } from "../board/board.js";
import { BoardDriver, type NightSource, TICK_MS } from "../board/driver.js";
import type { Trace } from "../record.js";
import type { RecordingRow } from "./csvReader.js";

/** A forward step between rows longer than this is a clock jump, not a dropout of samples. */
const CLOCK_JUMP_MS = 60_000;

export interface ReplayOptions {
  /** Read when the first row has come (a CSV reader learns it from the header). */
  hasTemperature: boolean;
  /** Config applied after fw_init, in order (the heat rule above comes first). */
  config?: [number, number][];
  /** Hand samples over through the FIFO, this many at a time; 0 or absent: fw_accel per sample. */
  batch?: number;
  /** Collect the once-a-second trace, given to this callback at the end. */
  onTrace?: (trace: Trace) => void;
}

// The calls of one row, in the order above (a row has at most one of each).
const BREAK = 0;
const JUMP = 1;
const BUTTON = 2;
const TEMPERATURE = 3;
const SAMPLE = 4;

/**
 * The rows of a recording as a NightSource: `pull` gives the next row, or null when there is
 * none yet (a streamed file waits for bytes: the driver starves) or none left (`ended()`).
 */
export class RecordingSource implements NightSource {
  // The planned calls of the current row: kind and night time of each, and the row's values.
  private readonly kinds = new Int8Array(5);
  private readonly at = new Float64Array(5);
  private steps = 0;
  private step = 0;
  private jumpBy_ms = 0;
  private level = 0;
  private cdeg = 0;
  private first = true;
  private lastButton = 0;
  private period_ms = 0;
  private readonly xyz = [0, 0, 0];

  constructor(private readonly pull: () => RecordingRow | null, private readonly ended: () => boolean) {}

  nextAt_ms(driver: BoardDriver): number {
    if (this.step >= this.steps) {
      const row = this.pull();
      if (row === null) return this.ended() ? Infinity : NaN;
      this.plan(driver, row);
    }
    return this.at[this.step];
  }

  nextBeforeTick(): boolean {
    const kind = this.kinds[this.step];
    return kind === BREAK || kind === JUMP;
  }

  feed(driver: BoardDriver): void {
    switch (this.kinds[this.step++]) {
      case BREAK: driver.sampleBreak(); break;
      case JUMP: driver.jumpClock(this.jumpBy_ms); break;
      case BUTTON: driver.button(this.level); break;
      case TEMPERATURE: driver.temperature(this.cdeg); break;
      default: driver.sample(this.xyz, true);
    }
  }

  private add(kind: number, at_ms: number): void {
    this.kinds[this.steps] = kind;
    this.at[this.steps++] = at_ms;
  }

  /** The calls of one row, in the order above. */
  private plan(driver: BoardDriver, row: RecordingRow): void {
    this.steps = 0;
    this.step = 0;
    const t = row.t_ms >>> 0;
    let at_ms = 0;
    if (this.first) {
      this.first = false;
      this.period_ms = driver.samplePeriod_ms;
    } else {
      // 0. Before any tick after the last sample: the FIFO's batch ends where the samples break.
      if (driver.fifoCount > 0 && ((t - driver.fifoLastClock_ms) >>> 0) !== this.period_ms) this.add(BREAK, driver.night_ms);
      const nextTick = driver.nextTick_ms;
      const ahead = (t - driver.clockAt(nextTick)) | 0;
      if (ahead > CLOCK_JUMP_MS || ahead < -TICK_MS) {
        // 1. The clock jumped: the timer restarts at this row (the tick due next falls on it).
        this.jumpBy_ms = ahead;
        this.add(JUMP, nextTick);
        at_ms = nextTick;
      } else {
        at_ms = nextTick + ahead;
      }
    }
    // 2. The ticks due up to the row come first (the row's calls are not "before the tick").
    if (row.button !== undefined && row.button !== this.lastButton) {
      this.level = this.lastButton = row.button;
      this.add(BUTTON, at_ms);
    }
    if (row.temp_cdeg !== undefined) {
      this.cdeg = row.temp_cdeg;
      this.add(TEMPERATURE, at_ms);
    }
    this.xyz[0] = row.ax_mg;
    this.xyz[1] = row.ay_mg;
    this.xyz[2] = row.az_mg;
    this.add(SAMPLE, at_ms);
  }
}

/** Drives `board` with `rows` through the board driver; returns the number of rows replayed. */
export async function replayRows(board: Board, rows: AsyncIterable<RecordingRow> | Iterable<RecordingRow>,
  options: ReplayOptions): Promise<number> {
  let offered: RecordingRow | null = null;
  let ended = false;
  const source = new RecordingSource(() => {
    const row = offered;
    offered = null;
    return row;
  }, () => ended);
  let driver: BoardDriver | null = null;
  let count = 0;
  for await (const row of rows) {
    if (driver === null) driver = startDriver(board, source, row.t_ms, options, options.onTrace !== undefined);
    offered = row;
    driver.run();
    count++;
  }
  if (driver) {
    ended = true;
    driver.run();
    options.onTrace?.(driver.trace());
  }
  return count;
}

/** The driver of a recording whose first row is at board clock `clock0_ms`: fw_init, the heat rule, the config. */
export function startDriver(board: Board, source: NightSource, clock0_ms: number,
  options: Omit<ReplayOptions, "onTrace">, trace: boolean): BoardDriver {
  return new BoardDriver(board, source, {
    clock0_ms,
    batch: options.batch,
    config: [...(options.hasTemperature ? [] : [[CONFIG.HEAT_ENABLED, 0] as [number, number]]), ...(options.config ?? [])],
    trace,
  });
}
