// An EDF/EDF+ recording file read row by row (Node only): the file's chunks through the
// platform-neutral EdfReader (edfReader.ts, which has the format and its rules), so an 8-hour
// 100 Hz file never sits in memory.

import type { LabelledMovement } from "../record.js";
import type { RecordingRow } from "./csvReader.js";
import { type EdfHeader, type EdfInfo, type EdfReadOptions, EdfReader } from "./edfReader.js";
import { fileChunks, fileSize } from "./fileChunks.js";

export { ANNOTATION_LABEL, mgPerUnit, parseTals } from "./edfReader.js";
export type { EdfHeader, EdfInfo, EdfReadOptions, EdfSignal } from "./edfReader.js";

export interface EdfFileOptions extends EdfReadOptions {
  /** Called once the header is read (annotations still empty) and again at the end (complete). */
  onInfo?: (info: EdfInfo) => void;
  /** Progress bar on stderr when it is a terminal (default true). */
  progress?: boolean;
}

/**
 * Streams the rows of an EDF/EDF+ file at `sample_hz`: `t_ms` = clock0 + ms since the first row,
 * ax/ay/az whole mg, `line` = the data record (1-based) the row's time falls in.
 */
export async function* readEdfRecording(file: string, options: EdfFileOptions): AsyncGenerator<RecordingRow> {
  const size = await fileSize(file);
  const reader = new EdfReader(file, size, options);
  let told = false;
  function* rows(): Generator<RecordingRow> {
    for (let row = reader.next(); ; row = reader.next()) {
      if (!told && reader.info) {
        told = true;
        options.onInfo?.(reader.info);
      }
      if (row === null) return;
      yield row;
    }
  }
  for await (const chunk of fileChunks(file, { size, progress: options.progress })) {
    reader.push(chunk);
    yield* rows();
  }
  reader.end();
  yield* rows();
  options.onInfo?.(reader.info!);
}

/** The header of an EDF/EDF+ file, checked (including that the file is long enough for it). */
export async function readEdfHeader(file: string): Promise<EdfHeader> {
  const size = await fileSize(file);
  const reader = new EdfReader(file, size, { sample_hz: 1, annotationsOnly: true });
  for await (const chunk of fileChunks(file, { size, progress: false })) {
    reader.push(chunk);
    const header = reader.readHeader();
    if (header) return header;
  }
  reader.end();
  return reader.readHeader()!;
}

/** All annotations of an EDF+ file (none for plain EDF), onsets in ms from the start of the file. */
export async function readEdfAnnotations(file: string): Promise<LabelledMovement[]> {
  const size = await fileSize(file);
  const reader = new EdfReader(file, size, { sample_hz: 1, annotationsOnly: true });
  for await (const chunk of fileChunks(file, { size, progress: false })) {
    reader.push(chunk);
    reader.next();
  }
  reader.end();
  reader.next();
  return reader.info!.annotations;
}
