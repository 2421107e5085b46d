// A folder of bad recordings and the one-line refusal each must get, on every board that replays
// CSV (the Node board and the native C board give the same message and exit code 2). FILE in a
// message stands for the path given. Expected messages follow the formats' rules (RFC 4180, the
// recording's columns and their types, t_ms a u32 clock that increases, the firmware's rates),
// not the readers' code.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface BadRecording {
  name: string;
  /** The file's bytes; a string is UTF-8; "dir": a directory; null: no file at all. */
  content: string | Uint8Array | "dir" | null;
  message: string;
}

const HEAD = "t_ms,ax_mg,ay_mg,az_mg";

/** `count` rows of a foot at rest, `step_ms` apart from t = 1000. */
function rows(count: number, step_ms = 20, from = 1000): string {
  return Array.from({ length: count }, (_, i) => `${from + i * step_ms},0,0,1000\n`).join("");
}

export const BAD_RECORDINGS: BadRecording[] = [
  { name: "missing.csv", content: null, message: "FILE: no such file" },
  { name: "folder.csv", content: "dir", message: "FILE: is a directory, not a recording" },
  { name: "empty.csv", content: "", message: "FILE, byte 0: empty file: neither CSV nor EDF" },
  { name: "image.png", content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    message: "FILE, byte 6: binary data (0x1a): neither CSV text nor EDF" },
  { name: "nul.csv", content: `${HEAD}\n0,1,2\x003\n`, message: "FILE, byte 28: binary data (0x00): neither CSV text nor EDF" },
  { name: "biosemi.bdf", content: Uint8Array.from([0xff, ...new TextEncoder().encode("BIOSEMI"), ...new Uint8Array(248)]),
    message: "FILE, byte 0 (version): a BDF (24-bit) file: only EDF and EDF+ (16-bit) are read" },
  { name: "blank.csv", content: "\n\n  \n", message: "FILE:1: empty file: no header row" },
  { name: "header-only.csv", content: `${HEAD}\n`, message: "FILE: no samples" },
  { name: "missing-column.csv", content: "t_ms,ax_mg,az_mg\n0,1,1000\n", message: "FILE:1: header lacks column ay_mg (need t_ms,ax_mg,ay_mg,az_mg)" },
  { name: "unknown-column.csv", content: `${HEAD},temp\n0,1,2,3,4\n`, message: 'FILE:1: unknown column "temp"' },
  { name: "twice.csv", content: `${HEAD},ax_mg\n0,1,2,3,4\n`, message: 'FILE:1: column "ax_mg" appears twice' },
  { name: "decimal.csv", content: `${HEAD}\n${rows(3)}1060,0.5,0,1000\n`, message: 'FILE:5: ax_mg is "0.5", not a whole number' },
  { name: "range.csv", content: `${HEAD},button\n0,0,0,1000,2\n`, message: "FILE:2: button = 2 is outside 0…1" },
  { name: "u32.csv", content: `${HEAD}\n4294967296,0,0,1000\n`, message: "FILE:2: t_ms = 4294967296 is outside 0…4294967295" },
  { name: "short-row.csv", content: `${HEAD}\n${rows(2)}1040,0,0\n`, message: "FILE:4: not valid CSV (3 fields, the header has 4)" },
  { name: "quote.csv", content: `${HEAD}\n0,1,2"3",4\n`, message: "FILE:2: not valid CSV (a quote inside an unquoted field)" },
  { name: "unclosed.csv", content: `${HEAD}\n0,1,2,"3\n`, message: "FILE:2: not valid CSV (a quoted field is not closed)" },
  { name: "after-quote.csv", content: `${HEAD}\n0,1,"2"3,4\n`, message: "FILE:2: not valid CSV (characters after a closing quote)" },
  { name: "old-mac.csv", content: `${HEAD}\r0,0,0,1000\r`, message: "FILE:1: not valid CSV (a CR without LF: lines end in LF or CRLF)" },
  { name: "long-line.csv", content: `${HEAD}\n0,0,0,${"1".repeat(5000)}\n`, message: "FILE:2: a line longer than 4096 bytes: not a recording's CSV" },
  { name: "repeat.csv", content: `${HEAD}\n${rows(5)}1080,0,0,1000\n`, message: "FILE:7: t_ms 1080 repeats the time of the row before (line 6): time must increase" },
  { name: "backwards.csv", content: `${HEAD}\n${rows(40)}1700,0,0,1000\n`, message: "FILE:42: t_ms 1700 is before the row before (line 41, t_ms 1780): time must increase" },
  { name: "30hz.csv", content: `${HEAD}\n${rows(50, 33)}`, message: "FILE:2: rows 33 ms apart (30.3 Hz): the firmware runs at 25, 50, 100 Hz; resample the recording first" },
  { name: "rate-change.csv", content: `${HEAD}\n${rows(50, 20)}${rows(10, 10, 2000)}`, message: "FILE:53: t_ms 2010 is 10 ms after the row before (line 52): the rows of this 50 Hz recording are 20 ms apart" },
];

/** Writes the folder; returns the path of each bad recording by name. */
export function writeBadRecordings(dir: string): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  const paths = new Map<string, string>();
  for (const bad of BAD_RECORDINGS) {
    const path = join(dir, bad.name);
    paths.set(bad.name, path);
    if (bad.content === "dir") mkdirSync(path, { recursive: true });
    else if (bad.content !== null) writeFileSync(path, bad.content);
  }
  return paths;
}
