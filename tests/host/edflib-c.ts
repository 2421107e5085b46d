// EDFlib (the reference C library, Debian libedf-dev) from the tests: a small C program compiled
// with gcc against -ledf at test time, to write fixtures the project's own writer did not make and
// to read back what the project wrote. Skipped (with the reason) where gcc or the library is missing.

import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const EDFLIB_SKIP: string | false = !existsSync("/usr/include/edflib.h")
  ? "/usr/include/edflib.h is absent: install the Debian package \"libedf-dev\""
  : spawnSync("gcc", ["--version"]).status !== 0 ? "gcc is absent" : false;

/** Compiles `source` (C, including edflib.h) in `dir`; returns the program's path. Throws with gcc's output on failure. */
export function compileEdflibProgram(dir: string, name: string, source: string): string {
  const c = join(dir, `${name}.c`);
  const exe = join(dir, name);
  writeFileSync(c, source);
  const r = spawnSync("gcc", ["-O1", "-D_LARGEFILE64_SOURCE", "-D_LARGEFILE_SOURCE", "-o", exe, c, "-ledf"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`gcc ${c} failed:\n${r.stderr}`);
  return exe;
}

/** Runs a compiled program; returns its stdout, throws with its stderr when it fails. */
export function runProgram(exe: string, args: string[]): string {
  const r = spawnSync(exe, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${exe} ${args.join(" ")} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export { existsSync };
