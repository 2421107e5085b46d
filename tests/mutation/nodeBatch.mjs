// Runs several node:test files in one process (the runner's per-mutant run): starting Node and
// its TypeScript loader once instead of once per file is most of the time a small test file costs.
// The process exits non-zero when any test of any file fails, as `node FILE` does.

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
