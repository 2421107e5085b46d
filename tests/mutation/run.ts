// npm run mutate:firmware — mutation testing of the firmware (assembly/).
//
// Stryker cannot compile AssemblyScript, so this runner does the same job for the firmware:
// mutants.ts finds the mutation points with TypeScript's parser, schemata.ts writes one rewritten
// copy of assembly/ in which every point can be switched on at run time and compiles it ONCE
// (build/mutation/firmware.wasm and one binary per as-pect spec). A baseline run of every test file
// of suites.ts (no mutant live) records which points each file reaches; each mutant then runs only
// those files, cheapest first, until one fails (killed), all pass (survived), or one hangs (timed
// out: counted as killed, listed apart). Results are cached in .cache/mutation/ by the hash of the
// mutated file, the tests and this runner, so a re-run tests only what changed.
//
//   npm run mutate:firmware [-- --files assembly/safety/thermal.ts[,…]] [--since main] [--jobs 2] [--no-cache] [--thorough]
//       [--exclude PART]   (leave out the table's test files whose path contains PART)
//       [--compare PART]   (test files whose path contains PART run last, and the report gives the
//                           score without them too: before / after those tests, in one run)

import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import type { Mutant } from "./mutants.js";
import { CACHE, FIRMWARE, OUT, ROOT } from "./paths.js";
import { buildSchemata, listFiles } from "./schemata.js";
import { SUITES } from "./suites.js";

type Status = "killed" | "survived" | "timed out" | "no coverage";
/** `late`: killed only by the --compare files (so it survived without them). */
interface Result { status: Status; by?: string; late?: boolean }
interface TestFile { kind: "aspect" | "node"; file: string }
interface Baseline { pass: boolean; ms: number; hits: number[]; output?: string }

const REPORT = join(OUT, "report.json");
const EQUIVALENT = "tests/mutation/equivalent.md";
const PRELOAD = join(ROOT, "tests", "mutation", "preload.mjs");
const BATCH = join(ROOT, "tests", "mutation", "nodeBatch.mjs");

// ─── Options ───────────────────────────────────────────────────────────────────

const { values: opts } = parseArgs({
  options: {
    files: { type: "string", multiple: true },
    since: { type: "string" },
    jobs: { type: "string", default: "2" },
    "no-cache": { type: "boolean", default: false },
    "timeout-factor": { type: "string", default: "4" },
    thorough: { type: "boolean", default: false },
    exclude: { type: "string", multiple: true },
    compare: { type: "string" },
  },
});
const jobs = Math.max(1, Math.min(2, Number(opts.jobs)));
const log = (s: string) => process.stderr.write(s + "\n");

function chosenFiles(): Set<string> | null {
  let files: string[] | null = null;
  if (opts.files) files = opts.files.flatMap((f) => f.split(",")).map((f) => f.trim()).filter(Boolean);
  if (opts.since) {
    const changed = execFileSync("git", ["diff", "--name-only", opts.since, "--", "assembly"], { cwd: ROOT, encoding: "utf8" })
      .split("\n").filter((f) => f.endsWith(".ts"));
    files = files ? files.filter((f) => changed.includes(f)) : changed;
  }
  if (!files) return null;
  for (const f of files) if (!existsSync(join(ROOT, f))) throw new Error(`--files: no such file ${f}`);
  return new Set(files);
}

// ─── Hashes and the cache ────────────────────────────────────────────────────

const sha = (...parts: (string | Buffer)[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex").slice(0, 24);
};
const hashFiles = (files: string[]) => sha(...files.flatMap((f) => [f, readFileSync(join(ROOT, f))]));

function testFiles(): TestFile[] {
  const out: TestFile[] = [];
  for (const suite of SUITES) {
    if (suite.thorough && !opts.thorough) continue;
    for (const entry of suite.files) {
      const path = join(ROOT, entry);
      if (!existsSync(path)) continue;
      const files = entry.endsWith(".ts") ? [entry]
        : readdirSync(path).filter((f) => f.endsWith(suite.kind === "aspect" ? ".spec.ts" : ".test.ts")).sort().map((f) => `${entry}/${f}`);
      out.push(...files.filter((file) => !(opts.exclude ?? []).some((x) => file.includes(x))).map((file) => ({ kind: suite.kind, file })));
    }
  }
  return out;
}

/** Everything a result depends on besides the mutated file: the tests, what they use of the host, this runner. */
function testsHash(): string {
  const dirs = ["tests/assembly", "tests/device", "tests/host", "host"].filter((d) => existsSync(join(ROOT, d)));
  return hashFiles([...dirs.flatMap((d) => listFiles(d, "")), "as-pect.config.js", "as-pect.asconfig.json"]);
}
const runnerHash = () => hashFiles(listFiles("tests/mutation", "").filter((f) => !f.endsWith(".md")));

const mutantKey = (m: Mutant) => `${m.line}:${m.column}:${m.operator}:${m.change}`;

function readJson<T>(path: string, fallback: T): T {
  try { return JSON.parse(readFileSync(path, "utf8")) as T; } catch { return fallback; }
}

// ─── Running one test file for one mutant ────────────────────────────────────

/** One of the (at most 2) parallel lanes: a persistent as-pect worker plus node processes it starts. */
class Lane {
  private worker: ChildProcess | null = null;
  private ready: Promise<void> | null = null;

  /** The lane's as-pect worker, started (and ready for tasks) on first use. */
  private async aspectWorker(): Promise<ChildProcess> {
    if (!this.worker) {
      const worker = spawn("nice", ["-n", "10", process.execPath, "--import", "tsx", join(ROOT, "tests/mutation/aspectWorker.ts")],
        { cwd: ROOT, stdio: ["ignore", "ignore", "inherit", "ipc"] });
      this.worker = worker;
      this.ready = new Promise((resolve) => worker.once("message", () => resolve()));
    }
    await this.ready;
    return this.worker;
  }

  close(): void {
    this.worker?.kill("SIGKILL");
    this.worker = null;
  }

  /** Runs `files` (all of one kind) with mutant `id` live; node files share one process. */
  run(kind: TestFile["kind"], files: string[], id: number, hits: boolean, timeout_ms: number): Promise<{ pass: boolean; timedOut: boolean; hits?: number[]; output?: string }> {
    return kind === "aspect" ? this.aspect(files[0], id, hits, timeout_ms) : this.node(files, id, hits, timeout_ms);
  }

  private async aspect(spec: string, id: number, hits: boolean, timeout_ms: number) {
    const worker = await this.aspectWorker();
    return new Promise<{ pass: boolean; timedOut: boolean; hits?: number[] }>((resolve) => {
      const timer = setTimeout(() => {
        worker.off("message", onMessage);
        this.close();
        resolve({ pass: false, timedOut: true });
      }, timeout_ms);
      const onMessage = (m: unknown) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        const r = m as { pass: boolean; hits?: number[] };
        resolve({ pass: r.pass, timedOut: false, hits: r.hits });
      };
      worker.on("message", onMessage);
      worker.send({ spec, id, hits });
    });
  }

  private node(files: string[], id: number, hits: boolean, timeout_ms: number) {
    const hitsFile = join(OUT, `hits-${process.pid}-${id}-${Math.random().toString(36).slice(2)}.json`);
    return new Promise<{ pass: boolean; timedOut: boolean; hits?: number[]; output?: string }>((resolve) => {
      const child = spawn("nice", ["-n", "10", process.execPath, "--import", "tsx", "--import", PRELOAD, BATCH, ...files], {
        cwd: ROOT,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          CALMFOOT_MUTATION_WASM: FIRMWARE,
          CALMFOOT_FIRMWARE_WASM: FIRMWARE,
          CALMFOOT_MUTANT: String(id),
          ...(hits ? { CALMFOOT_MUTANT_HITS: hitsFile } : {}),
        },
      });
      let output = "";
      const keep = (b: Buffer) => { if (hits && output.length < 20_000) output += b.toString(); };
      child.stdout!.on("data", keep);
      child.stderr!.on("data", keep);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ }
      }, timeout_ms);
      child.on("close", (code) => {
        clearTimeout(timer);
        const reached = hits ? readJson<number[]>(hitsFile, []) : undefined;
        rmSync(hitsFile, { force: true });
        resolve({ pass: !timedOut && code === 0, timedOut, hits: reached, output });
      });
    });
  }
}

// ─── Equivalent mutants ──────────────────────────────────────────────────────

/** `file:line: change — reason`, or `file:line:column: change — reason` where a line has two such changes. */
interface Equivalent { file: string; line: number; column?: number; change: string; reason: string; text: string }

function readEquivalents(): Equivalent[] {
  if (!existsSync(join(ROOT, EQUIVALENT))) return [];
  const out: Equivalent[] = [];
  for (const text of readFileSync(join(ROOT, EQUIVALENT), "utf8").split("\n")) {
    const m = /^[-*]?\s*`?(assembly\/[^\s:`]+):(\d+)(?::(\d+))?: (.+?)`? — (.+)$/.exec(text.trim());
    if (m) out.push({ file: m[1], line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined, change: m[4].trim(), reason: m[5], text: text.trim() });
  }
  return out;
}

// ─── Main ───────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const started = Date.now();
  const only = chosenFiles();
  const tests = testFiles();
  const specs = tests.filter((t) => t.kind === "aspect").map((t) => t.file);
  log(`mutate:firmware: building the schemata (${only ? [...only].join(", ") : "all of assembly/"}) …`);
  const schemata = await buildSchemata(only, specs, log);
  const mutants = schemata.mutants.filter((m) => !only || only.has(m.file));
  log(`  ${mutants.length} mutants in ${((Date.now() - started) / 1000).toFixed(0)} s` +
    (schemata.uncompilable.length ? `; ${schemata.uncompilable.length} points left out (do not compile)` : ""));

  // Cached results, per mutated file.
  const tHash = sha(testsHash(), tests.map((t) => t.file).join(","), opts.compare ?? "");
  const rHash = runnerHash();
  const fileKey = (file: string) => sha(readFileSync(join(ROOT, file)), tHash, rHash);
  mkdirSync(CACHE, { recursive: true });
  const cache = new Map<string, Record<string, Result>>();
  for (const file of new Set(mutants.map((m) => m.file))) {
    cache.set(file, opts["no-cache"] ? {} : readJson(join(CACHE, `${fileKey(file)}.json`), {}));
  }
  const results = new Map<number, Result>();
  for (const m of mutants) {
    const hit = cache.get(m.file)![mutantKey(m)];
    if (hit) results.set(m.id, hit);
  }
  const todo = mutants.filter((m) => !results.has(m.id));
  log(`  ${mutants.length - todo.length} cached, ${todo.length} to run`);

  const lanes = Array.from({ length: jobs }, () => new Lane());
  let baseline = new Map<string, Baseline>();
  if (todo.length > 0) {
    // Baseline: every test file with no mutant live must pass; what it reaches is its coverage.
    const baselineKey = sha(hashFiles(listFiles("assembly")), tHash, rHash, only ? [...only].sort().join(",") : "*");
    const baselinePath = join(CACHE, `baseline-${baselineKey}.json`);
    const cached = opts["no-cache"] ? {} : readJson<Record<string, Baseline>>(baselinePath, {});
    const queue = tests.filter((t) => !cached[t.file]);
    log(`  baseline: ${tests.length} test files (${queue.length} to run) …`);
    await Promise.all(lanes.map(async (lane) => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const t0 = Date.now();
        const r = await lane.run(t.kind, [t.file], 0, true, 300_000);
        cached[t.file] = { pass: r.pass, ms: Date.now() - t0, hits: r.hits ?? [], ...(r.pass ? {} : { output: r.output?.slice(-3000) }) };
      }
    }));
    writeFileSync(baselinePath, JSON.stringify(cached));
    baseline = new Map(Object.entries(cached));
    for (const t of tests) {
      const b = baseline.get(t.file)!;
      if (!b.pass) log(`  ! ${t.file} fails with no mutant live: left out\n${(b.output ?? "").split("\n").slice(-15).join("\n")}`);
    }
  }

  // Which files reach each mutant, cheapest first.
  const usable = tests.filter((t) => baseline.get(t.file)?.pass).sort((a, b) => baseline.get(a.file)!.ms - baseline.get(b.file)!.ms);
  const reach = new Map(usable.map((t) => [t.file, new Set(baseline.get(t.file)!.hits)]));
  const factor = Number(opts["timeout-factor"]);

  let done = 0;
  const queue = [...todo];
  const t0 = Date.now();
  await Promise.all(lanes.map(async (lane) => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      // The as-pect specs one by one (milliseconds each), then the node files that reach it in one process.
      const files = usable.filter((t) => reach.get(t.file)!.has(m!.id));
      let result: Result = { status: files.length ? "survived" : "no coverage" };
      for (const t of files.filter((f) => f.kind === "aspect")) {
        const r = await lane.run("aspect", [t.file], m.id, false, baseline.get(t.file)!.ms * factor + 5000);
        if (r.timedOut) { result = { status: "timed out", by: t.file }; break; }
        if (!r.pass) { result = { status: "killed", by: t.file }; break; }
      }
      // Node files in one process; with --compare, the files compared run in a second one, last.
      const nodeFiles = files.filter((f) => f.kind === "node").map((f) => f.file);
      const late = (f: string) => opts.compare !== undefined && f.includes(opts.compare);
      for (const group of [nodeFiles.filter((f) => !late(f)), nodeFiles.filter(late)]) {
        if (result.status !== "survived" || group.length === 0) continue;
        const budget_ms = group.reduce((sum, f) => sum + baseline.get(f)!.ms, 0) * factor + 10_000;
        const r = await lane.run("node", group, m.id, false, budget_ms);
        const by = group.length === 1 ? group[0] : `one of ${group.map((f) => f.replace(/^.*\//, "")).join(", ")}`;
        const isLate = late(group[0]) ? { late: true } : {};
        if (r.timedOut) result = { status: "timed out", by, ...isLate };
        else if (!r.pass) result = { status: "killed", by, ...isLate };
      }
      results.set(m.id, result);
      cache.get(m.file)![mutantKey(m)] = result;
      if (++done % 50 === 0 || done === todo.length) {
        const s = (Date.now() - t0) / 1000;
        log(`  ${done}/${todo.length} mutants, ${s.toFixed(0)} s (≈ ${((todo.length - done) * s / done / 60).toFixed(1)} min left)`);
        for (const [file, entries] of cache) writeFileSync(join(CACHE, `${fileKey(file)}.json`), JSON.stringify(entries));
      }
    }
  }));
  lanes.forEach((l) => l.close());
  for (const [file, entries] of cache) writeFileSync(join(CACHE, `${fileKey(file)}.json`), JSON.stringify(entries));

  report(mutants, results, schemata.uncompilable, (Date.now() - started) / 1000);
}

// ─── Report ─────────────────────────────────────────────────────────────────

function report(mutants: Mutant[], results: Map<number, Result>, uncompilable: string[], seconds: number): void {
  const equivalents = readEquivalents();
  const matchesEntry = (e: Equivalent, m: Mutant) => e.file === m.file && e.line === m.line && e.change === m.change
    && (e.column === undefined || e.column === m.column);
  const isEquivalent = (m: Mutant) => equivalents.some((e) => matchesEntry(e, m));
  for (const e of equivalents) {
    const matches = mutants.filter((m) => matchesEntry(e, m));
    if (matches.length === 0 && mutants.some((m) => m.file === e.file)) log(`warning: ${EQUIVALENT}: no mutant matches "${e.text}"`);
    for (const m of matches) {
      const s = results.get(m.id)!.status;
      if (s === "killed" || s === "timed out") log(`warning: ${EQUIVALENT}: "${e.file}:${e.line}: ${e.change}" is killed by ${results.get(m.id)!.by}: not equivalent`);
    }
  }

  interface Row { killed: number; survived: number; timedOut: number; noCoverage: number; equivalent: number; total: number; late: number }
  const empty = (): Row => ({ killed: 0, survived: 0, timedOut: 0, noCoverage: 0, equivalent: 0, total: 0, late: 0 });
  const rows = new Map<string, Row>();
  const total = empty();
  const survivors: string[] = [];
  for (const m of [...mutants].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)) {
    const r = results.get(m.id)!;
    if (!rows.has(m.file)) rows.set(m.file, empty());
    for (const row of [rows.get(m.file)!, total]) {
      row.total++;
      if (r.late && r.status === "killed") row.late++;
      if (r.status === "killed") row.killed++;
      else if (r.status === "timed out") row.timedOut++;
      else if (isEquivalent(m)) row.equivalent++;
      else if (r.status === "survived") row.survived++;
      else row.noCoverage++;
    }
    if ((r.status === "survived" || r.status === "no coverage") && !isEquivalent(m)) {
      survivors.push(`${m.file}:${m.line}: ${m.change}${r.status === "no coverage" ? "   (no coverage)" : ""}`);
    }
  }
  const score = (r: Row) => {
    const counted = r.total - r.equivalent;
    return counted === 0 ? 100 : (100 * (r.killed + r.timedOut)) / counted;
  };
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const lines: string[] = [];
  lines.push("");
  lines.push("Firmware mutation testing (npm run mutate:firmware)");
  lines.push(`${"module".padEnd(34)} ${pad("killed", 7)} ${pad("survived", 9)} ${pad("timed out", 10)} ${pad("no cov.", 8)} ${pad("equiv.", 7)} ${pad("score", 7)}`);
  const before = (r: Row) => score({ ...r, killed: r.killed - r.late });
  const compared = opts.compare !== undefined;
  if (compared) lines[lines.length - 1] += `  without *${opts.compare}*`;
  const line = (name: string, r: Row) => `${name.padEnd(34)} ${pad(r.killed, 7)} ${pad(r.survived, 9)} ${pad(r.timedOut, 10)} ${pad(r.noCoverage, 8)} ${pad(r.equivalent, 7)} ${pad(score(r).toFixed(1) + "%", 7)}`
    + (compared ? `  ${pad(before(r).toFixed(1) + "%", 7)} (${r.late} killed only by them)` : "");
  for (const [file, r] of [...rows.entries()].sort()) lines.push(line(file, r));
  lines.push(line("total", total));
  lines.push("");
  lines.push(`Survivors (${survivors.length}; equivalent ones are listed in ${EQUIVALENT}):`);
  lines.push(...survivors.map((s) => "  " + s));
  if (uncompilable.length) lines.push("", `Points left out because their mutants do not compile: ${uncompilable.length}`);
  lines.push("", `${mutants.length} mutants in ${(seconds / 60).toFixed(1)} min (score = (killed + timed out) / (all − equivalent)).`);
  console.log(lines.join("\n"));

  mkdirSync(OUT, { recursive: true });
  writeFileSync(REPORT, JSON.stringify({
    seconds,
    totals: { ...total, score: score(total), ...(compared ? { scoreWithout: before(total) } : {}) },
    modules: Object.fromEntries([...rows.entries()].map(([f, r]) => [f, { ...r, score: score(r), ...(compared ? { scoreWithout: before(r) } : {}) }])),
    compare: opts.compare,
    survivors,
    uncompilable,
    mutants: mutants.map((m) => ({ ...m, ...results.get(m.id), equivalent: isEquivalent(m) })),
  }, null, 1));
  log(`report: ${relative(ROOT, REPORT)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
