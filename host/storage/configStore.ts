// The board's copy of the firmware config (what it gives back to a restarted or re-powered
// firmware), kept so that a power cut at any moment leaves the last good config readable:
//
//   save: write <path>.tmp, fsync it; copy the current <path> to <path>.prev; rename the temp
//         file over <path> (atomic on POSIX); fsync the directory.
//   load: <path> if its checksum holds, else <path>.prev if its checksum holds, else nothing.
//
// The file is one JSON object with the values by config key and a SHA-256 over their canonical
// text, so a half-written or damaged file is recognised and never used.

import { createHash } from "node:crypto";
import { closeSync, copyFileSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** Config values by key (HAL ABI v1 config keys). */
export type ConfigValues = Record<number, number>;

interface ConfigFile {
  format: "calmfoot-config/1";
  /** Increases with every save, so the newest good copy can be told. */
  generation: number;
  values: ConfigValues;
  sha256: string;
}

function canonical(generation: number, values: ConfigValues): string {
  const keys = Object.keys(values).map(Number).sort((a, b) => a - b);
  return `${generation}|` + keys.map((k) => `${k}=${values[k] | 0}`).join(",");
}

function checksum(generation: number, values: ConfigValues): string {
  return createHash("sha256").update(canonical(generation, values)).digest("hex");
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(path: string): void {
  const fd = openSync(dirname(path), "r");
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

/** Parses and verifies one config file; null when missing, torn or damaged. */
export function readConfigFile(path: string): { generation: number; values: ConfigValues } | null {
  let parsed: ConfigFile;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as ConfigFile;
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
  constructor(readonly path: string) {}

  /** The last good config: the current file, else the previous one; null if there is none. */
  load(): { generation: number; values: ConfigValues } | null {
    return readConfigFile(this.path) ?? readConfigFile(`${this.path}.prev`);
  }

  /** Saves `values` so that a power cut at any moment leaves this or the previous config. */
  save(values: ConfigValues): number {
    const generation = (this.load()?.generation ?? 0) + 1;
    const file: ConfigFile = { format: "calmfoot-config/1", generation, values: { ...values }, sha256: checksum(generation, values) };
    const tmp = `${this.path}.tmp`;
    writeDurably(tmp, JSON.stringify(file) + "\n");
    if (readConfigFile(this.path)) {
      copyFileSync(this.path, `${this.path}.prev`);
      const fd = openSync(`${this.path}.prev`, "r+");
      try { fsyncSync(fd); } finally { closeSync(fd); }
    }
    renameSync(tmp, this.path);
    fsyncDir(this.path);
    return generation;
  }
}
