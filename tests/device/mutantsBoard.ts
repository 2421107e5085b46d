// The board of the mutants-*.test.ts files: the device harness (device.ts — the firmware through
// its HAL ABI v1 exports only, every hal call recorded, the build named by CALMFOOT_FIRMWARE_WASM,
// a mutation-schemata build's mutant made live) with a clock these tests may step anywhere, and
// their helpers (time passing with ticks, a still leg, a clean press).
//
// Numbers here are the contract's (docs/hal-abi.md), never imported from the firmware.

import { type Kick, StillLeg } from "../host/support.js";
import { CONFIG, type DeviceEvent, Device, type HalFn, EVENT, FAULT, LED, SESSION_CAUSE, SESSION_END_REASON, STATE, STATUS, u32 } from "./device.js";

// The contract's codes, under the short names these tests use (one table: host/abi.ts).
export { EVENT, FAULT, LED, STATE, STATUS };
export const KEY = CONFIG;
export const END = SESSION_END_REASON;
export const CAUSE = SESSION_CAUSE;
export const MIN_MS = 60_000;

export type Event = DeviceEvent;
type Call = [name: string, ...args: number[]];

/**
 * The device harness (device.ts: loading, the recording HAL, the live mutant) with a board's
 * clock that may step anywhere (fw_init again, clock faults) and these tests' helpers.
 */
export class Board {
  private readonly dev = new Device();
  /** The board's clock, ms (u32, wraps). */
  now = 0;

  constructor(now_ms = 0) {
    this.dev.clockMayStepBack = true;
    this.init(now_ms);
  }

  /** Every hal call since the last forget(), as [name, ...args]. */
  get calls(): Call[] { return this.dev.calls.map((c) => [c.fn, ...c.args]); }

  private at(now_ms: number): number {
    this.now = u32(now_ms);
    return this.now;
  }

  init(now_ms = this.now): void { this.dev.init(this.at(now_ms)); }
  accel(now_ms: number, x = 0, y = 0, z = 1000): void { this.dev.accel(this.at(now_ms), x, y, z); }
  button(now_ms: number, pressed: number): void { this.dev.button(this.at(now_ms), pressed); }
  temperature(now_ms: number, cdeg: number): void { this.dev.temperature(this.at(now_ms), cdeg); }
  tick(now_ms: number): void { this.dev.tick(this.at(now_ms)); }
  set(key: number, value: number): number { return this.dev.set(key, value); }
  get(key: number): number { return this.dev.get(key); }
  status(key: number): number { return this.dev.status(key); }
  capacity(): number { return this.dev.capacity(); }

  /** Writes `samples` (x, y, z mg) into the FIFO area and hands over `count` of them (default: all). */
  batch(now_ms: number, samples: [number, number, number][], count = samples.length): void {
    this.dev.batch(this.at(now_ms), samples, count);
  }

  /** The events emitted since the last forget(). */
  events(kind?: number): Event[] {
    return this.calls.filter((c) => c[0] === "emit").map(([, kind, now, a, b]) => ({ kind, now, a, b }))
      .filter((e) => kind === undefined || e.kind === kind);
  }

  /** The last value the firmware gave hal function `name` (set_vibration, set_heater, set_led); undefined if never. */
  last(name: string): number | undefined {
    const values = this.dev.values(name as HalFn);
    return values[values.length - 1];
  }

  count(name: string): number {
    return this.dev.calls.filter((c) => c.fn === name).length;
  }

  forget(): void { this.dev.calls.length = 0; }

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
