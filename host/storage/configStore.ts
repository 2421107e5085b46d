// The board's copy of the firmware config (what it gives back to a restarted or re-powered
// firmware), kept so that a power cut at any moment leaves the last good config readable:
//
//   save: write <path>.tmp, fsync it; copy the current <path> to <path>.prev, fsync it; rename
//         the temp file over <path> (atomic on POSIX); fsync the directory (which makes the
//         rename, and the names of new files, durable).
//   load: <path> if its checksum holds, else <path>.prev if its checksum holds, else nothing.
//
// The file is one JSON object, {"format":"calmfoot-config/1","generation":G,"values":{key:value,…},
// "sha256":…}, whole-number values by config key, and the SHA-256 (hex) of the canonical text
// "G|key=value,key=value…" (keys ascending), so a half-written or damaged file is recognised and
// never used.

import { createHash } from "node:crypto";
import { dirname } from "node:path";
import { type FileLayer, nodeFiles } from "./fileLayer.js";

/** Config values by key (HAL ABI v1 config keys). */
export type ConfigValues = Record<number, number>;

interface ConfigFile {
  format: "calmfoot-config/1";
  /** Increases with every save, so the newest good copy can be told. */
  generation: number;
  values: ConfigValues;
  sha256: string;
}

/** "generation|key=value,…" in ascending key order (integer keys enumerate so, ECMA-262 OrdinaryOwnPropertyKeys). */
function canonical(generation: number, values: ConfigValues): string {
  return `${generation}|` + Object.keys(values).map((k) => `${k}=${values[Number(k)] | 0}`).join(",");
}

function checksum(generation: number, values: ConfigValues): string {
  return createHash("sha256").update(canonical(generation, values)).digest("hex");
}

function writeDurably(files: FileLayer, path: string, text: string): void {
  const fd = files.open(path, "write");
  try {
    files.write(fd, text);
    files.fsync(fd);
  } finally {
    files.close(fd);
  }
}

/** Parses and verifies one config file; null when missing, torn or damaged. */
export function readConfigFile(path: string, files: FileLayer = nodeFiles): { generation: number; values: ConfigValues } | null {
  return parseConfig(readText(files, path));
}

function readText(files: FileLayer, path: string): string | null {
  try {
    return files.readText(path);
  } catch {
    return null;
  }
}

function parseConfig(text: string | null): { generation: number; values: ConfigValues } | null {
  let parsed: ConfigFile;
  try {
    parsed = JSON.parse(text ?? "") as ConfigFile;
  } catch {
    return null;
  }
  if (!parsed || parsed.format !== "calmfoot-config/1" || typeof parsed.values !== "object" || parsed.values === null) return null;
  if (!Number.isInteger(parsed.generation)) return null;
  for (const v of Object.values(parsed.values)) if (!Number.isInteger(v)) return null;
  if (checksum(parsed.generation, parsed.values) !== parsed.sha256) return null;
  return { generation: parsed.generation, values: parsed.values };
}

export class ConfigStore {
  constructor(readonly path: string, private readonly files: FileLayer = nodeFiles) {}

  /** The last good config: the current file, else the previous one; null if there is none. */
  load(): { generation: number; values: ConfigValues } | null {
    return readConfigFile(this.path, this.files) ?? readConfigFile(`${this.path}.prev`, this.files);
  }

  /** Saves `values` so that a power cut at any moment leaves this or the previous config. */
  save(values: ConfigValues): number {
    const generation = (this.load()?.generation ?? 0) + 1;
    const file: ConfigFile = { format: "calmfoot-config/1", generation, values: { ...values }, sha256: checksum(generation, values) };
    const tmp = `${this.path}.tmp`;
    writeDurably(this.files, tmp, JSON.stringify(file) + "\n");
    // The current file, if good, becomes the previous one: a copy, durable before the rename.
    const current = readText(this.files, this.path);
    if (parseConfig(current)) writeDurably(this.files, `${this.path}.prev`, current!);
    this.files.rename(tmp, this.path);
    this.files.fsyncDir(dirname(this.path));
    return generation;
  }
}
