#!/usr/bin/env node
// calmfoot: the desktop board's command line. `simulate` runs a night on simulated devices,
// `replay` feeds a recording through the firmware. Mistakes in what a person typed or gave us
// are reported in one line naming the file and place, exit code 2, never a stack trace, and
// nothing is written (events are printed once the night is through). Output piped into a
// program that stops reading (`| head`) ends the output quietly, exit code 0.

import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { CONFIG, type ConfigName, configRangeText } from "./abi.js";
import { Board } from "./board/board.js";
import { simulatePlan } from "./board/simulatedNight.js";
import { DEFAULT_START_MS, configHelp, configOption, sampleRate, timeOfDayOption, version } from "./cliOptions.js";
import { logLine } from "./eventLog.js";
import { compareNights, formatComparison, type CompareNight } from "./compare/compare.js";
import { TapBoard } from "./export/tap.js";
import { labelsPathOf, recordingFormat, writeRecording } from "./export/writeRecording.js";
import { firmwareFromFile, firmwareModule } from "./firmwareFile.js";
import { InputError } from "./inputError.js";
import type { NightRecord } from "./record.js";
import { replayRecording } from "./replay/recording.js";
import { writeReport } from "./report/index.js";
import { DEFAULT_SCENARIO, SCENARIOS, planNight } from "./sim/night.js";
import { formatSummary } from "./report/summaryText.js";
import { summaryJsonLine } from "./report/summaryJson.js";
import { jsonLine, timelineLine } from "./report/timeline.js";
import { formatTimeOfDay } from "./timeOfDay.js";
import { serveWeb } from "./webServer.js";

// ─── Output: stdout until the reader goes away ─────────────────────────────────

let stdoutOpen = true;
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  // EPIPE: the program reading our output has closed it (`calmfoot simulate | head -1`). Nothing
  // more can be shown; the rest of the work (a report file) still completes.
  stdoutOpen = false;
  if (err.code !== "EPIPE") process.stderr.write(`calmfoot: cannot write the output (${err.code ?? err.message})\n`);
});

function out(text: string): void {
  if (stdoutOpen) process.stdout.write(text);
}

type Output = "text" | "json" | "log";

function integerOption(name: string, min: number, max: number) {
  return (text: string): number => {
    if (!/^-?\d+$/.test(text.trim())) throw new InvalidArgumentError(`${name} must be a whole number`);
    const value = Number(text);
    if (value < min || value > max) throw new InvalidArgumentError(`${name} must be within ${min}…${max}`);
    return value;
  };
}

function hoursOption(text: string): number {
  const hours = Number(text);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24) throw new InvalidArgumentError("hours must be > 0 and ≤ 24");
  return hours;
}

/** Applies config through the firmware, which checks ranges too; a refused value is the user's error. */
function checkConfig(config: [number, number][], firmware = firmwareModule()): void {
  const probe = new Board(firmware);
  probe.init(0);
  for (const [key, value] of config) {
    const result = probe.configSet(key, value);
    const name = (Object.keys(CONFIG) as ConfigName[]).find((n) => CONFIG[n] === key)!;
    if (result !== 0) throw new InputError("--config", `${name}=${value} refused by the firmware (code ${result}; ${configRangeText(name)})`);
  }
}

function printEvents(record: NightRecord, output: Output): void {
  for (const e of record.events) {
    out((output === "log" ? logLine(e) : output === "json" ? jsonLine(record, e) : timelineLine(record, e)) + "\n");
  }
}

async function finish(record: NightRecord, options: { output: Output; report?: string; summary: boolean }): Promise<void> {
  printEvents(record, options.output);
  if (options.report) await writeReport(record, options.report);
  if (options.summary && options.output === "text") out("\n" + formatSummary(record) + "\n");
  // --json ends with one summary object after the event lines (host/report/summaryJson.ts).
  if (options.summary && options.output === "json") out(summaryJsonLine(record) + "\n");
  if (options.report && options.output === "text") out(`report written to ${options.report}\n`);
}

function outputOf(opts: { json?: boolean; log?: boolean }): Output {
  return opts.log ? "log" : opts.json ? "json" : "text";
}

const program = new Command()
  .name("calmfoot")
  .description("calmfoot desktop board: run the firmware on simulated devices or on recordings")
  .version(version(), "-V, --version", "print the version")
  .exitOverride();

/** The options simulate and replay share: firmware config, output format, report, summary. */
function runOptions(command: Command): Command {
  return command
    .option("--config <NAME=VALUE>", "firmware config, repeatable (names, ranges and defaults below)", configOption, [])
    .addOption(new Option("--json", "events as JSON lines").conflicts("log"))
    .option("--log", "events as canonical device-log lines (identical on every board)")
    .option("--report <file.html>", "write a self-contained HTML report of the night")
    .option("--no-summary", "leave out the summary (with --json: the closing summary object)")
    .option("--firmware <file.wasm>", "run this firmware build instead of build/firmware.wasm (checked against HAL ABI v1)")
    .addHelpText("after", configHelp);
}

/** The build `--firmware` names, checked; else the release build. */
function firmwareOf(opts: { firmware?: string }): WebAssembly.Module {
  return opts.firmware ? firmwareFromFile(opts.firmware) : firmwareModule();
}

/** Exit status of the command that ran (compare: 1 when the builds differ). */
let commandStatus = 0;

runOptions(program.command("simulate"))
  .description("simulate a night on the desktop board and print its timeline and summary")
  .addOption(new Option("--scenario <name>", "night scenario").choices(SCENARIOS.map((s) => s.name)).default(DEFAULT_SCENARIO))
  .option("--hours <h>", "length of the night in hours", hoursOption, 8)
  .option("--seed <n>", "random seed (same seed, same night)", integerOption("seed", 0, 2 ** 31 - 1), 1)
  .addOption(new Option("--start <hh:mm[:ss]>", "time of day at the start").argParser(timeOfDayOption)
    .default(DEFAULT_START_MS, formatTimeOfDay(DEFAULT_START_MS)))
  .option("--clock0 <ms>", "board clock (u32 ms) at the start, e.g. 4294367296 for 10 min before the wrap",
    integerOption("clock0", 0, 0xffffffff), 0)
  .addOption(new Option("--sample-hz <hz>", "accelerometer rate (default 50)").choices(["25", "50", "100"]))
  .option("--batch <n>", "deliver samples through the FIFO in batches of n (0: one at a time)", integerOption("batch", 0, 32), 32)
  .option("--write-recording <file>", "write the sensor streams the firmware received (and thermistor, button) as a recording: FILE.csv (plus FILE.labels.csv) or FILE.edf (EDF+)")
  .action(async (opts) => {
    const rate = sampleRate(opts.sampleHz, opts.config);
    const sample_hz = rate.sample_hz ?? 50;
    const plan = planNight(opts.scenario, { hours: opts.hours, seed: opts.seed });
    const firmware = firmwareOf(opts);
    checkConfig([[CONFIG.SAMPLE_HZ, sample_hz], ...rate.config], firmware);
    if (opts.writeRecording) recordingFormat(opts.writeRecording);
    const board = opts.writeRecording ? new TapBoard(firmware, sample_hz) : new Board(firmware);
    const record = simulatePlan(plan, {
      board,
      sample_hz,
      clock0_ms: opts.clock0,
      start_ms_of_day: opts.start,
      batch: opts.batch,
      config: rate.config,
    });
    if (board instanceof TapBoard) writeNightRecording(opts.writeRecording, board, record, outputOf(opts));
    await finish(record, { output: outputOf(opts), report: opts.report, summary: opts.summary });
  });

/** `--write-recording`: the tapped streams to a file (host/export/writeRecording.ts). */
function writeNightRecording(path: string, board: TapBoard, record: NightRecord, output: Output): void {
  const moved = writeRecording(path, { streams: board.streams, clock0_ms: record.clock0_ms, sample_hz: record.sample_hz,
    start_ms_of_day: record.start_ms_of_day, duration_ms: record.duration_ms, truth: record.truth ?? [] });
  if (moved.moved_edges + moved.moved_readings > 0) {
    process.stderr.write(`calmfoot: note: ${moved.moved_edges} button edges and ${moved.moved_readings} thermistor readings fell between samples and ` +
      `were put on the next sample's row: replaying ${path} is not call for call this simulation\n`);
  }
  if (output === "text") {
    const labels = recordingFormat(path) === "csv" ? ` (labelled movements in ${labelsPathOf(path)})` : "";
    process.stderr.write(`recording written to ${path}${labels}\n`);
  }
}

runOptions(program.command("replay"))
  .description("replay a recording (CSV: t_ms,ax_mg,ay_mg,az_mg[,temp_cdeg][,button]; or EDF/EDF+) through the firmware")
  .argument("<file>", "recording: CSV or EDF/EDF+ (told by its content, not its name)")
  .option("--channels <labels>", "EDF channel labels for x,y,z (comma-separated)")
  .addOption(new Option("--sample-hz <hz>", "sets SAMPLE_HZ. CSV: the rows' own rate, measured from t_ms when left out; " +
    "given, it must agree, since the rows go to the firmware unchanged and another rate would misjudge every duration. " +
    "EDF: the rate it is resampled to (default 50)").choices(["25", "50", "100"]))
  .option("--start <hh:mm[:ss]>", "time of day at the first sample (default: the EDF's own start, to the ms; a CSV's 22:30)", timeOfDayOption)
  .option("--batch <n>", "hand samples over through the FIFO, n at a time (0: fw_accel per sample)", integerOption("batch", 0, 32), 0)
  .option("--labels <file.csv>", "labelled movements for the recording: t_ms,duration_ms,label (as --write-recording writes them)")
  .action(async (file: string, opts) => {
    const firmware = firmwareOf(opts);
    const rate = sampleRate(opts.sampleHz, opts.config);
    checkConfig([...(rate.sample_hz ? [[CONFIG.SAMPLE_HZ, rate.sample_hz] as [number, number]] : []), ...rate.config], firmware);
    const record = await replayRecording(file, {
      firmware,
      labels: opts.labels,
      sample_hz: rate.sample_hz,
      channels: opts.channels ? String(opts.channels).split(",").map((s: string) => s.trim()) : undefined,
      start_ms_of_day: opts.start,
      config: rate.config,
      batch: opts.batch,
    });
    await finish(record, { output: outputOf(opts), report: opts.report, summary: opts.summary });
  });

// `calmfoot compare A.wasm B.wasm [recordings…]`: the same nights through two builds (host/compare/).
program
  .command("compare")
  .description("run the same nights through two firmware builds; print the differing events and the metric deltas (exit 1 when they differ)")
  .argument("<a.wasm>", "build A (e.g. build/firmware.wasm of main)")
  .argument("<b.wasm>", "build B (the change under review)")
  .argument("[recordings...]", "recordings to replay (CSV or EDF); without any, simulated scenarios")
  .option("--scenario <name>", `scenario, repeatable (default: all of ${SCENARIOS.map((s) => s.name).join(", ")})`,
    (v: string, all: string[] = []) => {
      if (!SCENARIOS.some((s) => s.name === v)) throw new InvalidArgumentError(`unknown scenario; known: ${SCENARIOS.map((s) => s.name).join(", ")}`);
      return [...all, v];
    })
  .option("--seeds <n>", "nights per scenario (seeds k … k+n−1)", integerOption("seeds", 1, 100), 3)
  .option("--first-seed <k>", "seed of the first night", integerOption("first seed", 0, 2 ** 31 - 1), 1)
  .option("--hours <h>", "length of a simulated night in hours", hoursOption, 2)
  .addOption(new Option("--sample-hz <hz>", "accelerometer rate (SAMPLE_HZ): of the simulation (default 50), or of a CSV (default: its own) / the EDF resampling (default 50)").choices(["25", "50", "100"]))
  .option("--batch <n>", "FIFO batch size (0: one fw_accel per sample); default 32 simulated, 0 replayed", integerOption("batch", 0, 32))
  .option("--channels <labels>", "EDF channel labels for x,y,z (comma-separated)")
  .option("--config <NAME=VALUE>", "firmware config for both builds, repeatable", configOption, [])
  .option("--events <n>", "differing events shown per night", integerOption("events", 0, 1000), 5)
  .action(async (aFile: string, bFile: string, recordings: string[], opts) => {
    const a = firmwareFromFile(aFile);
    const b = firmwareFromFile(bFile);
    const rate = sampleRate(opts.sampleHz, opts.config);
    const sample_hz = rate.sample_hz ?? 50;
    checkConfig([[CONFIG.SAMPLE_HZ, sample_hz], ...rate.config], a);
    checkConfig([[CONFIG.SAMPLE_HZ, sample_hz], ...rate.config], b);
    const nights: CompareNight[] = recordings.length > 0
      ? recordings.map((file) => ({
        name: file, group: "recordings",
        run: (firmware) => replayRecording(file, { firmware, sample_hz: rate.sample_hz, config: rate.config, batch: opts.batch ?? 0,
          channels: opts.channels ? String(opts.channels).split(",").map((s: string) => s.trim()) : undefined }),
      }))
      : (opts.scenario ?? SCENARIOS.map((s) => s.name)).flatMap((scenario: string) =>
        Array.from({ length: opts.seeds }, (_, k) => {
          const seed = opts.firstSeed + k;
          return {
            name: `${scenario} seed ${seed}`, group: scenario,
            run: async (firmware: WebAssembly.Module) => simulatePlan(planNight(scenario, { hours: opts.hours, seed }),
              { board: new Board(firmware), sample_hz, batch: opts.batch ?? 32, config: rate.config, trace: false }),
          };
        }));
    const results = await compareNights(a, b, nights);
    out(formatComparison(results, { a: aFile, b: bFile }, opts.events) + "\n");
    commandStatus = results.some((r) => r.diff.lines.length > 0) ? 1 : 0;
  });

program
  .command("scenarios")
  .description("list the night scenarios of the simulator")
  .action(() => {
    for (const s of SCENARIOS) out(`${s.name.padEnd(16)} ${s.description}\n`);
  });

program
  .command("web")
  .description("serve the web simulator on this machine and open it in the browser (the URL is the first line printed)")
  .option("--port <n>", "port on 127.0.0.1 (0: any free port)", integerOption("port", 0, 65535), 8017)
  .option("--no-open", "do not open a browser")
  .action(async (opts: { port: number; open: boolean }) => {
    const { server, url } = await serveWeb(opts.port);
    out(`${url}\n`);
    out("serving the web simulator (dist/web); Ctrl-C stops it\n");
    if (opts.open) {
      // No browser on this machine (a server, CI) is no error: the URL is printed.
      const { default: open } = await import("open");
      await open(url).then((child) => child.on("error", () => {}), () => {});
    }
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  });

async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return commandStatus;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; usage mistakes were already printed by commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`calmfoot: ${err.message}\n`);
      return 2;
    }
    if (err instanceof Error && /unknown scenario/.test(err.message)) {
      process.stderr.write(`calmfoot: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv);
