// Where the mutation runner keeps its build (build/mutation, ignored by git) and its cache.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const OUT = join(ROOT, "build", "mutation");
/** The schemata tree: assembly/ rewritten, and copies of the as-pect specs beside it. */
export const SRC = join(OUT, "src");
/** The schemata firmware, compiled once: every mutant, chosen at run time. */
export const FIRMWARE = join(OUT, "firmware.wasm");
export const SPECS = join(OUT, "specs");
export const CACHE = join(ROOT, ".cache", "mutation");

/** Where the compiled schemata binary of as-pect spec `spec` (tests/assembly/x.spec.ts) is kept. */
export function specBinary(spec: string): string {
  return join(SPECS, spec.replace(/^.*\//, "").replace(/\.ts$/, ".wasm"));
}
