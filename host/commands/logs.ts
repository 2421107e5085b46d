// `npm run logs -- dump|compare`: the canonical device event logs of many nights, written to a
// folder, and two such folders compared, so a refactor can show that the firmware and the board
// behave exactly as before ("byte-identical logs").
//
//   npm run logs -- dump --out /tmp/before --repo /work/main   (any checkout, built: npm run build)
//   npm run logs -- dump --out /tmp/after                      (this checkout)
//   npm run logs -- compare /tmp/before /tmp/after             (exit 0: every log identical)
//
// It drives the checkout under test only through interfaces every version has: its command line
// (`dist/host/cli.js simulate|replay|scenarios --log`), `npm run eval` and `npm run soak`, and the
// storage night writer. The inputs it makes itself (CSV and EDF recordings) come from this
// checkout, so both folders see the same files.
//
// logs/ (must be identical):
//   eval-<scenario>-s<seed>.log   every `npm run eval` night: 2 h, seed k at 50/25/100 Hz for
//                                 k mod 3 = 1/2/0, the evaluation's clock start (the 100 Hz night
//                                 crosses the u32 wrap); eval runs its nights exactly like
//                                 `calmfoot simulate` (host/eval/run.ts)
//   sim-*.log                     standard simulated nights: `npm start`, every scenario for 8 h,
//                                 the README's option examples (single samples, 25/100 Hz, the
//                                 wrap, config)
//   replay-*.log                  the boards' standard CSV nights (boards/harness/nights.ts: normal,
//                                 fault, wrap, clock jumps) one by one and through the FIFO, and an
//                                 EDF+ night
//   nightWriter.log               100 fault nights through one board (host/storage/nightWriter.ts)
//   soak-*.json                   a short soak's summary (counts of calls, events, faults)
// figures/ (may differ where scoring changed on purpose): the summary text of the standard
//   simulated nights and the `npm run eval` table.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { writeStandardNights } from "../../boards/harness/nights.js";
import { writeEdf } from "../replay/edfWrite.js";

const HERE = fileURLToPath(new URL("../../", import.meta.url));
/** The evaluation's rates by seed (host/commands/eval: seed k at RATES[(k − 1) mod 3]). */
const EVAL_RATES = [50, 25, 100];

/** The evaluation's board clock at a night's start: the 100 Hz nights cross the u32 wrap 30 min in. */
function evalClock0(seed: number, sample_hz: number): number {
  return sample_hz === 100 ? (2 ** 32 - 30 * 60_000) >>> 0 : 1_000_000 + 7 * seed;
}

function run(repo: string, command: string, args: string[], what: string): string {
  const r = spawnSync(command, args, { cwd: repo, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0 && !(command === "npm" && args.includes("eval"))) {
    throw new Error(`${what}: ${command} ${args.join(" ")} exited ${r.status}\n${r.stderr}`);
  }
  return r.stdout;
}

function cli(repo: string, args: string[]): string {
  return run(repo, process.execPath, [join(repo, "dist/host/cli.js"), ...args], `calmfoot ${args.join(" ")}`);
}

/** The `.ts` file an npm script runs (e.g. "soak": "node --import tsx host/soak.ts …"). */
function scriptFile(repo: string, name: string): string {
  const scripts = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).scripts as Record<string, string>;
  const file = scripts[name]?.split(/\s+/).find((word) => word.endsWith(".ts"));
  if (!file) throw new Error(`package.json of ${repo} has no "${name}" script running a .ts file`);
  return file;
}

/** A 30-min EDF+ night: kicks at rest, a periodic series, scored as leg movements. */
function writeEdfNight(file: string): void {
  const kicks = [...Array.from({ length: 10 }, (_, i) => 120 + i * 27), ...[700, 905, 1130, 1420, 1610]];
  const swing = (t: number) => {
    for (const k of kicks) if (t >= k && t < k + 2) return 0.3 * Math.sin(2 * Math.PI * (t - k) * 2);
    return 0;
  };
  const acc = (label: string, value: (t: number) => number) =>
    ({ label, unit: "g", physical_min: -4, physical_max: 4, samples_per_record: 50, value });
  writeEdf(file, {
    kind: "EDF+C", records: 1800, record_duration_s: 1,
    channels: [acc("AccX", (t) => swing(t) + 0.003 * Math.sin(t * 37)), acc("AccY", (t) => swing(t) / 2 + 0.003 * Math.cos(t * 41)),
      acc("AccZ", (t) => 1 - swing(t) / 3)],
    annotations: kicks.map((k) => ({ onset_s: k, duration_s: 2, text: "Leg movement" })),
  });
}

/** The part of `calmfoot simulate`'s text output after the timeline: the night summary. */
function summaryOf(text: string): string {
  const at = text.indexOf("Night summary");
  return at < 0 ? "" : text.slice(at);
}

function dump(repo: string, out: string, seeds: number, say: (s: string) => void): number {
  if (!existsSync(join(repo, "dist/host/cli.js")) || !existsSync(join(repo, "build/firmware.wasm"))) {
    throw new Error(`${repo} is not built: run npm run build there first`);
  }
  const logs = join(out, "logs");
  const figures = join(out, "figures");
  mkdirSync(logs, { recursive: true });
  mkdirSync(figures, { recursive: true });
  let count = 0;
  const log = (name: string, text: string) => { writeFileSync(join(logs, name), text); count++; };

  const scenarios = cli(repo, ["scenarios"]).split("\n").map((line) => line.split(" ")[0]).filter(Boolean);
  say(`eval nights: ${scenarios.length} scenarios × ${seeds} seeds`);
  for (const scenario of scenarios) {
    for (let seed = 1; seed <= seeds; seed++) {
      const hz = EVAL_RATES[(seed - 1) % EVAL_RATES.length];
      log(`eval-${scenario}-s${seed}.log`, cli(repo, ["simulate", "--scenario", scenario, "--hours", "2", "--seed", String(seed),
        "--sample-hz", String(hz), "--clock0", String(evalClock0(seed, hz)), "--log"]));
    }
  }

  say("standard simulated nights");
  const nights: [string, string[]][] = [
    ["npm-start", []],
    ...scenarios.map((s): [string, string[]] => [`8h-${s}`, ["--scenario", s]]),
    ["single-samples", ["--sample-hz", "100", "--batch", "0"]],
    ["25hz-batch-7", ["--sample-hz", "25", "--batch", "7", "--hours", "3"]],
    ["wrap", ["--clock0", "4294367296", "--hours", "2"]],
    ["rls-evening-s3", ["--scenario", "rls-evening", "--hours", "2", "--seed", "3", "--start", "21:45"]],
    ["config", ["--config", "INTENSITY=7", "--config", "HEAT_TARGET_DC=380", "--scenario", "plms-sessions", "--hours", "3"]],
  ];
  for (const [name, args] of nights) {
    log(`sim-${name}.log`, cli(repo, ["simulate", ...args, "--log"]));
    writeFileSync(join(figures, `sim-${name}.txt`), summaryOf(cli(repo, ["simulate", ...args])));
  }

  say("replayed recordings");
  const tmp = mkdtempSync(join(tmpdir(), "calmfoot-logs-"));
  try {
    for (const night of writeStandardNights(tmp)) {
      for (const batch of ["0", "25", "32"]) {
        log(`replay-${night.name}-batch${batch}.log`, cli(repo, ["replay", night.file, "--batch", batch, "--log"]));
      }
    }
    const edf = join(tmp, "kicks.edf");
    writeEdfNight(edf);
    log("replay-edf.log", cli(repo, ["replay", edf, "--channels", "AccX,AccY,AccZ", "--log"]));
    log("replay-edf-batch16.log", cli(repo, ["replay", edf, "--batch", "16", "--log"]));
    writeFileSync(join(figures, "replay-edf.txt"), summaryOf(cli(repo, ["replay", edf])));

    say("fault nights: the storage night writer, a short soak");
    const writer = join(tmp, "writer");
    mkdirSync(writer);
    run(repo, "nice", ["-n", "10", process.execPath, "--import", "tsx", "host/storage/nightWriter.ts", writer, "1"], "nightWriter");
    log("nightWriter.log", readFileSync(join(writer, "device.log"), "utf8"));
    const soak = scriptFile(repo, "soak");
    for (const batch of ["0", "25"]) {
      const json = JSON.parse(run(repo, process.execPath, ["--import", "tsx", soak, "--nights", "6", "--hours", "1", "--hz", "50",
        "--batch", batch, "--seed", "3"], "soak"));
      delete json.run_time_s;
      log(`soak-batch${batch}.json`, JSON.stringify(json, null, 2) + "\n");
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  say("npm run eval (figures)");
  const table = run(repo, "npm", ["run", "--silent", "eval"], "npm run eval");
  // The last line says how long it took.
  writeFileSync(join(figures, "eval.txt"), table.replace(/ in \d+ s\n?$/, "\n"));
  return count;
}

/** Compares two dumps; returns the names of logs that differ or are missing on one side. */
function compare(a: string, b: string, say: (s: string) => void): string[] {
  const names = [...new Set([...readdirSync(join(a, "logs")), ...readdirSync(join(b, "logs"))])].sort();
  const differ: string[] = [];
  for (const name of names) {
    const pa = join(a, "logs", name);
    const pb = join(b, "logs", name);
    if (!existsSync(pa) || !existsSync(pb)) { differ.push(`${name} (only in ${existsSync(pa) ? a : b})`); continue; }
    if (!readFileSync(pa).equals(readFileSync(pb))) differ.push(name);
  }
  const lines = (p: string) => (existsSync(p) ? readFileSync(p, "utf8").split("\n").length - 1 : 0);
  const events = names.reduce((n, name) => n + lines(join(a, "logs", name)), 0);
  say(`${names.length} logs (${events.toLocaleString("en-US")} lines), ${differ.length} differ${differ.length ? ":" : ""}`);
  for (const d of differ) say(`  ✗ ${d}`);
  for (const name of existsSync(join(a, "figures")) ? readdirSync(join(a, "figures")).sort() : []) {
    const pb = join(b, "figures", name);
    if (existsSync(pb) && !readFileSync(join(a, "figures", name)).equals(readFileSync(pb))) say(`  figures differ: ${name} (diff ${join(a, "figures", name)} ${pb})`);
  }
  return differ;
}

function main(argv: string[]): number {
  const program = new Command("logs").description("canonical event logs of many nights: dump them, compare two dumps");
  program.command("dump")
    .description("write the logs of the eval nights, the standard simulated and replayed nights and fault nights")
    .requiredOption("--out <dir>", "folder to write (logs/ and figures/)")
    .option("--repo <dir>", "the checkout to run (built)", HERE)
    .option("--seeds <n>", "eval seeds per scenario", (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number ≥ 1");
      return n;
    }, 30)
    .action((o: { out: string; repo: string; seeds: number }) => {
      const started = Date.now();
      const n = dump(resolve(o.repo), resolve(o.out), o.seeds, (s) => process.stderr.write(`logs: ${s}\n`));
      console.log(`${n} logs of ${o.repo} written to ${o.out} in ${Math.round((Date.now() - started) / 1000)} s`);
    });
  program.command("compare")
    .description("compare two dumps; exit 1 if any log differs")
    .argument("<a>").argument("<b>")
    .action((a: string, b: string) => {
      process.exitCode = compare(a, b, (s) => console.log(s)).length === 0 ? 0 : 1;
    });
  program.parse(argv, { from: "user" });
  return Number(process.exitCode ?? 0);
}

process.exitCode = main(process.argv.slice(2));
