// Runs StrykerJS over host/replay and host/storage, one group of files at a time (each group with
// the test files that exercise it: stryker.config.mjs), under `nice -n 10`, and prints per file
// killed / survived / timed out / no coverage and the mutation score, then every survivor as
// `file:line: mutator: replacement`, marked when tests/mutation/host-equivalent.md lists it as
// equivalent. Results are kept per group in build/mutation/host/, so a group run alone (or
// interrupted) leaves the others' results in the table; Stryker's incremental mode re-runs only
// the mutants whose code or tests changed.
//
//   node tests/mutation/host/run.mjs [group …]     (npm run mutate:host -- [group …])
//   node tests/mutation/host/run.mjs --report      (the table from the last results, no run)

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { GROUPS } from "./groups.mjs";

const args = process.argv.slice(2);
const reportOnly = args.includes("--report");
const groups = args.filter((a) => !a.startsWith("--"));
for (const g of groups) if (!(g in GROUPS)) throw new Error(`unknown group ${g}: ${Object.keys(GROUPS).join(", ")}`);
const OUT = "build/mutation/host";
mkdirSync(OUT, { recursive: true });

if (!reportOnly) {
  for (const group of groups.length ? groups : Object.keys(GROUPS)) {
    const started = Date.now();
    const r = spawnSync("nice", ["-n", "10", "npx", "stryker", "run", "tests/mutation/host/stryker.config.mjs"],
      { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CALMFOOT_MUTATE_GROUP: group } });
    console.log(`mutate:host ${group}: exit ${r.status}, ${((Date.now() - started) / 60_000).toFixed(1)} min`);
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

// ─── The table ─────────────────────────────────────────────────────────────────

const equivalent = new Set();
const EQUIV = "tests/mutation/host-equivalent.md";
if (existsSync(EQUIV)) {
  for (const m of readFileSync(EQUIV, "utf8").matchAll(/^- `?(host\/[^:`]+:\d+): (\w+)/gm)) equivalent.add(`${m[1]}: ${m[2]}`);
}

const rows = [];
const survivors = [];
for (const group of Object.keys(GROUPS)) {
  const file = `${OUT}/${group}.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  for (const [path, f] of Object.entries(report.files)) {
    const n = { Killed: 0, Survived: 0, Timeout: 0, NoCoverage: 0, other: 0 };
    for (const m of f.mutants) {
      n[m.status in n ? m.status : "other"]++;
      if (m.status === "Survived" || m.status === "NoCoverage") {
        const where = `${path}:${m.location.start.line}: ${m.mutatorName}`;
        survivors.push(`${equivalent.has(where) ? "equivalent " : "           "}${where}: ${m.status === "NoCoverage" ? "(no coverage) " : ""}${JSON.stringify(m.replacement ?? "")}`);
      }
    }
    rows.push({ path, ...n });
  }
}
rows.sort((a, b) => a.path.localeCompare(b.path));
const pct = (r) => { const all = r.Killed + r.Timeout + r.Survived + r.NoCoverage; return all ? (100 * (r.Killed + r.Timeout)) / all : 100; };
const total = rows.reduce((t, r) => ({ path: "all", Killed: t.Killed + r.Killed, Survived: t.Survived + r.Survived, Timeout: t.Timeout + r.Timeout,
  NoCoverage: t.NoCoverage + r.NoCoverage, other: t.other + r.other }), { path: "all", Killed: 0, Survived: 0, Timeout: 0, NoCoverage: 0, other: 0 });
const line = (r) => `${r.path.padEnd(34)} ${String(r.Killed).padStart(6)} ${String(r.Survived).padStart(8)} ${String(r.Timeout).padStart(7)} ${String(r.NoCoverage).padStart(11)} ${pct(r).toFixed(1).padStart(7)} %`;
console.log(`\n${"file".padEnd(34)} ${"killed".padStart(6)} ${"survived".padStart(8)} ${"timeout".padStart(7)} ${"no coverage".padStart(11)} ${"score".padStart(9)}`);
for (const r of rows) console.log(line(r));
console.log(line(total));
const listed = survivors.filter((s) => s.startsWith("equivalent")).length;
const detected = total.Killed + total.Timeout;
const all = detected + total.Survived + total.NoCoverage;
if (all) console.log(`score with the ${listed} equivalents left out: ${((100 * detected) / (all - listed)).toFixed(1)} %`);
console.log(`\n${survivors.length} survivors (${listed} listed as equivalent in ${EQUIV}):`);
for (const s of survivors) console.log(s);
