// A recording opened on the page (file input or drop): read in the browser as a stream, every
// record checked as on the command line (host/replay/csvRows.ts), replayed through the firmware by
// the one replay (host/replay/replay.ts: the driver in the replay order), paced by the page's clock.
//
// An adapter until the platform-neutral streaming readers land (branch rec): CSV through the
// command line's row checks, parsed by csv-parse's browser build; EDF/EDF+ waits for the
// platform-neutral EDF reader (the current one reads files through Node).

import { CONFIG } from "../host/abi.js";
import { Board } from "../host/board/board.js";
import type { SliceEnd } from "../host/board/driver.js";
import { InputError } from "../host/inputError.js";
import type { LabelledMovement, NightRecord, Trace } from "../host/record.js";
import { CSV_PARSE_OPTIONS, CsvRows, type RecordingRow, csvSyntaxError } from "../host/replay/csvRows.js";
import { replayRows } from "../host/replay/replay.js";
import { parse } from "csv-parse/browser/esm";
import { LONGEST_WINDOW_MS, type LiveRun } from "./liveNight.js";
import { NightMarks } from "./marks.js";
import { SampleLog } from "./sampleLog.js";

/** The command line's time of day at a recording's first sample when the file has none (CSV). */
const DEFAULT_START_MINUTE = 22 * 60 + 30;
/** Real time the replay may take before it lets the page draw, ms. */
const SLICE_BUDGET_MS = 8;

/** Opens `file` for a replay with the firmware at `sample_hz` and `config` (after SAMPLE_HZ). */
export async function openRecording(module: WebAssembly.Module, file: File, sample_hz: number,
  config: [number, number][] = []): Promise<LiveRun> {
  if (/\.(edf|rec)$/i.test(file.name)) {
    throw new InputError(file.name, "EDF/EDF+ in the page comes with the platform-neutral EDF reader (not yet merged); use calmfoot replay");
  }
  return new LiveRecording(module, file, sample_hz, config);
}

/** The records of a CSV file as csv-parse gives them, streamed from the browser's file. */
async function* csvRecords(file: File): AsyncGenerator<{ record: string[]; info: { lines: number } }> {
  const parser = parse(CSV_PARSE_OPTIONS);
  let failure: unknown = null;
  parser.on("error", (err: unknown) => { failure = err; });
  const decoder = new TextDecoder();
  const reader = file.stream().getReader();
  const drain = function* () {
    let r;
    while ((r = parser.read()) !== null) yield r as { record: string[]; info: { lines: number } };
  };
  while (true) {
    const { done, value } = await reader.read();
    if (done) parser.write(decoder.decode());
    else parser.write(decoder.decode(value, { stream: true }));
    if (done) parser.end();
    if (failure) throw failure;
    yield* drain();
    if (failure) throw failure;
    if (done) return;
  }
}

class LiveRecording implements LiveRun {
  readonly title: string;
  readonly board: Board;
  readonly start_minute_of_day = DEFAULT_START_MINUTE;
  clock0_ms = 0;
  readonly samples: SampleLog;
  readonly marks = new NightMarks();
  readonly truth: readonly LabelledMovement[] = [];
  readonly interactive = false;
  readonly streaming = true;
  night_ms = 0;
  error: string | null = null;
  private allowed_ms = 0;
  private wake: (() => void) | null = null;
  private finished: NightRecord | null = null;
  private lastRow_ms = 0;

  constructor(module: WebAssembly.Module, private readonly file: File, private readonly sample_hz: number, config: [number, number][]) {
    this.title = file.name;
    this.board = new Board(module, { onEvent: (e) => this.marks.add(e, this.night_ms) });
    this.samples = new SampleLog(Math.ceil((LONGEST_WINDOW_MS * sample_hz) / 1000));
    void this.replay([[CONFIG.SAMPLE_HZ, sample_hz], ...config]);
  }

  get duration_ms(): number {
    return this.finished?.duration_ms ?? this.night_ms;
  }

  get ended(): boolean {
    return this.finished !== null || this.error !== null;
  }

  runUntil(target_ms: number): SliceEnd {
    if (this.ended) return "ended";
    this.allowed_ms = Math.max(this.allowed_ms, target_ms);
    this.wake?.();
    return this.night_ms >= target_ms ? "reached" : "starved";
  }

  record(): NightRecord {
    if (!this.finished) throw new Error(this.error ?? "the recording has not ended yet");
    return this.finished;
  }

  private async replay(config: [number, number][]): Promise<void> {
    let hasTemperature = false;
    let trace: Trace | undefined;
    let count = 0;
    try {
      const checked = new CsvRows(this.file.name, (c) => { hasTemperature = c.temp; });
      count = await replayRows(this.board, this.paced(checked), {
        get hasTemperature() { return hasTemperature; }, config, batch: 0, onTrace: (t) => { trace = t; },
      });
      if (count === 0) throw new InputError(this.file.name, "no samples");
      this.finished = {
        source: this.file.name,
        clock0_ms: this.clock0_ms,
        start_minute_of_day: this.start_minute_of_day,
        duration_ms: ((this.lastRow_ms - this.clock0_ms) >>> 0) + 1000 / this.sample_hz,
        sample_hz: this.sample_hz,
        events: this.board.events,
        trace: trace!,
        restarts: this.board.restarts.map((r) => ({ now_ms: r.now_ms, panic_code: r.panic_code })),
      };
    } catch (err) {
      this.error = err instanceof InputError ? err.message : csvSyntaxError(this.file.name, err).message;
    }
  }

  /** The checked rows, each let through once the page's clock has reached it. */
  private async *paced(checked: CsvRows): AsyncGenerator<RecordingRow> {
    let first = true;
    let slice = performance.now();
    for await (const { record, info } of csvRecords(this.file)) {
      const row = checked.take(record, info.lines);
      if (!row) continue;
      const t = row.t_ms >>> 0;
      if (first) {
        first = false;
        this.clock0_ms = t;
      }
      this.lastRow_ms = t;
      const night = (t - this.clock0_ms) >>> 0;
      while (night > this.allowed_ms) {
        await new Promise<void>((resolve) => { this.wake = resolve; });
        this.wake = null;
        slice = performance.now();
      }
      if (performance.now() - slice > SLICE_BUDGET_MS) {
        // Let the page draw.
        await new Promise((resolve) => setTimeout(resolve, 0));
        slice = performance.now();
      }
      this.night_ms = night;
      this.samples.push(night, row.ax_mg, row.ay_mg, row.az_mg, this.board.vibration_permille, this.board.heater_permille,
        row.temp_cdeg ?? NaN);
      yield row;
    }
    checked.finish();
  }
}
