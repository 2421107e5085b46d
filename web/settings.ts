// What a simulated night on the page is made of, and its address: the page's URL query carries
// the scenario, seed, length, start time, sample rate, speed and the config a person chose, so a
// link reproduces the run (`?scenario=plms&seed=3&hours=2&speed=600&intensity=7`). The same
// night on the command line is `calmfoot simulate` with the same options (cliCommand).
// Platform-neutral: no DOM here (the tests read it in Node).

import { CONFIG, type ConfigName } from "../host/abi.js";
import { DEFAULT_SCENARIO, SCENARIOS } from "../host/sim/night.js";
import { clockTime, parseTimeOfDay } from "../host/timeOfDay.js";

/** How fast the night runs: night seconds per real second, or as fast as the machine can. */
export const SPEEDS = ["1", "10", "60", "600", "max"] as const;
export type Speed = (typeof SPEEDS)[number];

/** Sample rates the sensor supports (as `calmfoot simulate --sample-hz`). */
export const SAMPLE_RATES = [25, 50, 100] as const;

/** Config a person may set on the page, in the order it is applied (URL names: lower case). */
export const PAGE_CONFIG: readonly ConfigName[] = ["INTENSITY", "SENSITIVITY", "HEAT_TARGET_DC", "HEAT_ENABLED", "AUTO_START",
  "AUTO_COOLDOWN_MIN", "SESSION_MIN", "AUTO_SESSION_MIN"];

export interface Settings {
  scenario: string;
  seed: number;
  hours: number;
  /** Time of day at the start, minutes after midnight. */
  start_minute_of_day: number;
  sample_hz: number;
  /** Board clock at the start, u32 ms (near 2^32 to watch the wrap). */
  clock0_ms: number;
  speed: Speed;
  /** Config set by the person (applied after the scenario's own); absent keys keep the firmware's value. */
  config: Partial<Record<ConfigName, number>>;
}

/** The defaults of `calmfoot simulate`, except the length: a page night starts at 2 h. */
export const DEFAULT_SETTINGS: Settings = {
  scenario: DEFAULT_SCENARIO, seed: 1, hours: 2, start_minute_of_day: 22 * 60 + 30, sample_hz: 50, clock0_ms: 0, speed: "60", config: {},
};

/** Settings from a URL query; what cannot be read keeps its default and is named in `problems`. */
export function parseSettings(query: string): { settings: Settings; problems: string[] } {
  const params = new URLSearchParams(query);
  const settings: Settings = { ...DEFAULT_SETTINGS, config: {} };
  const problems: string[] = [];
  const whole = (name: string, min: number, max: number): number | undefined => {
    const text = params.get(name);
    if (text === null) return undefined;
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
      problems.push(`${name}=${text}: expected a whole number within ${min}…${max}`);
      return undefined;
    }
    return value;
  };

  const scenario = params.get("scenario");
  if (scenario !== null) {
    if (SCENARIOS.some((s) => s.name === scenario)) settings.scenario = scenario;
    else problems.push(`scenario=${scenario}: unknown (known: ${SCENARIOS.map((s) => s.name).join(", ")})`);
  }
  settings.seed = whole("seed", 0, 2 ** 31 - 1) ?? settings.seed;
  const hours = params.get("hours");
  if (hours !== null) {
    const h = Number(hours);
    if (Number.isFinite(h) && h > 0 && h <= 24) settings.hours = h;
    else problems.push(`hours=${hours}: expected > 0 and ≤ 24`);
  }
  const start = params.get("start");
  if (start !== null) {
    const minute = parseStartMinute(start);
    if (minute === null) problems.push(`start=${start}: expected a time of day like 22:30`);
    else settings.start_minute_of_day = minute;
  }
  const hz = whole("sample_hz", 0, 1000);
  if (hz !== undefined) {
    if ((SAMPLE_RATES as readonly number[]).includes(hz)) settings.sample_hz = hz;
    else problems.push(`sample_hz=${hz}: expected one of ${SAMPLE_RATES.join(", ")}`);
  }
  settings.clock0_ms = whole("clock0", 0, 0xffffffff) ?? settings.clock0_ms;
  const speed = params.get("speed");
  if (speed !== null) {
    if ((SPEEDS as readonly string[]).includes(speed)) settings.speed = speed as Speed;
    else problems.push(`speed=${speed}: expected one of ${SPEEDS.join(", ")}`);
  }
  // Ranges are the firmware's to judge (it refuses what is out of range); here only whole numbers.
  for (const name of PAGE_CONFIG) {
    const value = whole(name.toLowerCase(), -(2 ** 31), 2 ** 31 - 1);
    if (value !== undefined) settings.config[name] = value;
  }
  return { settings, problems };
}

/** The URL query of `settings`: what differs from the defaults, scenario first. */
export function formatSettings(s: Settings): string {
  const params = new URLSearchParams();
  params.set("scenario", s.scenario);
  params.set("seed", String(s.seed));
  params.set("hours", String(s.hours));
  if (s.start_minute_of_day !== DEFAULT_SETTINGS.start_minute_of_day) params.set("start", startText(s.start_minute_of_day));
  if (s.sample_hz !== DEFAULT_SETTINGS.sample_hz) params.set("sample_hz", String(s.sample_hz));
  if (s.clock0_ms !== DEFAULT_SETTINGS.clock0_ms) params.set("clock0", String(s.clock0_ms));
  params.set("speed", s.speed);
  for (const name of PAGE_CONFIG) {
    const value = s.config[name];
    if (value !== undefined) params.set(name.toLowerCase(), String(value));
  }
  return params.toString();
}

/** "22:30" for minutes after midnight. */
export function startText(minute_of_day: number): string {
  return clockTime(minute_of_day * 60_000, 0).slice(0, 5);
}

/** Minutes after midnight for "22:30" (the page starts a night on a whole minute); null otherwise. */
export function parseStartMinute(text: string): number | null {
  const ms = parseTimeOfDay(text);
  return ms === null || ms % 60_000 !== 0 ? null : ms / 60_000;
}

/** The person's config as the board applies it: [key, value] in PAGE_CONFIG order. */
export function configPairs(s: Settings): [number, number][] {
  return PAGE_CONFIG.filter((name) => s.config[name] !== undefined).map((name) => [CONFIG[name], s.config[name]!]);
}

/** The same night on the command line (its `--log` output is the page's device log, byte for byte). */
export function cliCommand(s: Settings): string {
  const args = ["npx calmfoot simulate", `--scenario ${s.scenario}`, `--seed ${s.seed}`, `--hours ${s.hours}`];
  if (s.start_minute_of_day !== DEFAULT_SETTINGS.start_minute_of_day) args.push(`--start ${startText(s.start_minute_of_day)}`);
  if (s.sample_hz !== DEFAULT_SETTINGS.sample_hz) args.push(`--sample-hz ${s.sample_hz}`);
  if (s.clock0_ms !== DEFAULT_SETTINGS.clock0_ms) args.push(`--clock0 ${s.clock0_ms}`);
  for (const name of PAGE_CONFIG) {
    const value = s.config[name];
    if (value !== undefined) args.push(`--config ${name}=${value}`);
  }
  return args.join(" ");
}
