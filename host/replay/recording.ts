// A recording file (CSV or EDF/EDF+) through the firmware on the desktop board (Node only): the
// file's chunks from disk into the platform-neutral RecordingReplay (recordingReplay.ts, which
// has the rules), read as they are replayed, so a night of any length needs bounded memory.

import { basename } from "node:path";
import { Board } from "../board/board.js";
import { firmwareModule } from "../firmwareFile.js";
import type { NightRecord } from "../record.js";
import { fileChunks, fileSize } from "./fileChunks.js";
import { type RecordingOptions, RecordingReplay } from "./recordingReplay.js";

export type { RecordingOptions } from "./recordingReplay.js";

/** Replays `file` (EDF or CSV, by its content); bad input throws InputError naming the place. */
export async function replayRecording(file: string, options: RecordingOptions & { progress?: boolean } = {}): Promise<NightRecord> {
  const size = await fileSize(file);
  const replay = new RecordingReplay(new Board(firmwareModule()), { name: file, size_bytes: size, source: basename(file) }, options);
  for await (const chunk of fileChunks(file, { size, progress: options.progress })) replay.push(chunk);
  replay.end();
  return replay.record();
}
