// Runs the command line as a person would, for the tests: the built CLI (npm test builds first,
// and it starts in a fraction of tsx's time), or the sources through tsx when the build is older
// than they are.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest modification time of the files under `path`. */
function newest(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f)))) : s.mtimeMs;
}

const BUILT = "dist/host/cli.js";
const RUN = existsSync(BUILT) && statSync(BUILT).mtimeMs >= newest("host") ? [BUILT] : ["--import", "tsx", "host/cli.ts"];

export function calmfoot(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...RUN, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
