// The tests that can see a firmware mutant: one table. A mutant runs only the files of this table
// whose baseline run reached it (coverage), cheapest first, until one fails.
//
// - aspect: the as-pect specs, compiled once against the schemata tree (milliseconds a run).
// - node: node:test files run as `node --import tsx --import preload FILE`; the preload hands
//   every firmware build a test compiles the schemata build with the mutant live.
//
// Host tests left out, and why: the ones that start the command line or C boards in child processes
// (cli*, boards, export, web-browser: the preload does not reach them, and they take seconds a
// case), the ones about the release build's shape (module: a schemata build is not a release
// build), readers and reports that do not run the firmware (edf*, csvReader, report-*, storage),
// whole-night evaluations (eval, night, recordingReplay: minutes of nights per mutant for what
// the faster files below already see), and the board's own behaviour around the firmware (driver,
// boardTrap, replay, web-night: they test host code; what they see of the firmware, the device
// tests and the files below see closer to the rule). Each node file costs ≈ 1–3 s for every
// mutant that survives the specs, so the default list is short: the device tests, config ranges
// and a button session end to end; fault nights and random hostile calls (2–3 s of simulated
// nights each) run with --thorough.

export interface Suite {
  kind: "aspect" | "node";
  /** Only with --thorough: files that take seconds a mutant for what the others mostly see too. */
  thorough?: boolean;
  /** Test files, or a folder whose *.test.ts / *.spec.ts files are all in. */
  files: string[];
}

export const SUITES: Suite[] = [
  { kind: "aspect", files: ["tests/assembly"] },
  { kind: "node", files: ["tests/device"] },
  {
    kind: "node",
    files: [
      "tests/host/configTable.test.ts",
      "tests/host/session.test.ts",
    ],
  },
  {
    kind: "node",
    thorough: true,
    files: [
      "tests/host/faults.test.ts",
      "tests/host/properties.test.ts",
    ],
  },
];
