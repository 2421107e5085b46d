// Synthetic, deterministic nights for comparing boards (the standard nights, and the Cortex-M4's
// embedded night in recording.ts) and for the bench: a leg at rest (gravity in the sensor frame
// plus sensor noise) with movements laid on top, written as CSV recordings (the columns of
// host/replay/csv.ts) or as a typed array of samples.
//
// Not a model of RLS (the lead's simulator is that); just enough signal to drive every path of
// the firmware: onsets and offsets, short and long movements, a periodic series, button
// gestures, thermistor readings, faults, a clock that wraps or jumps.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../host/sim/rng.js";
import { THERMISTOR_OPEN_CDEG, THERMISTOR_SHORTED_CDEG } from "../../host/sim/thermistor.js";

/** A movement laid on the rest signal: `at_ms` after the start of the night. */
export interface Movement {
  at_ms: number;
  dur_ms: number;
  /** Peak of the added acceleration, mg. */
  amp_mg: number;
}

/** A stretch in which the sensor misbehaves. */
export interface SensorOverride {
  from_ms: number;
  to_ms: number;
  /** Every axis reads this (e.g. 20000: out of range); when absent the sensor is frozen instead. */
  value_mg?: number;
}

export interface NightSpec {
  name: string;
  /** Board clock at the first row, u32 ms. */
  t0_ms: number;
  duration_ms: number;
  hz?: number;
  seed: number;
  movements: Movement[];
  /** Button held down from `at_ms` for `dur_ms`; gives the file a `button` column. */
  presses?: { at_ms: number; dur_ms: number }[];
  /** Pad temperature, centi-°C, for a time into the night; gives the file a `temp_cdeg` column. */
  temperature?: (rel_ms: number) => number;
  /** One reading this often (the field is empty in the rows between), ms. */
  temperature_every_ms?: number;
  /** No rows at all in these stretches (the sensor or the recorder dropped out). */
  gaps?: { at_ms: number; dur_ms: number }[];
  /** From `at_ms` on, the board clock is off by `step_ms` more (a clock that jumps). */
  clock_steps?: { at_ms: number; step_ms: number }[];
  sensor?: SensorOverride[];
}

/** Values in [0, 1), the same numbers on every machine (the simulator's own generator). */
export function prng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/** Gravity on a foot at rest, sensor frame, mg (the sensor sits tilted on the instep). */
const REST_MG = [120, -340, 930] as const;
/** Sensor noise, mg (rough standard deviation of an LSM6DS-class part at ±2 g, 50 Hz). */
const NOISE_MG = 3;

/** Movement signal at `rel_ms` (summed over movements), per axis, mg. */
function movementAt(movements: Movement[], rel_ms: number, out: number[]): void {
  out[0] = 0; out[1] = 0; out[2] = 0;
  for (const m of movements) {
    const u = rel_ms - m.at_ms;
    if (u < 0 || u >= m.dur_ms) continue;
    // A dorsiflexion: a smooth rise and fall, with a 3 Hz tremor on top.
    const envelope = Math.sin((Math.PI * u) / m.dur_ms);
    const tremor = Math.sin((2 * Math.PI * 3 * u) / 1000);
    out[0] += 0.3 * m.amp_mg * envelope * tremor;
    out[1] += m.amp_mg * envelope;
    out[2] += -0.6 * m.amp_mg * envelope + 0.4 * m.amp_mg * tremor * envelope;
  }
}

/** Writes `spec` as a CSV recording; returns the number of rows. */
export function writeNightCsv(spec: NightSpec, file: string): number {
  const hz = spec.hz ?? 50;
  const period = 1000 / hz;
  const random = prng(spec.seed);
  const hasButton = (spec.presses?.length ?? 0) > 0;
  const hasTemp = spec.temperature !== undefined;
  const header = ["t_ms", "ax_mg", "ay_mg", "az_mg"];
  if (hasTemp) header.push("temp_cdeg");
  if (hasButton) header.push("button");
  const lines: string[] = [header.join(",")];
  const move = [0, 0, 0];
  let frozen: number[] | null = null;
  let lastTemp = -Infinity;
  const count = Math.floor(spec.duration_ms / period);
  for (let i = 0; i < count; i++) {
    const rel = Math.round(i * period);
    const noise = [0, 1, 2].map(() => (random() + random() + random() + random() - 2) * NOISE_MG * 1.7);
    if (spec.gaps?.some((g) => rel >= g.at_ms && rel < g.at_ms + g.dur_ms)) continue;
    let offset = 0;
    for (const s of spec.clock_steps ?? []) if (rel >= s.at_ms) offset += s.step_ms;
    const t = (spec.t0_ms + rel + offset) >>> 0;
    movementAt(spec.movements, rel, move);
    let xyz = [0, 1, 2].map((k) => Math.round(REST_MG[k] + move[k] + noise[k]));
    const override = spec.sensor?.find((o) => rel >= o.from_ms && rel < o.to_ms);
    if (override) {
      if (override.value_mg !== undefined) xyz = [override.value_mg, override.value_mg, override.value_mg];
      else xyz = frozen ??= xyz;
    } else {
      frozen = null;
    }
    const fields: (string | number)[] = [t, xyz[0], xyz[1], xyz[2]];
    if (hasTemp) {
      const every = spec.temperature_every_ms ?? 1000;
      if (rel - lastTemp >= every) {
        fields.push(Math.round(spec.temperature!(rel)));
        lastTemp = rel;
      } else {
        fields.push("");
      }
    }
    if (hasButton) fields.push(spec.presses!.some((p) => rel >= p.at_ms && rel < p.at_ms + p.dur_ms) ? 1 : 0);
    lines.push(fields.join(","));
  }
  writeFileSync(file, lines.join("\n") + "\n");
  return lines.length - 1;
}

const MIN = 60_000;

/** A periodic series: `n` leg movements `interval_ms` apart, 1.5–2.5 s each. */
function series(at_ms: number, n: number, interval_ms: number, amp_mg: number, random: () => number): Movement[] {
  return Array.from({ length: n }, (_, i) => ({
    at_ms: at_ms + i * interval_ms + Math.round(random() * 2000),
    dur_ms: 1500 + Math.round(random() * 1000),
    amp_mg: amp_mg * (0.8 + 0.4 * random()),
  }));
}

/** Sporadic movements of every kind: hypnic jerks, LMs, turning over. */
function sporadic(from_ms: number, to_ms: number, per_hour: number, random: () => number): Movement[] {
  const out: Movement[] = [];
  const n = Math.round(((to_ms - from_ms) / (60 * MIN)) * per_hour);
  for (let i = 0; i < n; i++) {
    const kind = random();
    const dur_ms = kind < 0.3 ? 150 + random() * 200 : kind < 0.8 ? 600 + random() * 5000 : 11_000 + random() * 20_000;
    out.push({ at_ms: Math.round(from_ms + random() * (to_ms - from_ms)), dur_ms: Math.round(dur_ms), amp_mg: 120 + random() * 500 });
  }
  return out;
}

/** A pad that warms towards 40 °C while a session could be heating, cooling otherwise. */
function padTemperature(rel_ms: number): number {
  return 2400 + 1600 * (1 - Math.exp(-rel_ms / (8 * MIN))) + 30 * Math.sin(rel_ms / 20_000);
}

/**
 * The nights every board must agree on: a normal night, a fault night, a night across the u32
 * wrap of the clock, and a night whose clock jumps. Short (20–30 min) so that tests stay fast.
 */
export function standardNights(): NightSpec[] {
  const r = prng(42);
  const normal: NightSpec = {
    name: "normal",
    t0_ms: 22 * 60 * MIN + 123,
    duration_ms: 30 * MIN,
    seed: 1,
    movements: [
      ...sporadic(0, 30 * MIN, 40, r),
      ...series(4 * MIN, 7, 25_000, 300, r),
      ...series(21 * MIN, 6, 40_000, 250, r),
      { at_ms: 15 * MIN, dur_ms: 200, amp_mg: 900 },   // a hypnic jerk
      { at_ms: 18 * MIN, dur_ms: 14_000, amp_mg: 700 }, // turning over
    ],
    presses: [
      { at_ms: 2 * MIN, dur_ms: 180 },              // short: a button session starts
      { at_ms: 2 * MIN + 40_000, dur_ms: 2500 },    // long: intensity
      { at_ms: 12 * MIN, dur_ms: 150 },             // short: the session ends
      { at_ms: 20 * MIN, dur_ms: 120 },             // double press: heat toggled
      { at_ms: 20 * MIN + 300, dur_ms: 120 },
      { at_ms: 27 * MIN, dur_ms: 200 },
      { at_ms: 27 * MIN + 160, dur_ms: 15 },        // bounce
    ],
    temperature: padTemperature,
  };
  const fault: NightSpec = {
    name: "fault",
    t0_ms: 5_000_000,
    duration_ms: 25 * MIN,
    seed: 2,
    movements: [...series(3 * MIN, 6, 20_000, 300, r), ...sporadic(0, 25 * MIN, 30, r)],
    presses: [{ at_ms: 30_000, dur_ms: 200 }, { at_ms: 14 * MIN, dur_ms: 200 }],
    temperature: (rel) => {
      if (rel >= 5 * MIN && rel < 5 * MIN + 20_000) return THERMISTOR_OPEN_CDEG;
      if (rel >= 7 * MIN && rel < 7 * MIN + 5000) return THERMISTOR_SHORTED_CDEG;
      if (rel >= 9 * MIN && rel < 10 * MIN) return 4400 + (rel - 9 * MIN) / 100; // over-temperature
      return padTemperature(rel);
    },
    sensor: [
      { from_ms: 11 * MIN, to_ms: 11 * MIN + 2000, value_mg: 20_000 },  // implausible: out of range
      { from_ms: 12 * MIN, to_ms: 12 * MIN + 300, value_mg: -40_000 },  // a short burst of them
      { from_ms: 16 * MIN, to_ms: 16 * MIN + 45_000 },                  // frozen sensor
    ],
    gaps: [
      { at_ms: 13 * MIN, dur_ms: 900 },      // dropout short enough for the ticks to go on
      { at_ms: 19 * MIN, dur_ms: 4000 },     // longer than 2 s: the accelerometer is missing (FAULT 1)
    ],
  };
  const wrap: NightSpec = {
    name: "wrap",
    t0_ms: 2 ** 32 - 10 * MIN,
    duration_ms: 20 * MIN,
    seed: 3,
    movements: [...series(6 * MIN, 8, 22_000, 280, r), ...sporadic(0, 20 * MIN, 40, r)],
    presses: [{ at_ms: 9 * MIN + 50_000, dur_ms: 200 }, { at_ms: 10 * MIN + 20_000, dur_ms: 2600 }],
    temperature: padTemperature,
  };
  const clockJump: NightSpec = {
    name: "clock-jump",
    t0_ms: 1_000_000_000,
    duration_ms: 20 * MIN,
    seed: 4,
    movements: [...series(2 * MIN, 6, 30_000, 300, r), ...sporadic(0, 20 * MIN, 40, r)],
    presses: [{ at_ms: 60_000, dur_ms: 200 }],
    // Forward only: a recording whose time steps back or repeats is refused (host/replay/csvReader.ts);
    // a board clock that jumps back is a simulated night's (host/board/faultNight.ts).
    clock_steps: [
      { at_ms: 6 * MIN, step_ms: 60_100 },       // just over a minute: a jump, not a dropout
      { at_ms: 9 * MIN, step_ms: 3_600_000 },    // an hour forwards
      { at_ms: 12 * MIN, step_ms: 700 },         // a small step the ticks absorb
      { at_ms: 15 * MIN, step_ms: 59_900 },      // just under a minute: a dropout the ticks run through
    ],
    // No temperature column: the replay switches heating off.
  };
  return [normal, fault, wrap, clockJump];
}

/** Writes every standard night into `dir`; returns their files by name. */
export function writeStandardNights(dir: string): { name: string; file: string; rows: number }[] {
  return standardNights().map((spec) => {
    const file = join(dir, `${spec.name}.csv`);
    return { name: spec.name, file, rows: writeNightCsv(spec, file) };
  });
}

/**
 * A night as samples, for timing the board path without CSV parsing: x, y, z interleaved (mg),
 * `hours` at `hz`, with sporadic movements and periodic series at a realistic rate.
 */
export function nightSamples(hours: number, hz = 50, seed = 7): Int16Array {
  const random = prng(seed);
  const duration_ms = hours * 60 * MIN;
  const movements: Movement[] = [...sporadic(0, duration_ms, 30, random)];
  for (let at = 20 * MIN; at < duration_ms; at += 70 * MIN) movements.push(...series(at, 8, 25_000, 300, random));
  movements.sort((a, b) => a.at_ms - b.at_ms);
  const n = Math.floor((duration_ms * hz) / 1000);
  const out = new Int16Array(n * 3);
  const move = [0, 0, 0];
  let next = 0; // movements are sorted: only the ones near `rel` are looked at
  const active: Movement[] = [];
  for (let i = 0; i < n; i++) {
    const rel = Math.round((i * 1000) / hz);
    while (next < movements.length && movements[next].at_ms <= rel) active.push(movements[next++]);
    for (let k = active.length - 1; k >= 0; k--) if (active[k].at_ms + active[k].dur_ms <= rel) active.splice(k, 1);
    movementAt(active, rel, move);
    for (let k = 0; k < 3; k++) {
      const noise = (random() + random() + random() + random() - 2) * NOISE_MG * 1.7;
      out[i * 3 + k] = Math.round(REST_MG[k] + move[k] + noise);
    }
  }
  return out;
}
