// The firmware builds on this machine (Node only): where they are and their compiled modules.
// The board itself (host/board/) is given a compiled module and never reads files, so that a
// browser can run it too.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkFirmware } from "./firmwareCheck.js";
import { InputError } from "./inputError.js";

/** The project root: the nearest folder above this file with a package.json (from host/ or dist/host/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const RELEASE_WASM = join(projectRoot(), "build", "firmware.wasm");
export const DEBUG_WASM = join(projectRoot(), "build", "firmware.debug.wasm");

const compiled = new Map<string, WebAssembly.Module>();

/** The firmware in `path` (default: the release build), compiled once per process; instances are cheap after that. */
export function firmwareModule(path = RELEASE_WASM): WebAssembly.Module {
  let module = compiled.get(path);
  if (!module) {
    module = new WebAssembly.Module(readFileSync(path));
    compiled.set(path, module);
  }
  return module;
}

/**
 * Another build given by a person (`--firmware FILE.wasm`, `calmfoot compare`): read and checked
 * (host/firmwareCheck.ts); anything that is not a calmfoot firmware is an InputError naming the file.
 */
export function firmwareFromFile(path: string): WebAssembly.Module {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot be read (${code})`);
  }
  const check = checkFirmware(bytes);
  if (!check.ok) throw new InputError(path, `not a calmfoot firmware: ${check.reason}`);
  return check.module;
}
