// The event log of one recording from each board, as text (canonical lines, host/eventLog.ts), for
// comparing them byte for byte.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Board } from "../board.js";
import { logLine } from "../eventLog.js";
import { readCsvRecording } from "../replay/csv.js";
import { replayRows, type ReplayOptions } from "../replay/replay.js";

export const NATIVE_DIR = fileURLToPath(new URL("../../build/native/", import.meta.url));
/** The snapshot of build/firmware.wasm that build.sh compiled; the Node side loads the same file. */
export const NATIVE_WASM = `${NATIVE_DIR}firmware.wasm`;
export const NATIVE_BOARD = `${NATIVE_DIR}calmfoot-native`;
export const NATIVE_PROBE = `${NATIVE_DIR}calmfoot-native-probe`;
export const FLOOR_DETECTOR = `${NATIVE_DIR}floor-detector`;
export const BUILD_SCRIPT = fileURLToPath(new URL("./build.sh", import.meta.url));

export interface LogOptions {
  /** Module for the Node board (default: the native board's snapshot). */
  wasmPath?: string;
  /** FIFO board: samples through fw_accel_batch, this many at a time. */
  batch?: number;
  config?: [number, number][];
}

/** Is wasm2c on the PATH? (The only reason to skip the native board.) */
export function haveWasm2c(): boolean {
  return spawnSync("wasm2c", ["--version"], { encoding: "utf8" }).status === 0;
}

/**
 * Builds build/native/* from the current build/firmware.wasm (or `wasm` into `outDir`); returns the
 * board binary. Throws with the compiler's output.
 */
export function buildNative(wasm?: string, outDir?: string): string {
  const env = { ...process.env };
  if (wasm) env.CALMFOOT_WASM = wasm;
  if (outDir) env.CALMFOOT_NATIVE_OUT = outDir;
  const board = outDir ? `${outDir}/calmfoot-native` : NATIVE_BOARD;
  const r = spawnSync("sh", [BUILD_SCRIPT], { encoding: "utf8", env });
  if (r.status !== 0 || !existsSync(board)) throw new Error(`host/native/build.sh failed:\n${r.stderr}${r.stdout}`);
  return board;
}

/** The Node board's event log for `file`, plus the number of firmware restarts. */
export async function nodeLog(file: string, options: LogOptions = {}): Promise<{ log: string; restarts: number }> {
  const lines: string[] = [];
  const board = new Board({ wasmPath: options.wasmPath ?? NATIVE_WASM, onEvent: (e) => lines.push(logLine(e) + "\n") });
  // hasTemperature is learnt from the header, which is read before the first row is replayed.
  const replay: ReplayOptions = { hasTemperature: false, config: options.config, batch: options.batch ?? 0 };
  await replayRows(board, readCsvRecording(file, (c) => { replay.hasTemperature = c.temp; }), replay);
  return { log: lines.join(""), restarts: board.restarts.length };
}

/** The native board's event log for `file` (stdout), and what it said on stderr. */
export function nativeLog(file: string, options: LogOptions = {}, binary = NATIVE_BOARD): { log: string; stderr: string; status: number | null } {
  const args: string[] = [];
  if (options.batch) args.push("--batch", String(options.batch));
  for (const [key, value] of options.config ?? []) args.push("--set", `${key}=${value}`);
  args.push(file);
  const r = spawnSync(binary, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { log: r.stdout, stderr: r.stderr, status: r.status };
}
