// A recording file (CSV or EDF/EDF+) through the firmware on the desktop board (Node only): the
// file's chunks from disk into the platform-neutral RecordingReplay (recordingReplay.ts, which
// has the rules), read as they are replayed, so a night of any length needs bounded memory; and a
// labels file beside a CSV (labelsCsv.ts) added to its truth.

import { basename } from "node:path";
import { Board } from "../board/board.js";
import { firmwareModule } from "../firmwareFile.js";
import type { NightRecord } from "../record.js";
import { fileChunks, fileSize } from "./fileChunks.js";
import { labelsOnNight, readLabelsCsv } from "./labelsCsv.js";
import { type RecordingOptions, RecordingReplay } from "./recordingReplay.js";

export type { RecordingOptions } from "./recordingReplay.js";

export interface RecordingFileOptions extends RecordingOptions {
  /** The firmware to run (default: the release build). */
  firmware?: WebAssembly.Module;
  /** A labels file for the recording (host/replay/labelsCsv.ts), added to any EDF+ annotations. */
  labels?: string;
  /** Progress bar on stderr when it is a terminal (default true). */
  progress?: boolean;
}

/** Replays `file` (EDF or CSV, by its content); bad input throws InputError naming the place. */
export async function replayRecording(file: string, options: RecordingFileOptions = {}): Promise<NightRecord> {
  const labels = options.labels ? readLabelsCsv(options.labels) : null;
  const size = await fileSize(file);
  const board = new Board(options.firmware ?? firmwareModule());
  const replay = new RecordingReplay(board, { name: file, size_bytes: size, source: basename(file) }, options);
  for await (const chunk of fileChunks(file, { size, progress: options.progress })) replay.push(chunk);
  replay.end();
  const record = replay.record();
  if (labels) record.truth = [...(record.truth ?? []), ...labelsOnNight(labels, record.clock0_ms)].sort((a, b) => a.onset_ms - b.onset_ms);
  return record;
}
