// The event log of one recording from each kind of board, as text (canonical lines,
// host/eventLog.ts), for comparing them byte for byte: the Node board (the reference), a desktop
// image (x86-64, replays a CSV file) and a Cortex-M4 image (QEMU, replays its embedded recording).
// Nothing here knows what a log should say, only whether two agree.

import { spawnSync } from "node:child_process";
import { Board } from "../../host/board/board.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { logLine } from "../../host/eventLog.js";
import { readCsvRecording } from "../../host/replay/csv.js";
import { replayRows, type ReplayOptions } from "../../host/replay/replay.js";
import { FIRMWARE_WASM } from "./build.js";

export interface LogOptions {
  /** Module for the Node board (default: the snapshot the images were made from). */
  wasmPath?: string;
  /** FIFO board: samples through fw_accel_batch, this many at a time. */
  batch?: number;
  config?: [number, number][];
}

/** The Node board's event log for `file`, plus the number of firmware restarts. */
export async function nodeLog(file: string, options: LogOptions = {}): Promise<{ log: string; restarts: number }> {
  const lines: string[] = [];
  const board = new Board(firmwareModule(options.wasmPath ?? FIRMWARE_WASM), { onEvent: (e) => lines.push(logLine(e) + "\n") });
  // hasTemperature is learnt from the header, which is read before the first row is replayed.
  const replay: ReplayOptions = { hasTemperature: false, config: options.config, batch: options.batch ?? 0 };
  await replayRows(board, readCsvRecording(file, (c) => { replay.hasTemperature = c.temp; }, { progress: false }), replay);
  return { log: lines.join(""), restarts: board.restarts.length };
}

export interface DesktopRun {
  log: string;
  stderr: string;
  status: number | null;
}

/** A desktop image's event log for `file` (stdout), and what it said on stderr. */
export function desktopLog(elf: string, file: string, options: LogOptions & { wasm?: string } = {}): DesktopRun {
  const args: string[] = [];
  if (options.batch) args.push("--batch", String(options.batch));
  for (const [key, value] of options.config ?? []) args.push("--set", `${key}=${value}`);
  if (options.wasm) args.push("--wasm", options.wasm);
  args.push(file);
  const r = spawnSync(elf, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { log: r.stdout, stderr: r.stderr, status: r.status };
}

/** Where two logs first differ, for a failure message; null when they are the same. */
export function firstDifference(expected: string, actual: string, labels = ["node", "board"]): string | null {
  if (expected === actual) return null;
  const a = expected.split("\n");
  const b = actual.split("\n");
  const i = a.findIndex((line, k) => line !== b[k]);
  const at = i < 0 ? b.length - 1 : i;
  return `event logs differ at line ${at + 1} (${a.length - 1} vs ${b.length - 1} lines):\n  ${labels[0]}: ${a[at] ?? "(end)"}\n  ${labels[1]}: ${b[at] ?? "(end)"}`;
}
