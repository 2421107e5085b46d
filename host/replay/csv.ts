// Reads a recording in CSV, streaming, in Node: csv-parse over a file stream, every record checked
// by csvRows.ts (which names file and line of every bad field).

import { createReadStream, statSync } from "node:fs";
import { parse } from "csv-parse";
import { InputError } from "../inputError.js";
import { CSV_PARSE_OPTIONS, type CsvColumns, CsvRows, type RecordingRow, csvSyntaxError } from "./csvRows.js";
import { progressBar } from "./progress.js";

export type { CsvColumns, RecordingRow } from "./csvRows.js";

/**
 * Streams the rows of `file`; `onColumns` learns the optional columns from the header. A progress
 * bar (by bytes) shows on stderr when it is a terminal, unless `progress` is false.
 */
export async function* readCsvRecording(file: string, onColumns?: (c: CsvColumns) => void,
  options: { progress?: boolean } = {}): AsyncGenerator<RecordingRow> {
  const input = createReadStream(file);
  let size = 0;
  try { size = statSync(file).size; } catch { /* reported by the stream below */ }
  const bar = options.progress === false ? null : progressBar(`reading ${file}`, size, "bytes");
  const openError = new Promise<never>((_, reject) => {
    input.once("error", (err: NodeJS.ErrnoException) => reject(new InputError(file, err.code === "ENOENT" ? "no such file" : err.message)));
  });
  const parser = input.pipe(parse(CSV_PARSE_OPTIONS));
  const rows = new CsvRows(file, onColumns);
  const iterator = parser[Symbol.asyncIterator]();
  try {
    while (true) {
      let step: IteratorResult<{ record: string[]; info: { lines: number } }>;
      try {
        step = await Promise.race([iterator.next(), openError]);
      } catch (err) {
        throw csvSyntaxError(file, err);
      }
      if (step.done) break;
      const { record, info } = step.value;
      const line = info.lines;
      if ((line & 1023) === 0) bar?.update(input.bytesRead);
      const row = rows.take(record, line);
      if (row) yield row;
    }
  } finally {
    bar?.stop();
    input.destroy();
  }
  rows.finish();
}
