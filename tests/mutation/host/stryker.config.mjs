// Mutation testing of the host's recording readers (host/replay) and persistence (host/storage)
// with StrykerJS: each mutant is one small change to the source, and the tests that cover it
// must fail. Run from the project root:
//
//   npm run mutate:host        (nice -n 10, one test process at a time: the machine is shared)
//
// The tap runner runs each test file as `node --import tsx --test-reporter=tap FILE` in a sandbox
// copy of the project, and measures which files cover which mutant (coverage "perTest" is per
// test file with this runner), so a mutant is tried against the files that reach it only.
// Survivors that cannot change behaviour are listed, each with its reason, in
// tests/mutation/host-equivalent.md. Reports: build/mutation/host/ (ignored by git).

/**
 * The host tests that exercise host/replay and host/storage directly. Left out: the command line's
 * and the report's tests (they reach the same code through a simulated night or a child process,
 * seconds per run) and streamingMemory.test.ts (memory bounds over millions of rows).
 */
const testFiles = [
  "badRecordings", "csvReader", "driver", "edf", "edfChecks", "edflib", "powerCut",
  "recordingReplay", "replay", "storage",
].map((name) => `tests/host/${name}.test.ts`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "tap",
  plugins: ["@stryker-mutator/tap-runner"],
  tap: {
    testFiles,
    nodeArgs: ["--import", "tsx", "--test-reporter=tap"],
    forceBail: true,
  },
  mutate: ["host/replay/**/*.ts", "host/storage/**/*.ts"],
  coverageAnalysis: "perTest",
  // A mutant in code that runs when a module loads (a constant) would need every test file.
  ignoreStatic: true,
  concurrency: 1,
  timeoutMS: 4_000,
  timeoutFactor: 1.5,
  // The firmware builds and dist/ are used by the tests; the rest is not needed in the sandbox.
  ignorePatterns: ["/build/mutation", "/reports", "/.ci", "/assembly", "/boards/**/*.c", "/tests/assembly", "/tests/device", "/tests/mutation"],
  reporters: ["clear-text", "json", "html", "progress-append-only"],
  jsonReporter: { fileName: "build/mutation/host/mutation.json" },
  htmlReporter: { fileName: "build/mutation/host/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  incremental: true,
  incrementalFile: "build/mutation/host/incremental.json",
  tempDirName: "build/mutation/host/tmp",
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
