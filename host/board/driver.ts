// The board driver: the one place that decides when the firmware is called. A board has a timer
// that calls fw_tick every TICK_MS, a sensor whose samples go in one by one or through its FIFO,
// a thermistor, a button, and a clock that can jump. The driver keeps the night's time (ms since
// it started), the board clock (u32 ms, night time plus an offset that clock jumps move), the
// timer and the FIFO; a NightSource says what the board is given and when: simulated devices
// (simulatedNight.ts) or the rows of a recording (host/replay/replay.ts).
//
// The order of calls, which every board run follows:
//   - inputs come in the order the source gives them, at their night time;
//   - the timer's tick due at the same ms as an input comes after the input if the source says it
//     is read before the tick (a simulated thermistor or button at the top of the ms), before it
//     otherwise (samples; every row of a recording); a tick due earlier always comes first;
//   - the `everySecond` callback (for checks while the night runs) comes right after the tick of
//     its second;
//   - the night ends at `until_ms`, or with the source's last input (a recording's timer runs no
//     further than its last row); then the FIFO hands over what waits.
// Stepping: runUntil / advance run the night in slices (a page runs it live, a recording streams
// in); a streamed source that has no data yet makes the driver pause ("starved") until fed.
// Platform-neutral: no Node API here.

import { CONFIG } from "../abi.js";
import { type Trace, TraceRecorder } from "../record.js";
import type { Board } from "./board.js";
import { SampleFifo } from "./fifo.js";

/** The board's timer calls fw_tick this often (HAL ABI v1: at least every 100 ms). */
export const TICK_MS = 100;

/** What the board is given, and when; pulled one input at a time, as the night reaches it. */
export interface NightSource {
  /**
   * Night time of the next input, ms: Infinity when there is none left, NaN while a streamed
   * source waits for data. Asking twice without `feed` gives the same answer.
   */
  nextAt_ms(driver: BoardDriver): number;
  /** Whether the next input is read before the timer's tick due at the same ms. */
  nextBeforeTick(): boolean;
  /** Gives the next input to the board through the driver (driver.sample, .temperature, …). */
  feed(driver: BoardDriver): void;
}

export interface DriverOptions {
  /** Board clock at night time 0, u32 ms. */
  clock0_ms: number;
  /** Samples per fw_accel_batch (at most the firmware's FIFO capacity); 0: one fw_accel per sample. */
  batch?: number;
  /** The night ends here (night time, ms); default: with the source's last input. */
  until_ms?: number;
  /** fw_init at clock0 and then this config, in order; false: continue a running board. */
  init?: boolean;
  config?: [number, number][];
  /** Collect the once-a-second trace for reports. */
  trace?: boolean;
  /** Called after the tick of every second of night time, for checks while the night runs. */
  everySecond?: (night_ms: number, board: Board) => void;
}

/** Where a slice of the night stopped: at the time asked for, at the end, or waiting for input. */
export type SliceEnd = "reached" | "ended" | "starved";

export class BoardDriver {
  /** Night time reached, ms from the start. */
  night_ms = 0;
  /** Night time of the timer's next tick. */
  nextTick_ms = TICK_MS;
  /** The last thermistor reading given, cdeg (NaN before the first). */
  pad_cdeg = NaN;
  readonly until_ms: number;
  /** Index of this night's first event in board.events. */
  readonly firstEvent: number;
  private offset_ms: number;
  private readonly clock0_ms: number;
  private nextSecond_ms: number;
  private readonly fifo: SampleFifo | null;
  private readonly recorder: TraceRecorder | null;
  private readonly everySecond?: (night_ms: number, board: Board) => void;
  private ended = false;

  constructor(readonly board: Board, readonly source: NightSource, options: DriverOptions) {
    this.offset_ms = this.clock0_ms = options.clock0_ms >>> 0;
    this.until_ms = options.until_ms ?? Infinity;
    this.firstEvent = board.events.length;
    if (options.init !== false) {
      board.init(this.offset_ms);
      for (const [key, value] of options.config ?? []) board.configSet(key, value);
    }
    const batch = Math.max(0, Math.min(options.batch ?? 0, board.capacity));
    this.fifo = batch > 0 ? new SampleFifo(batch) : null;
    this.recorder = options.trace ? new TraceRecorder() : null;
    this.everySecond = options.everySecond;
    this.nextSecond_ms = options.everySecond ? 1000 : Infinity;
  }

  // ─── Time ─────────────────────────────────────────────────────────────────────

  /** The board clock (u32 ms) at night time `night_ms`. */
  clockAt(night_ms: number): number {
    return (this.offset_ms + night_ms) >>> 0;
  }

  /** The board clock now. */
  get clock_ms(): number {
    return this.clockAt(this.night_ms);
  }

  /** The sample period the firmware is configured for (SAMPLE_HZ), ms. */
  get samplePeriod_ms(): number {
    return Math.trunc(1000 / this.board.configGet(CONFIG.SAMPLE_HZ));
  }

  // ─── Running ──────────────────────────────────────────────────────────────────

  /** Runs everything due before night time `target_ms` (or the end). */
  runUntil(target_ms: number): SliceEnd {
    if (this.ended) return "ended";
    const stop = Math.min(target_ms, this.until_ms);
    const source = this.source;
    while (true) {
      const at = source.nextAt_ms(this);
      if (Number.isNaN(at)) return "starved";
      if (at === Infinity) return this.end();
      const timer = Math.min(this.nextTick_ms, this.nextSecond_ms);
      const timerFirst = timer < at || (timer === at && !source.nextBeforeTick());
      if (timerFirst ? timer >= stop : at >= stop) {
        this.night_ms = Math.max(this.night_ms, stop);
        return stop === this.until_ms ? this.end() : "reached";
      }
      if (timerFirst) {
        this.night_ms = timer;
        if (this.nextTick_ms === timer) {
          this.board.tick(this.clockAt(timer));
          this.nextTick_ms += TICK_MS;
        } else {
          this.everySecond!(timer, this.board);
          this.nextSecond_ms += 1000;
        }
      } else {
        this.night_ms = at;
        source.feed(this);
      }
    }
  }

  /** Runs the next `ms` of the night. */
  advance(ms: number): SliceEnd {
    return this.runUntil(this.night_ms + ms);
  }

  /** Runs to the end of the night (or until a streamed source waits for data). */
  run(): SliceEnd {
    return this.runUntil(Infinity);
  }

  /** The night is over: what waits in the FIFO is handed over. */
  private end(): SliceEnd {
    if (!this.ended) {
      this.ended = true;
      this.fifo?.handOver(this.board);
    }
    return "ended";
  }

  /** Ends the night now, wherever it stands (a streamed recording that ran out). */
  finish(): void {
    this.end();
  }

  /** The once-a-second trace so far (empty unless asked for). */
  trace(): Trace {
    return this.recorder ? this.recorder.finish() : { step_s: 1, activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] };
  }

  // ─── Inputs, at the night time reached (called by the source's feed) ─────────

  /**
   * One sample, mg; null when the sensor delivered nothing (a dropout: the FIFO hands over what
   * waits). The trace takes the actuator duties before the call (a simulated sample: the duty
   * that shook it) or, with `traceAfter`, once the sample is handed over (a recording's row).
   */
  sample(xyz_mg: ArrayLike<number> | null, traceAfter = false): void {
    if (xyz_mg === null) {
      this.fifo?.handOver(this.board);
      return;
    }
    const board = this.board;
    if (!traceAfter) this.traceSample(xyz_mg);
    if (this.fifo) this.fifo.push(board, this.clock_ms, xyz_mg[0], xyz_mg[1], xyz_mg[2]);
    else board.accel(this.clock_ms, xyz_mg[0], xyz_mg[1], xyz_mg[2]);
    if (traceAfter) this.traceSample(xyz_mg);
  }

  private traceSample(xyz_mg: ArrayLike<number>): void {
    // On the board clock's axis from the start, like the events a report draws beside it (a
    // recording whose clock jumped has a gap there).
    this.recorder?.sample((this.clock_ms - this.clock0_ms) >>> 0, xyz_mg[0], xyz_mg[1], xyz_mg[2], this.board.vibration_permille,
      this.board.heater_permille, this.pad_cdeg);
  }

  /** A break in the stream of samples: what waits in the FIFO is handed over now. */
  sampleBreak(): void {
    this.fifo?.handOver(this.board);
  }

  /** Samples waiting in the FIFO, and the board clock of the last of them. */
  get fifoCount(): number {
    return this.fifo?.count ?? 0;
  }
  get fifoLastClock_ms(): number {
    return this.fifo?.lastClock_ms ?? 0;
  }

  temperature(cdeg: number): void {
    this.pad_cdeg = cdeg;
    this.board.temperature(this.clock_ms, cdeg);
  }

  /** A raw button level (1 down, 0 up); debouncing is the firmware's job. */
  button(level: number): void {
    this.board.button(this.clock_ms, level);
  }

  /** The board clock jumps by `by_ms` (negative: backwards); the timer runs on undisturbed. */
  jumpClock(by_ms: number): void {
    this.fifo?.handOver(this.board);
    this.offset_ms = (this.offset_ms + by_ms) >>> 0;
  }
}
