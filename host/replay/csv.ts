// Reads a recording in CSV, streaming: `t_ms,ax_mg,ay_mg,az_mg` and optionally `temp_cdeg`,
// `button`, in any column order, one header row. Every bad field is reported with its file and
// line, never guessed around.

import { createReadStream, statSync } from "node:fs";
import { parse } from "csv-parse";
import { InputError, at } from "../inputError.js";
import { progressBar } from "./progress.js";

export interface RecordingRow {
  /** Line in the file (1-based), for messages. */
  line: number;
  /** Board clock, u32 ms. */
  t_ms: number;
  ax_mg: number;
  ay_mg: number;
  az_mg: number;
  temp_cdeg?: number;
  button?: number;
}

const REQUIRED = ["t_ms", "ax_mg", "ay_mg", "az_mg"] as const;
const OPTIONAL = ["temp_cdeg", "button"] as const;

function integer(file: string, line: number, column: string, text: string, min: number, max: number): number {
  const trimmed = text.trim();
  if (!/^[-+]?\d+$/.test(trimmed)) {
    throw new InputError(at(file, line), `${column} is ${JSON.stringify(text)}, not a whole number`);
  }
  const value = Number(trimmed);
  if (value < min || value > max) throw new InputError(at(file, line), `${column} = ${value} is outside ${min}…${max}`);
  return value;
}

/** The columns a file has beyond the required ones. */
export interface CsvColumns {
  temp: boolean;
  button: boolean;
}

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
  const parser = input.pipe(parse({ info: true, skip_empty_lines: true, trim: true, relax_column_count: false }));
  let index: Record<string, number> | null = null;
  const iterator = parser[Symbol.asyncIterator]();
  try {
    while (true) {
      let step: IteratorResult<{ record: string[]; info: { lines: number } }>;
      try {
        step = await Promise.race([iterator.next(), openError]);
      } catch (err) {
        if (err instanceof InputError) throw err;
        const e = err as { lines?: number; message: string };
        throw new InputError(at(file, e.lines ?? 0), `not valid CSV (${e.message.split("\n")[0]})`);
      }
      if (step.done) break;
      const { record, info } = step.value;
      const line = info.lines;
      if (!index) {
        index = {};
        record.forEach((name, i) => { index![name] = i; });
        for (const name of REQUIRED) {
          if (!(name in index)) throw new InputError(at(file, line), `header lacks column ${name} (need ${REQUIRED.join(",")})`);
        }
        for (const name of Object.keys(index)) {
          if (!(REQUIRED as readonly string[]).includes(name) && !(OPTIONAL as readonly string[]).includes(name)) {
            throw new InputError(at(file, line), `unknown column ${JSON.stringify(name)}`);
          }
        }
        onColumns?.({ temp: "temp_cdeg" in index, button: "button" in index });
        continue;
      }
      const field = (name: string) => record[index![name]];
      if ((line & 1023) === 0) bar?.update(input.bytesRead);
      const row: RecordingRow = {
        line,
        t_ms: integer(file, line, "t_ms", field("t_ms"), 0, 0xffffffff),
        ax_mg: integer(file, line, "ax_mg", field("ax_mg"), -2147483648, 2147483647),
        ay_mg: integer(file, line, "ay_mg", field("ay_mg"), -2147483648, 2147483647),
        az_mg: integer(file, line, "az_mg", field("az_mg"), -2147483648, 2147483647),
      };
      if ("temp_cdeg" in index && field("temp_cdeg") !== "") {
        row.temp_cdeg = integer(file, line, "temp_cdeg", field("temp_cdeg"), -2147483648, 2147483647);
      }
      if ("button" in index && field("button") !== "") row.button = integer(file, line, "button", field("button"), 0, 1);
      yield row;
    }
  } finally {
    bar?.stop();
    input.destroy();
  }
  if (!index) throw new InputError(at(file, 1), "empty file: no header row");
}
