// EDFlib (the reference C library, Debian libedf-dev) from the tests: small C programs compiled
// with gcc against -ledf, to write fixtures the project's own writer did not make and to read
// back what the project wrote. Each program is compiled once: the binary is kept in the system's
// temp directory under a hash of its source (and of edflib.h), so the test files, and every run
// of them by mutation testing, share it. Skipped (with the reason) where gcc or the library is
// missing.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HEADER = "/usr/include/edflib.h";

export const EDFLIB_SKIP: string | false = !existsSync(HEADER)
  ? `${HEADER} is absent: install the Debian package "libedf-dev"`
  : spawnSync("gcc", ["--version"]).status !== 0 ? "gcc is absent" : false;

/** Compiles `source` (C, including edflib.h), or finds it compiled; returns the program's path. Throws with gcc's output on failure. */
export function compileEdflibProgram(name: string, source: string): string {
  const hash = createHash("sha256").update(source).update(readFileSync(HEADER)).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), "calmfoot-edflib");
  const exe = join(dir, `${name}-${hash}`);
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const c = `${exe}.${process.pid}.c`;
  writeFileSync(c, source);
  const r = spawnSync("gcc", ["-O1", "-D_LARGEFILE64_SOURCE", "-D_LARGEFILE_SOURCE", "-o", `${exe}.${process.pid}`, c, "-ledf", "-lm"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`gcc ${c} failed:\n${r.stderr}`);
  renameSync(`${exe}.${process.pid}`, exe); // whole or not at all, when two test files compile it at once
  return exe;
}

/** Runs a compiled program; returns its stdout, throws with its stderr when it fails. */
export function runProgram(exe: string, args: string[], input?: string): string {
  const r = spawnSync(exe, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, input });
  if (r.status !== 0) throw new Error(`${exe} ${args.join(" ")} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}
