// A recording file (CSV or EDF/EDF+, told by its content) through the firmware on a board, from
// bytes it is handed, into a NightRecord for the timeline, the summary and the report.
// Platform-neutral: the command line (recording.ts) hands it a file's chunks from disk, a web
// page hands it a File's, and both get the same checks and the same night.
//
//   const replay = new RecordingReplay(board, { name: file.name, size_bytes: file.size }, { batch: 25 });
//   for await (const chunk of file.stream()) replay.push(chunk);   // replays as far as the bytes go
//   replay.end();                                                   // the file is complete: the rest
//   const night = replay.record();                                  // the NightRecord
//
//   A page that paces the night by its clock calls replay.runUntil(night_ms) each frame: the
//   night runs no further than that ("reached"), or as far as the bytes go ("starved": push the
//   next chunk), until "ended"; `onRow` sees each row as it is handed to the board (for charts).
//
// Every refusal (bad bytes, a lying header, an option the file contradicts) is an InputError
// naming the file and the line or byte; push, end and runUntil throw it at the first one. Memory
// stays bounded whatever the length: the reader holds a chunk and one record, the driver one row,
// the trace at most MAX_TRACE_POINTS points. `size_bytes` must be the whole file's (an EDF header
// is checked against it).
//
//   Rate: an EDF is resampled to `sample_hz` (default 50 Hz). A CSV's rows go to the firmware as
//   they are, so the firmware's SAMPLE_HZ must be the rows' own rate: it is measured from t_ms
//   (the median step of the first RATE_ROWS rows) and used, or refused when it is none of the
//   firmware's rates or when `sample_hz` asks for another; a later row half a period or less
//   after the one before is refused too (the recording changed its rate).
//   Time of day at the first row: `start_ms_of_day` if given, else an EDF's own start (to the
//   ms, with EDF+'s sub-second start), else 22:30 for a CSV. An EDF's header describes the
//   recording (NightRecord.recording: its date, the first row's, IDs, rates resampled from).

import { CONFIG } from "../abi.js";
import type { Board } from "../board/board.js";
import type { BoardDriver, SliceEnd } from "../board/driver.js";
import { InputError, at } from "../inputError.js";
import type { NightRecord, RecordingInfo } from "../record.js";
import { CsvReader, type RecordingRow } from "./csvReader.js";
import { EdfReader } from "./edfReader.js";
import { edfIdentity } from "./edfIdentity.js";
import { FORMAT_HEAD_BYTES, type RecordingFormat, detectFormat } from "./format.js";
import { RecordingSource, startDriver } from "./replay.js";

export interface RecordingOptions {
  /**
   * The firmware's SAMPLE_HZ. CSV: the rows' own rate, measured when absent and refused when it
   * disagrees; EDF: the rate the recording is resampled to (default 50).
   */
  sample_hz?: number;
  /** EDF channel labels for x, y, z. */
  channels?: string[];
  /** Time of day at the first row, ms after midnight; default: EDF's own start, CSV 22:30. */
  start_ms_of_day?: number;
  /** Config after SAMPLE_HZ, in order. */
  config?: [number, number][];
  /** FIFO batch size; 0 = fw_accel per sample. */
  batch?: number;
  /** Called with each row as it is handed to the board (a page's charts). */
  onRow?: (row: RecordingRow) => void;
}

/** The rates the firmware runs at (SAMPLE_HZ), Hz. */
export const FIRMWARE_RATES_HZ = [25, 50, 100] as const;
/** A CSV's rate is measured from the steps between its first this many rows. */
export const RATE_ROWS = 33;
/** A measured period within this fraction of a firmware rate's period is that rate. */
const RATE_TOLERANCE = 0.1;
export const DEFAULT_EDF_HZ = 50;
export const DEFAULT_CSV_START_MS = (22 * 60 + 30) * 60_000;
const DAY_MS = 86_400_000;

/**
 * The rate of CSV rows from the steps between them (their median, modulo 2^32): one of the
 * firmware's rates within ±10 %, and the one `asked` for if any; else an InputError at the first
 * row. Fewer than two rows have no rate: `asked`, or 50 Hz.
 */
export function csvSampleHz(name: string, rows: RecordingRow[], asked?: number): number {
  if (rows.length < 2) return asked ?? DEFAULT_EDF_HZ;
  const steps = rows.slice(1).map((row, i) => (row.t_ms - rows[i].t_ms) >>> 0).sort((a, b) => a - b);
  const step = steps[(steps.length - 1) >> 1];
  const hz = FIRMWARE_RATES_HZ.find((r) => Math.abs(step - 1000 / r) <= RATE_TOLERANCE * (1000 / r));
  const where = at(name, rows[0].line);
  const measured = `rows ${step} ms apart (${+(1000 / step).toFixed(1)} Hz)`;
  if (hz === undefined) {
    throw new InputError(where, `${measured}: the firmware runs at ${FIRMWARE_RATES_HZ.join(", ")} Hz; resample the recording first`);
  }
  if (asked !== undefined && asked !== hz) {
    throw new InputError(where, `${measured}, not the ${asked} Hz asked for (--sample-hz); leave it out to use the recording's rate`);
  }
  return hz;
}

export class RecordingReplay {
  /** What the file is, once its first bytes have come. */
  format: RecordingFormat | null = null;
  private readonly head: Uint8Array[] = [];
  private headBytes = 0;
  private csv: CsvReader | null = null;
  private edf: EdfReader | null = null;
  private driver: BoardDriver | null = null;
  private ended = false;
  /** Night time the replay may run to: Infinity unless runUntil() paces it. */
  private limit_ms = Infinity;
  // CSV: the first rows, held until the rate is known; the rows' period and the last row.
  private readonly lookahead: RecordingRow[] = [];
  private taken = 0;
  private sample_hz = 0;
  private halfPeriod_ms = 0;
  private rows = 0;
  /** Board clock of the first row, u32 ms (0 before it). */
  clock0_ms = 0;
  private last_ms = 0;
  private lastLine = 0;
  private readonly source: RecordingSource;

  /** `file.name` names it in messages; `file.source` in the record (default: the name). */
  constructor(readonly board: Board, readonly file: { name: string; size_bytes: number; source?: string },
    readonly options: RecordingOptions = {}) {
    this.source = new RecordingSource(() => this.pull(), () => this.done());
  }

  /** The file's next bytes (chunks of any size, in order; each is kept until read): replays as far as they go. */
  push(chunk: Uint8Array): void {
    if (this.format === null) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < Math.min(FORMAT_HEAD_BYTES, this.file.size_bytes)) return;
      this.open();
    } else {
      (this.csv ?? this.edf)!.push(chunk);
    }
    this.run();
  }

  /** The file is complete: replays the rest (as far as runUntil allows). */
  end(): void {
    if (this.format === null) this.open();
    this.ended = true;
    (this.csv ?? this.edf)!.end();
    this.run();
  }

  /** Runs the night up to night time `target_ms` (a page pacing it): "starved" while it needs bytes. */
  runUntil(target_ms: number): SliceEnd {
    this.limit_ms = target_ms;
    return this.run();
  }

  /** Night time reached, ms from the first row. */
  get night_ms(): number {
    return this.driver?.night_ms ?? 0;
  }

  /** The night, once it has run to its end; a file without a row has no samples (an InputError). */
  record(): NightRecord {
    if (this.ended && this.driver === null) throw new InputError(this.file.name, "no samples");
    if (this.run() !== "ended") throw new Error("RecordingReplay.record() before the night ended");
    return this.nightRecord(this.driver!);
  }

  /** Tells the format from the first bytes and hands them to its reader. */
  private open(): void {
    const head = new Uint8Array(this.headBytes);
    let n = 0;
    for (const c of this.head) {
      head.set(c, n);
      n += c.length;
    }
    this.head.length = 0;
    this.format = detectFormat(this.file.name, head, this.file.size_bytes);
    if (this.format === "csv") {
      if (this.options.channels?.length) throw new InputError(this.file.name, "is CSV: --channels picks the channels of an EDF");
      this.csv = new CsvReader(this.file.name);
      this.csv.push(head);
    } else {
      this.edf = new EdfReader(this.file.name, this.file.size_bytes, {
        sample_hz: this.options.sample_hz ?? DEFAULT_EDF_HZ, channels: this.options.channels,
      });
      this.edf.push(head);
    }
  }

  private done(): boolean {
    return (this.csv ?? this.edf)!.done;
  }

  /** Starts the board once the rate is known (CSV: from the first rows), then runs as far as the rows (and the limit) go. */
  private run(): SliceEnd {
    if (this.format === null) return "starved";
    if (this.driver === null) {
      let first: RecordingRow | null;
      if (this.csv) {
        while (this.lookahead.length < RATE_ROWS) {
          const row = this.csv.next();
          if (row === null) break;
          this.lookahead.push(row);
        }
        if (this.lookahead.length < RATE_ROWS && !this.csv.done) return "starved";
        this.sample_hz = csvSampleHz(this.file.name, this.lookahead, this.options.sample_hz);
        this.halfPeriod_ms = 500 / this.sample_hz;
        first = this.lookahead[0] ?? null;
      } else {
        this.sample_hz = this.options.sample_hz ?? DEFAULT_EDF_HZ;
        first = this.edf!.next();
        if (first !== null) this.lookahead.push(first);
      }
      if (first === null) return this.ended ? "ended" : "starved";
      this.clock0_ms = first.t_ms >>> 0;
      this.driver = startDriver(this.board, this.source, this.clock0_ms, {
        hasTemperature: this.csv?.columns?.temp ?? false,
        config: [[CONFIG.SAMPLE_HZ, this.sample_hz], ...(this.options.config ?? [])],
        batch: this.options.batch,
      }, true);
    }
    return this.driver.runUntil(this.limit_ms);
  }

  /** The next row for the board: the ones held back first, each checked against the rate. */
  private pull(): RecordingRow | null {
    let row: RecordingRow | null;
    if (this.taken < this.lookahead.length) {
      row = this.lookahead[this.taken++];
      if (this.taken === this.lookahead.length) {
        this.lookahead.length = 0;
        this.taken = 0;
      }
    } else {
      row = (this.csv ?? this.edf)!.next();
      if (row === null) return null;
    }
    const t = row.t_ms >>> 0;
    if (this.csv && this.rows > 0 && ((t - this.last_ms) >>> 0) <= this.halfPeriod_ms) {
      throw new InputError(at(this.file.name, row.line), `t_ms ${t} is ${(t - this.last_ms) >>> 0} ms after the row before ` +
        `(line ${this.lastLine}): the rows of this ${this.sample_hz} Hz recording are ${1000 / this.sample_hz} ms apart`);
    }
    this.rows++;
    this.last_ms = t;
    this.lastLine = row.line;
    this.options.onRow?.(row);
    return row;
  }

  /** Time of day at the first row, ms after midnight (an EDF's: once its first row is read). */
  get start_ms_of_day(): number {
    return this.start().ms;
  }

  /** The annotations of an EDF+ (complete once the night has ended); undefined for a CSV. */
  get truth(): NightRecord["truth"] {
    return this.edf?.info?.annotations;
  }

  private start(): { ms: number; days: number } {
    const info = this.edf?.info;
    if (!info) return { ms: this.options.start_ms_of_day ?? DEFAULT_CSV_START_MS, days: 0 };
    const ms = this.options.start_ms_of_day ?? info.header.start_s_of_day * 1000 + (info.first_ms ?? 0);
    // A start past midnight (a late first record, or the leap second 23:59:60) is the next day's.
    const days = Math.floor(ms / DAY_MS);
    return { ms: ms - days * DAY_MS, days };
  }

  /** What an EDF's header says about the recording; undefined for a CSV. */
  private recording(days: number): RecordingInfo | undefined {
    const info = this.edf?.info;
    if (!info) return undefined;
    const identity = edfIdentity(info.header);
    const date = identity.date === null ? null : new Date(Date.parse(identity.date) + days * DAY_MS).toISOString().slice(0, 10);
    const rates = [...new Set(info.channels.map((c) => c.rate_hz))];
    return { ...identity, date, resampled_from_hz: rates.some((hz) => hz !== this.sample_hz) ? rates : null };
  }

  private nightRecord(driver: BoardDriver): NightRecord {
    const board = this.board;
    const start = this.start();
    return {
      source: this.file.source ?? this.file.name,
      clock0_ms: this.clock0_ms,
      start_ms_of_day: start.ms,
      duration_ms: ((this.last_ms - this.clock0_ms) >>> 0) + 1000 / this.sample_hz,
      sample_hz: this.sample_hz,
      events: board.events,
      trace: driver.trace(),
      truth: this.truth,
      restarts: board.restarts.map((r) => ({ now_ms: r.now_ms, panic_code: r.panic_code })),
      ...(this.edf ? { recording: this.recording(start.days) } : {}),
    };
  }
}
