// A recording opened on the page (file input or drop): read in the browser as a stream and
// replayed through the firmware by the command line's own RecordingReplay (host/replay: the format
// told by content, CSV or EDF/EDF+, every check and every one-line refusal as `calmfoot replay
// FILE` gives them, the one replay order), paced by the page's clock: the night runs no further
// than the page allows, and the next chunk of the file is read only when the bytes so far are used
// up, so a recording of any length plays in bounded memory.

import { Board } from "../host/board/board.js";
import type { SliceEnd } from "../host/board/driver.js";
import { InputError } from "../host/inputError.js";
import type { LabelledMovement, NightRecord } from "../host/record.js";
import { RecordingReplay } from "../host/replay/recordingReplay.js";
import { LONGEST_WINDOW_MS, type LiveRun } from "./liveNight.js";
import { NightMarks } from "./marks.js";
import { SampleLog } from "./sampleLog.js";

/** The fastest rate a recording is replayed at (the firmware's highest SAMPLE_HZ), Hz: the charts' ring holds its longest window. */
const MAX_SAMPLE_HZ = 100;
/** Real time the replay may take before it lets the page draw, ms. */
const SLICE_BUDGET_MS = 8;

/**
 * Opens `file` for a replay with the firmware, as `calmfoot replay FILE --config …` would run it:
 * a CSV at its own rate (measured from t_ms), an EDF resampled to 50 Hz; `config` after SAMPLE_HZ.
 */
export async function openRecording(module: WebAssembly.Module, file: File, config: [number, number][] = []): Promise<LiveRun> {
  const recording = new LiveRecording(module, file, config);
  // The first chunk tells the format and, for an EDF, the time of day the charts and the log start at.
  await recording.opened;
  return recording;
}

class LiveRecording implements LiveRun {
  readonly title: string;
  readonly board: Board;
  readonly samples = new SampleLog(Math.ceil((LONGEST_WINDOW_MS * MAX_SAMPLE_HZ) / 1000));
  readonly marks = new NightMarks();
  readonly interactive = false;
  readonly streaming = true;
  error: string | null = null;
  private readonly replay: RecordingReplay;
  /** Night time the page's clock allows, ms. */
  private allowed_ms = 0;
  private wake: (() => void) | null = null;
  private finished: NightRecord | null = null;
  /** Settles once the file's first chunk has been read (or it failed). */
  readonly opened: Promise<void>;
  private open: () => void = () => {};

  constructor(module: WebAssembly.Module, file: File, config: [number, number][]) {
    this.title = file.name;
    this.board = new Board(module, { onEvent: (e) => this.marks.add(e, this.night_ms) });
    this.replay = new RecordingReplay(this.board, { name: file.name, size_bytes: file.size }, {
      config,
      batch: 0,
      // The charts see every row as it is handed to the board, with the actuators as they were then.
      onRow: (row) => this.samples.push((row.t_ms - this.replay.clock0_ms) >>> 0, row.ax_mg, row.ay_mg, row.az_mg,
        this.board.vibration_permille, this.board.heater_permille, row.temp_cdeg ?? NaN),
    });
    this.replay.runUntil(0);
    this.opened = new Promise<void>((resolve) => { this.open = resolve; });
    void this.read(file).finally(() => this.open());
  }

  get start_ms_of_day(): number {
    return this.replay.start_ms_of_day;
  }

  get clock0_ms(): number {
    return this.replay.clock0_ms;
  }

  get night_ms(): number {
    return this.replay.night_ms;
  }

  get truth(): readonly LabelledMovement[] {
    return this.replay.truth ?? [];
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
    const end = this.step();
    if (end === "starved") this.wake?.();
    return end;
  }

  record(): NightRecord {
    if (!this.finished) throw new Error(this.error ?? "the recording has not ended yet");
    return this.finished;
  }

  /** Runs the night as far as the page allows and the bytes go; a refusal ends it with its one line. */
  private step(): SliceEnd {
    try {
      const end = this.replay.runUntil(this.allowed_ms);
      if (end === "ended") this.finished = this.replay.record();
      return end;
    } catch (err) {
      this.error = err instanceof InputError ? err.message : String(err);
      return "ended";
    }
  }

  /** Reads the file a chunk at a time, each once the replay has used the bytes before it. */
  private async read(file: File): Promise<void> {
    const reader = file.stream().getReader();
    let slice = performance.now();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (this.ended) return;
        try {
          if (done) this.replay.end();
          else this.replay.push(value);
        } catch (err) {
          this.error = err instanceof InputError ? err.message : String(err);
          return;
        }
        const end = this.step();
        this.open();
        if (done || end === "ended") return;
        // Wait for the page's clock while the night has reached what it allows.
        if (end === "reached") {
          await new Promise<void>((resolve) => { this.wake = resolve; });
          this.wake = null;
          slice = performance.now();
        } else if (performance.now() - slice > SLICE_BUDGET_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0)); // let the page draw
          slice = performance.now();
        }
      }
    } finally {
      reader.releaseLock();
    }
  }
}
