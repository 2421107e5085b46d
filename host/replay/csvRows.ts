// The checks of a CSV recording, row by row, whatever reads the file (csv.ts streams it in Node;
// the web simulator parses a dropped file in the browser): `t_ms,ax_mg,ay_mg,az_mg` and optionally
// `temp_cdeg`, `button`, in any column order, one header row. Every bad field is reported with its
// file and line, never guessed around. Platform-neutral.

import { InputError, at } from "../inputError.js";

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

/** A CSV parser's error (csv-parse's, with the line it stopped at) as the one-line error naming the place. */
export function csvSyntaxError(file: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const e = err as { lines?: number; message: string };
  return new InputError(at(file, e.lines ?? 0), `not valid CSV (${e.message.split("\n")[0]})`);
}

/** Checks the records of one file in order: the header first, then every row. */
export class CsvRows {
  private index: Record<string, number> | null = null;

  /** `onColumns` learns the optional columns from the header. */
  constructor(private readonly file: string, private readonly onColumns?: (c: CsvColumns) => void) {}

  /** One parsed record at `line`: null for the header, else the checked row. */
  take(record: string[], line: number): RecordingRow | null {
    const file = this.file;
    if (!this.index) {
      const index: Record<string, number> = {};
      record.forEach((name, i) => { index[name] = i; });
      for (const name of REQUIRED) {
        if (!(name in index)) throw new InputError(at(file, line), `header lacks column ${name} (need ${REQUIRED.join(",")})`);
      }
      for (const name of Object.keys(index)) {
        if (!(REQUIRED as readonly string[]).includes(name) && !(OPTIONAL as readonly string[]).includes(name)) {
          throw new InputError(at(file, line), `unknown column ${JSON.stringify(name)}`);
        }
      }
      this.index = index;
      this.onColumns?.({ temp: "temp_cdeg" in index, button: "button" in index });
      return null;
    }
    const index = this.index;
    const field = (name: string) => record[index[name]];
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
    return row;
  }

  /** The file is over: it must have had its header. */
  finish(): void {
    if (!this.index) throw new InputError(at(this.file, 1), "empty file: no header row");
  }
}

/** csv-parse's options for a recording (both readers parse alike). */
export const CSV_PARSE_OPTIONS = { info: true, skip_empty_lines: true, trim: true, relax_column_count: false } as const;
