// npm run mutate: the firmware's mutation run (mutate:firmware), then the host's (mutate:host, when
// the project has it), each printing its own report; then one summary line per part.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts ?? {};
const parts = ["mutate:firmware", "mutate:host"].filter((s) => scripts[s]);
const summary = [];
let failed = false;
for (const part of parts) {
  const args = part === "mutate:firmware" ? ["run", part, "--", ...process.argv.slice(2)] : ["run", part];
  const r = spawnSync("npm", args, { stdio: "inherit" });
  failed ||= r.status !== 0;
  summary.push(`${part}: ${r.status === 0 ? "done" : `exit ${r.status}`}`);
}

console.log("\nMutation testing, per module");
const firmware = "build/mutation/report.json";
if (parts.includes("mutate:firmware") && existsSync(firmware)) {
  const report = JSON.parse(readFileSync(firmware, "utf8"));
  for (const [module, r] of Object.entries(report.modules)) {
    console.log(`  ${module.padEnd(40)} ${r.score.toFixed(1).padStart(6)}%  (${r.killed + r.timedOut} killed, ${r.survived} survived, ${r.noCoverage} no coverage)`);
  }
  const t = report.totals;
  console.log(`  ${"firmware total".padEnd(40)} ${t.score.toFixed(1).padStart(6)}%  (${t.killed + t.timedOut} of ${t.total - t.equivalent})`);
}
// StrykerJS writes its JSON report here when its config asks for the "json" reporter.
const host = "reports/mutation/mutation.json";
if (parts.includes("mutate:host") && existsSync(host)) {
  const report = JSON.parse(readFileSync(host, "utf8"));
  for (const [file, entry] of Object.entries(report.files ?? {})) {
    const ms = entry.mutants ?? [];
    const detected = ms.filter((m) => m.status === "Killed" || m.status === "Timeout").length;
    const counted = ms.filter((m) => m.status !== "Ignored" && m.status !== "CompileError" && m.status !== "RuntimeError").length;
    console.log(`  ${file.padEnd(40)} ${(counted ? (100 * detected) / counted : 100).toFixed(1).padStart(6)}%  (${detected} of ${counted})`);
  }
}
console.log(summary.join("; "));
process.exit(failed ? 1 : 0);
