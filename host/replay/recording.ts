// A recording file (CSV or EDF/EDF+) through the firmware on the desktop board, into a NightRecord
// for the timeline, the summary and the report.

import { basename, extname } from "node:path";
import { CONFIG } from "../abi.js";
import { Board } from "../board/board.js";
import { firmwareModule } from "../firmwareFile.js";
import { InputError } from "../inputError.js";
import type { NightRecord, RecordingInfo, Trace } from "../record.js";
import { type RecordingRow, readCsvRecording } from "./csv.js";
import { readEdfRecording } from "./edf.js";
import { edfIdentity } from "./edfIdentity.js";
import { labelsOnNight, readLabelsCsv } from "./labelsCsv.js";
import { replayRows } from "./replay.js";

export interface RecordingOptions {
  /** Rate of the CSV rows, or the rate EDF is resampled to; becomes SAMPLE_HZ. */
  sample_hz: number;
  /** EDF channel labels for x, y, z. */
  channels?: string[];
  /** Time of day at the first sample; EDF's own start time when absent (CSV: 22:30). */
  start_minute_of_day?: number;
  /** Config after SAMPLE_HZ, in order. */
  config?: [number, number][];
  /** FIFO batch size; 0 = fw_accel per sample. */
  batch?: number;
  /** The firmware to run (default: the release build). */
  firmware?: WebAssembly.Module;
  /** A labels file for the recording (host/replay/labelsCsv.ts), added to any EDF+ annotations. */
  labels?: string;
}

const EDF_EXTENSIONS = [".edf", ".rec"];
const DEFAULT_START_MINUTE = 22 * 60 + 30;

/** Replays `file` (by its extension: EDF or CSV); bad input throws InputError naming the place. */
export async function replayRecording(file: string, options: RecordingOptions): Promise<NightRecord> {
  const config: [number, number][] = [[CONFIG.SAMPLE_HZ, options.sample_hz], ...(options.config ?? [])];
  let start_minute_of_day = options.start_minute_of_day ?? DEFAULT_START_MINUTE;
  let hasTemperature = false;
  let truth: NightRecord["truth"];
  let recording: RecordingInfo | undefined;
  const rows: AsyncIterable<RecordingRow> = EDF_EXTENSIONS.includes(extname(file).toLowerCase())
    ? readEdfRecording(file, {
      channels: options.channels,
      sample_hz: options.sample_hz,
      onInfo: (info) => {
        truth = info.annotations;
        const rates = [...new Set(info.channels.map((c) => c.rate_hz))];
        recording = { ...edfIdentity(info.header), resampled_from_hz: rates.some((hz) => hz !== options.sample_hz) ? rates : null };
        if (options.start_minute_of_day === undefined) start_minute_of_day = info.header.start_minute_of_day;
      },
    })
    : readCsvRecording(file, (columns) => { hasTemperature = columns.temp; });

  const labels = options.labels ? readLabelsCsv(options.labels) : null;
  const board = new Board(options.firmware ?? firmwareModule());
  let clock0 = 0;
  let last = 0;
  let rowCount = 0;
  async function* timed(): AsyncGenerator<RecordingRow> {
    for await (const row of rows) {
      if (rowCount++ === 0) clock0 = row.t_ms >>> 0;
      last = row.t_ms >>> 0;
      yield row;
    }
  }
  let trace!: Trace;
  // hasTemperature is learnt from the header, which is read before the first row is replayed.
  await replayRows(board, timed(), { get hasTemperature() { return hasTemperature; }, config, batch: options.batch,
    onTrace: (t) => { trace = t; } });
  if (rowCount === 0) throw new InputError(file, "no samples");
  if (labels) truth = [...(truth ?? []), ...labelsOnNight(labels, clock0)].sort((a, b) => a.onset_ms - b.onset_ms);
  return {
    source: basename(file),
    clock0_ms: clock0,
    start_minute_of_day,
    duration_ms: ((last - clock0) >>> 0) + 1000 / options.sample_hz,
    sample_hz: options.sample_hz,
    events: board.events,
    trace,
    truth,
    restarts: board.restarts.map((r) => ({ now_ms: r.now_ms, panic_code: r.panic_code })),
    ...(recording ? { recording } : {}),
  };
}
