#!/usr/bin/env node
// calmfoot: the desktop board's command line. `simulate` runs a night on simulated devices,
// `replay` feeds a recording through the firmware. Mistakes in what a person typed or gave us
// are reported in one line naming the file and place, exit code 2, never a stack trace.

import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { CONFIG, type ConfigName } from "./abi.js";
import { Board } from "./board/board.js";
import { simulatePlan } from "./board/simulatedNight.js";
import { logLine } from "./eventLog.js";
import { firmwareModule } from "./firmwareFile.js";
import { InputError } from "./inputError.js";
import type { NightRecord } from "./record.js";
import { replayRecording } from "./replay/recording.js";
import { writeReport } from "./report/index.js";
import { DEFAULT_SCENARIO, SCENARIOS, planNight } from "./sim/night.js";
import { formatSummary } from "./report/summaryText.js";
import { summaryJsonLine } from "./report/summaryJson.js";
import { jsonLine, parseTimeOfDay, timelineLine } from "./report/timeline.js";

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

function timeOfDayOption(text: string): number {
  const minute = parseTimeOfDay(text);
  if (minute === null) throw new InvalidArgumentError("expected a time of day like 22:30");
  return minute;
}

/** `--config NAME=VALUE`, repeatable; names are the config names of the HAL ABI. */
function configOption(text: string, previous: [number, number][] = []): [number, number][] {
  const m = /^([A-Z_]+)=(-?\d+)$/.exec(text.trim());
  if (!m || !(m[1] in CONFIG)) {
    throw new InvalidArgumentError(`expected NAME=VALUE with NAME one of ${Object.keys(CONFIG).join(", ")}`);
  }
  return [...previous, [CONFIG[m[1] as ConfigName], Number(m[2])]];
}

/** Applies config through the firmware, which checks ranges; a refused value is the user's error. */
function checkConfig(config: [number, number][]): void {
  const probe = new Board(firmwareModule());
  probe.init(0);
  for (const [key, value] of config) {
    const result = probe.configSet(key, value);
    const name = Object.entries(CONFIG).find(([, k]) => k === key)![0];
    if (result !== 0) throw new InputError("--config", `${name}=${value} refused by the firmware (code ${result}: value out of range)`);
  }
}

function printEvents(record: NightRecord, output: Output): void {
  const out = process.stdout;
  for (const e of record.events) {
    out.write((output === "log" ? logLine(e) : output === "json" ? jsonLine(record, e) : timelineLine(record, e)) + "\n");
  }
}

async function finish(record: NightRecord, options: { output: Output; report?: string; summary: boolean }): Promise<void> {
  printEvents(record, options.output);
  if (options.report) await writeReport(record, options.report);
  if (options.summary && options.output === "text") process.stdout.write("\n" + formatSummary(record) + "\n");
  // --json ends with one summary object after the event lines (host/report/summaryJson.ts).
  if (options.summary && options.output === "json") process.stdout.write(summaryJsonLine(record) + "\n");
  if (options.report && options.output === "text") process.stdout.write(`report written to ${options.report}\n`);
}

function outputOf(opts: { json?: boolean; log?: boolean }): Output {
  return opts.log ? "log" : opts.json ? "json" : "text";
}

const program = new Command()
  .name("calmfoot")
  .description("calmfoot desktop board: run the firmware on simulated devices or on recordings")
  .exitOverride();

/** The options simulate and replay share: firmware config, output format, report, summary. */
function runOptions(command: Command): Command {
  return command
    .option("--config <NAME=VALUE>", "firmware config, repeatable (e.g. INTENSITY=7)", configOption, [])
    .option("--json", "events as JSON lines")
    .option("--log", "events as canonical device-log lines (identical on every board)")
    .option("--report <file.html>", "write a self-contained HTML report of the night")
    .option("--no-summary", "leave out the summary (with --json: the closing summary object)");
}

runOptions(program.command("simulate"))
  .description("simulate a night on the desktop board and print its timeline and summary")
  .addOption(new Option("--scenario <name>", "night scenario").choices(SCENARIOS.map((s) => s.name)).default(DEFAULT_SCENARIO))
  .option("--hours <h>", "length of the night in hours", hoursOption, 8)
  .option("--seed <n>", "random seed (same seed, same night)", integerOption("seed", 0, 2 ** 31 - 1), 1)
  .option("--start <hh:mm>", "time of day at the start", timeOfDayOption, 22 * 60 + 30)
  .option("--clock0 <ms>", "board clock (u32 ms) at the start, e.g. 4294367296 for 10 min before the wrap",
    integerOption("clock0", 0, 0xffffffff), 0)
  .addOption(new Option("--sample-hz <hz>", "accelerometer rate").choices(["25", "50", "100"]).default("50"))
  .option("--batch <n>", "deliver samples through the FIFO in batches of n (0: one at a time)", integerOption("batch", 0, 32), 32)
  .action(async (opts) => {
    const sample_hz = Number(opts.sampleHz);
    const plan = planNight(opts.scenario, { hours: opts.hours, seed: opts.seed });
    checkConfig([[CONFIG.SAMPLE_HZ, sample_hz], ...opts.config]);
    const record = simulatePlan(plan, {
      board: new Board(firmwareModule()),
      sample_hz,
      clock0_ms: opts.clock0,
      start_minute_of_day: opts.start,
      batch: opts.batch,
      config: opts.config,
    });
    await finish(record, { output: outputOf(opts), report: opts.report, summary: opts.summary });
  });

runOptions(program.command("replay"))
  .description("replay a recording (CSV: t_ms,ax_mg,ay_mg,az_mg[,temp_cdeg][,button]; or EDF/EDF+) through the firmware")
  .argument("<file>", "recording, .csv or .edf")
  .option("--channels <labels>", "EDF channel labels for x,y,z (comma-separated)")
  .addOption(new Option("--sample-hz <hz>", "sample rate of the CSV rows, or the rate EDF is resampled to (sets SAMPLE_HZ)").choices(["25", "50", "100"]).default("50"))
  .option("--start <hh:mm>", "time of day at the first sample (default: EDF's own start time, else 22:30)", timeOfDayOption)
  .option("--batch <n>", "hand samples over through the FIFO, n at a time (0: fw_accel per sample)", integerOption("batch", 0, 32), 0)
  .action(async (file: string, opts) => {
    checkConfig([[CONFIG.SAMPLE_HZ, Number(opts.sampleHz)], ...opts.config]);
    const record = await replayRecording(file, {
      sample_hz: Number(opts.sampleHz),
      channels: opts.channels ? String(opts.channels).split(",").map((s: string) => s.trim()) : undefined,
      start_minute_of_day: opts.start,
      config: opts.config,
      batch: opts.batch,
    });
    await finish(record, { output: outputOf(opts), report: opts.report, summary: opts.summary });
  });

program
  .command("scenarios")
  .description("list the night scenarios of the simulator")
  .action(() => {
    for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(16)} ${s.description}\n`);
  });

async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return 0;
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
