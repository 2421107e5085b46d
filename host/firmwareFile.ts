// The firmware builds on this machine (Node only): where they are and their compiled modules.
// The board itself (host/board/) is given a compiled module and never reads files, so that a
// browser can run it too.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
