// Mutation testing of the host's recording readers (host/replay) and persistence (host/storage)
// with StrykerJS: each mutant is one small change to the source, and the tests that cover it
// must fail. Run from the project root through the runner, which runs Stryker once per group of
// files and prints the table and the survivors:
//
//   npm run mutate:host                 (every group)
//   npm run mutate:host -- storage edf  (some groups)
//
// The tap runner runs each test file as `node --import tsx --test-reporter=tap FILE` in a sandbox
// copy of the project and measures which test files cover which mutant (coverage "perTest" is per
// test file with this runner), so a mutant is tried against the files that reach it only. One test
// process at a time: the machine is shared. Survivors that cannot change behaviour are listed,
// each with its reason, in tests/mutation/host-equivalent.md. Reports: build/mutation/host/.

import { GROUPS } from "./groups.mjs";

const group = GROUPS[process.env.CALMFOOT_MUTATE_GROUP ?? ""];
if (!group) throw new Error(`CALMFOOT_MUTATE_GROUP must be one of ${Object.keys(GROUPS).join(", ")} (run tests/mutation/host/run.mjs)`);
const name = process.env.CALMFOOT_MUTATE_GROUP;
// Seen by the test files (tests/host/mutation.ts): volume and child-process tests step aside.
process.env.CALMFOOT_MUTATION = "1";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "tap",
  plugins: ["@stryker-mutator/tap-runner"],
  tap: {
    testFiles: group.tests.map((t) => `tests/host/${t}.test.ts`),
    nodeArgs: ["--import", "tsx", "--test-reporter=tap"],
    forceBail: true,
  },
  // CALMFOOT_MUTATE_ONLY="a.ts,b.ts": only these files of the group (a quicker look at a few).
  mutate: process.env.CALMFOOT_MUTATE_ONLY ? process.env.CALMFOOT_MUTATE_ONLY.split(",") : group.mutate,
  coverageAnalysis: "perTest",
  // A mutant in code that runs when a module loads (a constant) would need every test file.
  ignoreStatic: true,
  concurrency: 1,
  timeoutMS: 4_000,
  timeoutFactor: 1.5,
  // The firmware builds and dist/ are used by the tests; the rest is not needed in the sandbox.
  ignorePatterns: ["/build/mutation", "/reports", "/.ci", "/assembly", "/tests/assembly", "/tests/device", "/tests/mutation", "/web"],
  reporters: ["clear-text", "json", "progress-append-only"],
  jsonReporter: { fileName: `build/mutation/host/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  incremental: true,
  incrementalFile: `build/mutation/host/${name}.incremental.json`,
  tempDirName: `build/mutation/host/tmp-${name}`,
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
