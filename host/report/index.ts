// The night report as a file (Node): the page of page.ts, with Vega's browser build read from the
// installed package, written whole or not at all. Everything that builds the page and the summary
// is platform-neutral (page.ts, html.ts, chart.ts, summary.ts, summaryJson.ts); only this file
// touches the file system.

import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { InputError } from "../inputError.js";
import type { NightRecord } from "../record.js";
import { reportPage } from "./page.js";

export { hourWindows, nightSvg, reportPage } from "./page.js";
export { summarize } from "./summary.js";
export type { NightSummary } from "./summary.js";

let vegaRuntime: string | null = null;

/** Vega's browser build, from the installed package, to inline into the page. */
export async function vegaJs(): Promise<string> {
  if (vegaRuntime === null) {
    const require = createRequire(import.meta.url);
    // The package's main entry lives in build/, beside the browser build (which it does not export).
    const main = require.resolve("vega");
    vegaRuntime = await readFile(join(dirname(main), "vega.min.js"), "utf8");
  }
  return vegaRuntime;
}

/**
 * Writes the report of `record` to `path`: into a temporary file beside it, then renamed over
 * it, so a failure never leaves a partial report (nor a stale temporary file). A path that
 * cannot be written is the user's mistake: an InputError naming it.
 */
export async function writeReport(record: NightRecord, path: string): Promise<void> {
  const html = await reportPage(record, await vegaJs());
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, html, { encoding: "utf8", flag: "wx" });
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    const e = err as NodeJS.ErrnoException;
    if (e.code && ["ENOENT", "EACCES", "EISDIR", "ENOTDIR", "EROFS", "EPERM"].includes(e.code)) {
      throw new InputError(path, `cannot write the report (${e.code === "ENOENT" ? "no such directory" : e.code})`);
    }
    throw err;
  }
}
