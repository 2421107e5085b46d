// The host's architecture as rules on its imports, checked by tests/host/architecture.test.ts
// (and by hand: npx depcruise host --config .dependency-cruiser.cjs).
//
//   sim/      physical models (leg, sensor, motor, pad, thermistor, button, night plans): imports
//             nothing outside sim/
//   board/    the board: firmware wrapper, HAL + event log, the driver, simulated nights
//   the platform-neutral core (sim/, board/ and the contract modules abi, eventLog, record) runs
//   unchanged in a browser: no Node module, no module that reads files
//   scoring/  the scoring rules: no board, no command, no report
//   report/   page, charts and summaries run in a browser too: no Node module but in index.ts (the file writer)
//   commands/ eval, diagnose, soak, heat sweep, bench, logs: nothing but the CLI-level depends on them
//   and no import cycle anywhere.

/** The platform-neutral core, as path patterns. */
const CORE = "^host/(board/|sim/|abi\\.ts$|eventLog\\.ts$|record\\.ts$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "An import cycle ties modules into one: split or move what both need.",
      severity: "error",
      from: { path: "^host/" },
      to: { circular: true },
    },
    {
      name: "sim-is-physics",
      comment: "host/sim/ holds physical models and imports nothing outside it (no board, no scoring, no contract).",
      severity: "error",
      from: { path: "^host/sim/" },
      to: { pathNot: "^host/sim/" },
    },
    {
      name: "core-is-platform-neutral",
      comment: "The core runs in a browser as it is: no Node built-in module.",
      severity: "error",
      from: { path: CORE },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-stays-core",
      comment: "The core depends only on itself and the firmware loader package; files are read outside it (host/firmwareFile.ts).",
      severity: "error",
      from: { path: CORE },
      to: { pathNot: [CORE, "node_modules/@assemblyscript/loader/"] },
    },
    {
      name: "report-is-platform-neutral",
      comment: "The report page and the summaries are built the same way in a browser: no Node module in host/report/ but its file writer (index.ts).",
      severity: "error",
      from: { path: "^host/report/", pathNot: "^host/report/index\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "scoring-stands-alone",
      comment: "The scoring rules read event logs and labels; they never run a board, a command or a report.",
      severity: "error",
      from: { path: "^host/scoring/" },
      to: { path: "^host/(board|commands|report|replay|storage|native)/|^host/(cli|board|firmwareFile)\\.ts$" },
    },
    {
      name: "commands-on-top",
      comment: "Commands use everything; nothing in the host uses a command.",
      severity: "error",
      from: { path: "^host/", pathNot: "^host/commands/" },
      to: { path: "^host/commands/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
