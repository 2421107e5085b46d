// The host's architecture as rules on its imports, checked by tests/host/architecture.test.ts
// (and by hand: npx depcruise host --config .dependency-cruiser.cjs).
//
//   sim/      physical models (leg, sensor, motor, pad, thermistor, button, night plans): imports
//             nothing outside sim/
//   board/    the board: firmware wrapper, HAL + event log, the driver, simulated nights
//   the platform-neutral core (sim/, board/, the contract modules abi, eventLog, record, the time
//   of day and input errors, and the recording readers of replay/ that parse bytes they are
//   handed) runs unchanged in a browser: no Node module, no module that reads files
//   scoring/  the scoring rules: no board, no command, no report
//   report/   page, charts and summaries run in a browser too: no Node module but in index.ts (the file writer)
//   commands/ eval, diagnose, soak, heat sweep, bench, logs: nothing but the CLI-level depends on them
//   web/      the web simulator, a thin shell in the browser over the platform-neutral core (and the
//             report's and scoring's platform-neutral modules): no Node module, nothing that reads
//             files; nothing in host/ imports it (web/vite.config.ts, the bundler's config, is Node)
//   and no import cycle anywhere.

/** The platform-neutral core, as path patterns. */
const CORE = "^host/(board/|sim/|abi\\.ts$|eventLog\\.ts$|record\\.ts$|timeOfDay\\.ts$|inputError\\.ts$|" +
  "replay/(csvReader|edfReader|edfIdentity|format|recordingReplay|replay)\\.ts$)";

/** What the page may use of host/: the core, and the report's and scoring's modules that run anywhere. */
const WEB_MAY_USE = [CORE, "^host/report/(page|html|chart|summary|summaryText|timeline)\\.ts$", "^host/scoring/",
  "^host/replay/(csvRows|replay)\\.ts$", "^host/inputError\\.ts$", "node_modules/(@assemblyscript/loader|uplot|vega|csv-parse)/"];
/** The page's own code (its bundler config runs in Node). */
const WEB = { path: "^web/", pathNot: "^web/vite\\.config\\.ts$" };

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
      name: "web-is-a-browser-shell",
      comment: "The web simulator runs in a browser: no Node built-in module.",
      severity: "error",
      from: WEB,
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "web-uses-the-platform-neutral-host",
      comment: "The page drives the one board and the one simulation (the core) and reuses the report; it reads no file and runs no command.",
      severity: "error",
      from: WEB,
      to: { pathNot: ["^web/", ...WEB_MAY_USE, "\\.(css|wasm)$", "^calmfoot-vega-browser", "^csv-parse/browser/esm$"] },
    },
    {
      name: "host-knows-no-page",
      comment: "The board, the simulation and the CLI never depend on the web page.",
      severity: "error",
      from: { path: "^host/" },
      to: { path: "^web/" },
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
