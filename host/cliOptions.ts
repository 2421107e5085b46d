// The command line's own options (Node only, for the version): times of day, config names and
// ranges from the one table in host/abi.ts, the sample rate given twice, the version. Each turns
// what a person typed into a value or refuses it in words commander prints on one line.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError } from "commander";
import { ABI_VERSION, CONFIG, CONFIG_RANGE, type ConfigName, configAccepts, configRangeText } from "./abi.js";
import { projectRoot } from "./firmwareFile.js";
import { InputError } from "./inputError.js";
import { parseTimeOfDay } from "./timeOfDay.js";

/** A night starts at 22:30 unless told (or a recording says). */
export const DEFAULT_START_MS = (22 * 60 + 30) * 60_000;

/** `--start hh:mm[:ss]`: ms after midnight. */
export function timeOfDayOption(text: string): number {
  const ms = parseTimeOfDay(text);
  if (ms === null) throw new InvalidArgumentError("expected a time of day hh:mm or hh:mm:ss, like 22:30 or 23:12:34");
  return ms;
}

const CONFIG_NAMES = Object.keys(CONFIG) as ConfigName[];

/** `--config NAME=VALUE`, repeatable; names and ranges are the HAL ABI's (host/abi.ts). */
export function configOption(text: string, previous: [ConfigName, number][] = []): [ConfigName, number][] {
  const m = /^([A-Z_]+)=(-?\d+)$/.exec(text.trim());
  if (!m || !(CONFIG_NAMES as string[]).includes(m[1])) {
    throw new InvalidArgumentError(`expected NAME=VALUE with NAME one of ${CONFIG_NAMES.join(", ")}`);
  }
  const name = m[1] as ConfigName;
  const value = Number(m[2]);
  if (!configAccepts(name, value)) throw new InvalidArgumentError(`${name}=${value} is outside ${configRangeText(name)} (default ${CONFIG_RANGE[name].default})`);
  const before = previous.find(([n]) => n === name);
  if (before && before[1] !== value) throw new InvalidArgumentError(`${name} is given twice, ${before[1]} and ${value}`);
  return [...previous, [name, value]];
}

/** The config names, their ranges and defaults, for --help. */
export function configHelp(): string {
  const lines = CONFIG_NAMES.map((name) => {
    const values = `${configRangeText(name)} [${CONFIG_RANGE[name].default}]`;
    return `  ${name.padEnd(18)} ${values.padEnd(22)} ${CONFIG_RANGE[name].meaning}`;
  });
  return `\nConfig (--config NAME=VALUE, HAL ABI v${ABI_VERSION}; range [default]):\n${lines.join("\n")}\n` +
    "  SAMPLE_HZ is set by --sample-hz; --config SAMPLE_HZ must agree with it.\n";
}

/**
 * The sample rate and the rest of the config from `--sample-hz` and `--config`: SAMPLE_HZ in
 * --config is the same setting as --sample-hz, so two different values are refused.
 */
export function sampleRate(sampleHz: string | undefined, config: [ConfigName, number][]): { sample_hz?: number; config: [number, number][] } {
  const fromConfig = config.find(([name]) => name === "SAMPLE_HZ")?.[1];
  const given = sampleHz === undefined ? undefined : Number(sampleHz);
  if (given !== undefined && fromConfig !== undefined && given !== fromConfig) {
    throw new InputError("--config", `SAMPLE_HZ=${fromConfig} contradicts --sample-hz ${given}`);
  }
  return {
    sample_hz: given ?? fromConfig,
    config: config.filter(([name]) => name !== "SAMPLE_HZ").map(([name, value]) => [CONFIG[name], value]),
  };
}

export /** The project's version, from its package.json. */
function version(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string };
  return `calmfoot ${pkg.version} (HAL ABI v${ABI_VERSION})`;
}
