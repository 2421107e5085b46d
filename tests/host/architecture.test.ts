// The host's shape, as rules on its imports (.dependency-cruiser.cjs: no import cycle, sim/ imports
// nothing above it, the platform-neutral core uses no Node module, scoring and commands in their
// place, the web page a browser shell over the core), and the core checked the way a browser build would see it: type-checked with the DOM's
// library and without Node's types.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cruise } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import ts from "typescript";

describe("the host's architecture", () => {
  it("keeps every rule of .dependency-cruiser.cjs", async () => {
    const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
    const result = await cruise(["host", "web"], { ...options, validate: true }, undefined, { tsConfig: extractTSConfig("tsconfig.json") });
    const output = result.output;
    assert.ok(typeof output === "object", "a cruise result");
    assert.ok(output.summary.totalCruised > 40, `${output.summary.totalCruised} modules cruised: the imports were resolved`);
    const violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(" → ")})` : ""}`);
    assert.deepEqual(violations, []);
  });

  it("the platform-neutral core type-checks for a browser: DOM library, no Node types", () => {
    const core = ["host/board/board.ts", "host/board/driver.ts", "host/board/simulatedNight.ts", "host/board/faultNight.ts",
      "host/sim/night.ts", "host/sim/leg.ts", "host/sim/stillLeg.ts", "host/sim/thermistor.ts",
      "host/replay/recordingReplay.ts", "host/timeOfDay.ts"];
    const program = ts.createProgram(core, {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"], types: [], strict: true, noEmit: true, skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : "";
      return where + ts.flattenDiagnosticMessageText(d.messageText, " ");
    });
    assert.deepEqual(problems, []);
    // Nothing but the core (and the loader package) came into the program.
    const files = program.getSourceFiles().map((f) => f.fileName).filter((f) => !f.includes("/node_modules/"));
    for (const f of files) {
      assert.match(f, /(^|\/)host\/(board\/|sim\/|abi\.ts$|eventLog\.ts$|record\.ts$|timeOfDay\.ts$|inputError\.ts$|replay\/(csvReader|edfReader|edfIdentity|format|recordingReplay|replay)\.ts$)/, f);
    }
  });

  it("the report page, the JSON summary, the firmware check and the recording tap type-check for a browser too", () => {
    const entries = ["host/report/page.ts", "host/report/summaryJson.ts", "host/report/summaryText.ts", "host/firmwareCheck.ts",
      "host/export/tap.ts", "host/export/rows.ts", "host/replay/edfIdentity.ts"];
    const program = ts.createProgram(entries, {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"], types: [], strict: true, noEmit: true, skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : "";
      return where + ts.flattenDiagnosticMessageText(d.messageText, " ");
    });
    assert.deepEqual(problems, []);
  });
});
