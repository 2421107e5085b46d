// A bare board for the mutants-*.test.ts files: the firmware through its HAL ABI v1 exports only
// (docs/hal-abi.md), every hal call recorded. It loads the build named by CALMFOOT_FIRMWARE_WASM
// (default: the debug build), and when the module is a mutation-schemata build it makes mutant
// CALMFOOT_MUTANT live (tests/mutation/), like the device harness of tests/device.
//
// Numbers here are the contract's (docs/hal-abi.md), written out, never imported from the firmware.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StillLeg, type Kick } from "../host/support.js";

const WASM = process.env.CALMFOOT_FIRMWARE_WASM ?? join(import.meta.dirname, "..", "..", "build", "firmware.debug.wasm");
let compiled: WebAssembly.Module | undefined;

export const KEY = { SAMPLE_HZ: 1, SESSION_MIN: 2, AUTO_SESSION_MIN: 3, INTENSITY: 4, HEAT_TARGET_DC: 5, HEAT_ENABLED: 6,
  AUTO_START: 7, SENSITIVITY: 8, AUTO_COOLDOWN_MIN: 9 } as const;
export const STATUS = { STATE: 1, SESSION_LEFT_S: 2, LM_COUNT: 3, PLM_COUNT: 4, FAULTS: 5, VIBRATION: 6, HEATER: 7,
  REJECTED_INPUTS: 8, ABI_VERSION: 9, INTENSITY_NOW: 10, HEAT_NOW: 11, PAD_CDEG: 12 } as const;
export const EVENT = { MOVE_START: 1, MOVE_END: 2, SERIES: 3, RESTLESS: 4, SESSION_START: 5, SESSION_END: 6, FAULT: 7,
  FAULT_CLEAR: 8, BUTTON: 9 } as const;
export const STATE = { IDLE: 0, RAMP_UP: 1, RUNNING: 2, RAMP_DOWN: 3, FAULT_LOCKOUT: 4 } as const;
export const LED = { OFF: 0, IDLE: 1, SESSION: 2, RAMP_DOWN: 3, FAULT: 4 } as const;
export const FAULT = { ACCEL_MISSING: 1, ACCEL_IMPLAUSIBLE: 2, THERMISTOR: 3, OVER_TEMPERATURE: 4, CLOCK: 5 } as const;
export const END = { COMPLETED: 1, BUTTON: 2, FAULT: 3, OTHER: 4 } as const;
export const CAUSE = { AUTO: 1, BUTTON: 2 } as const;
export const MIN_MS = 60_000;

export interface Event { kind: number; now: number; a: number; b: number }
type Call = [name: string, ...args: number[]];

export class Board {
  readonly calls: Call[] = [];
  private readonly fw: Record<string, (...args: number[]) => number>;
  readonly memory: WebAssembly.Memory;
  /** The board's clock, ms (u32, wraps). */
  now = 0;

  constructor(now_ms = 0) {
    compiled ??= new WebAssembly.Module(readFileSync(WASM));
    const record = (name: string) => (...args: number[]) => { this.calls.push([name, ...args]); };
    const instance = new WebAssembly.Instance(compiled, {
      hal: { set_vibration: record("set_vibration"), set_heater: record("set_heater"), set_led: record("set_led"),
        emit: record("emit"), panic: record("panic") },
      env: { abort: () => { throw new Error("abort"); } },
    });
    this.fw = instance.exports as never;
    this.memory = instance.exports.memory as WebAssembly.Memory;
    if (this.fw.__mutant_set) this.fw.__mutant_set(Number(process.env.CALMFOOT_MUTANT ?? 0));
    this.now = now_ms >>> 0;
    this.fw.fw_init(this.now | 0);
  }

  private at(now_ms: number): number {
    this.now = now_ms >>> 0;
    return this.now | 0;
  }

  init(now_ms = this.now): void { this.fw.fw_init(this.at(now_ms)); }
  accel(now_ms: number, x = 0, y = 0, z = 1000): void { this.fw.fw_accel(this.at(now_ms), x, y, z); }
  button(now_ms: number, pressed: number): void { this.fw.fw_button(this.at(now_ms), pressed); }
  temperature(now_ms: number, cdeg: number): void { this.fw.fw_temperature(this.at(now_ms), cdeg); }
  tick(now_ms: number): void { this.fw.fw_tick(this.at(now_ms)); }
  set(key: number, value: number): number { return this.fw.fw_config_set(key, value); }
  get(key: number): number { return this.fw.fw_config_get(key); }
  status(key: number): number { return this.fw.fw_status(key); }
  capacity(): number { return this.fw.fw_accel_capacity(); }

  /** Writes `samples` (x, y, z mg) into the FIFO area and hands over `count` of them (default: all). */
  batch(now_ms: number, samples: [number, number, number][], count = samples.length): void {
    const view = new DataView(this.memory.buffer, this.fw.fw_accel_buffer());
    samples.forEach(([x, y, z], i) => { view.setInt16(i * 6, x, true); view.setInt16(i * 6 + 2, y, true); view.setInt16(i * 6 + 4, z, true); });
    this.fw.fw_accel_batch(this.at(now_ms), count);
  }

  events(kind?: number): Event[] {
    return this.calls.filter((c) => c[0] === "emit").map(([, kind, now, a, b]) => ({ kind, now: now >>> 0, a, b }))
      .filter((e) => kind === undefined || e.kind === kind);
  }

  /** The last value the firmware gave hal function `name` (set_vibration, set_heater, set_led); undefined if never. */
  last(name: string): number | undefined {
    for (let i = this.calls.length - 1; i >= 0; i--) if (this.calls[i][0] === name) return this.calls[i][1];
    return undefined;
  }

  count(name: string): number {
    return this.calls.filter((c) => c[0] === name).length;
  }

  forget(): void { this.calls.length = 0; }

  /**
   * Time passing from `this.now` to `to_ms` as a board does it: a tick every `step_ms`, and with
   * `still` a resting leg's sample every 20 ms (50 Hz, the sensor's own noise in the last bit) so the
   * accelerometer stays trusted, and with `pad_cdeg` a thermistor reading every second.
   */
  run(to_ms: number, opts: { step_ms?: number; still?: boolean; pad_cdeg?: number | ((t: number) => number) } = {}): void {
    const step = opts.step_ms ?? 100;
    const from = this.now;
    const span = (to_ms - from) >>> 0;
    for (let dt = 0; dt < span;) {
      const next = Math.min(dt + step, span);
      if (opts.still) for (let s = Math.ceil((dt + 1) / 20) * 20; s <= next; s += 20) this.accel(from + s, (s / 20) & 1, 0, 1000);
      if (opts.pad_cdeg !== undefined && Math.floor(next / 1000) > Math.floor(dt / 1000)) {
        const t = (from + Math.floor(next / 1000) * 1000) >>> 0;
        this.temperature(t, typeof opts.pad_cdeg === "number" ? opts.pad_cdeg : opts.pad_cdeg(t));
      }
      this.tick(from + next);
      dt = next;
    }
  }

  /**
   * A leg at rest with `kicks` (ms from `leg_t0_ms`) sampled at 50 Hz from `this.now` to `to_ms`,
   * ticks every 100 ms. The leg is a seeded one: the same calls every run.
   */
  runLeg(to_ms: number, leg: StillLeg, leg_t0_ms: number): void {
    const from = this.now;
    const span = (to_ms - from) >>> 0;
    for (let dt = 20; dt <= span; dt += 20) {
      const t = (from + dt) >>> 0;
      const [x, y, z] = leg.sample(((t - leg_t0_ms) >>> 0));
      this.accel(t, x, y, z);
      if (dt % 100 === 0) this.tick(t);
    }
  }

  /** A clean press of `hold_ms` starting at `this.now` (no bounce), followed by ticks to its release. */
  press(hold_ms = 100): void {
    const t = this.now;
    this.button(t, 1);
    this.run(t + hold_ms, { step_ms: 10 });
    this.button(this.now, 0);
  }
}

/** Four leg movements of 2 s, 20 s apart (a periodic series: restlessness), the first at `first_ms`. */
export function plmSeries(first_ms: number, count = 4, interval_ms = 20_000): Kick[] {
  return Array.from({ length: count }, (_, i) => ({ at_ms: first_ms + i * interval_ms, duration_ms: 2000, amplitude_mg: 400 }));
}
export { StillLeg };
