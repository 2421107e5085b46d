// Labelled movements for a CSV recording, from a file beside it (`replay night.csv --labels
// night.labels.csv`): a header `t_ms,duration_ms,label` and one row per movement, `t_ms` the board
// clock of its onset (the recording's own clock), `duration_ms` its length, `label` its name ("LM",
// "JERK", "Leg movement", "Sleep stage N2", "Lights off" … as in EDF+ annotations). This is what
// `calmfoot simulate --write-recording night.csv` writes beside the recording: a CSV recording has
// no place of its own for annotations. Bad rows are InputErrors naming file and line.

import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { InputError, at } from "../inputError.js";
import type { LabelledMovement } from "../record.js";

/** A label onset on the board clock (u32 ms), before it is put on the night's axis. */
export interface ClockLabel {
  t_ms: number;
  duration_ms: number;
  label: string;
}

export function readLabelsCsv(file: string): ClockLabel[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(file, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot be read (${code})`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new InputError(at(file, e.lines ?? 0), `not valid CSV (${e.message.split("\n")[0]})`);
  }
  const header = rows[0]?.join(",");
  if (header !== "t_ms,duration_ms,label") throw new InputError(at(file, 1), `the header must be t_ms,duration_ms,label, not ${JSON.stringify(header ?? "")}`);
  return rows.slice(1).map((row, i) => {
    const line = i + 2;
    const whole = (name: string, v: string, max: number) => {
      if (!/^\d+$/.test(v) || Number(v) > max) throw new InputError(at(file, line), `${name} is ${JSON.stringify(v)}, not a whole number of ms within 0…${max}`);
      return Number(v);
    };
    return { t_ms: whole("t_ms", row[0], 0xffffffff), duration_ms: whole("duration_ms", row[1], 86_400_000), label: row[2] };
  });
}

/** The labels on the night's axis: ms from the recording's first row at board clock `clock0_ms`. */
export function labelsOnNight(labels: ClockLabel[], clock0_ms: number): LabelledMovement[] {
  return labels.map((l) => ({ onset_ms: (l.t_ms - clock0_ms) >>> 0, duration_ms: l.duration_ms, label: l.label }))
    .sort((a, b) => a.onset_ms - b.onset_ms);
}
