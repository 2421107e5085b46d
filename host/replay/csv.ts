// A CSV recording file read row by row (Node only): the file's chunks through the
// platform-neutral CsvReader (csvReader.ts, which has the format and its rules).

import { CsvReader, type CsvColumns, type RecordingRow } from "./csvReader.js";
import { fileChunks } from "./fileChunks.js";

export type { CsvColumns, RecordingRow } from "./csvReader.js";

/**
 * Streams the rows of `file`; `onColumns` learns the optional columns from the header. A progress
 * bar (by bytes) shows on stderr when it is a terminal, unless `progress` is false.
 */
export async function* readCsvRecording(file: string, onColumns?: (c: CsvColumns) => void,
  options: { progress?: boolean } = {}): AsyncGenerator<RecordingRow> {
  const reader = new CsvReader(file);
  let told = false;
  function* rows(): Generator<RecordingRow> {
    for (let row = reader.next(); ; row = reader.next()) {
      if (!told && reader.columns) {
        told = true;
        onColumns?.(reader.columns);
      }
      if (row === null) return;
      yield row;
    }
  }
  for await (const chunk of fileChunks(file, { progress: options.progress })) {
    reader.push(chunk);
    yield* rows();
  }
  reader.end();
  yield* rows();
}
