// The device on the bench: one firmware instance behind a fake HAL that records every hal.* call,
// driven only through the fw_* exports of HAL ABI v1 (docs/hal-abi.md). Nothing here knows the
// firmware's internals, so the tests built on it survive a redesign of any stage.
//
// Which module: build/firmware.debug.wasm (`npm run build:firmware`), or CALMFOOT_FIRMWARE_WASM.
// A mutated build (tests/mutation/) exports `__mutant_set(id)`; with CALMFOOT_MUTANT set, every
// instance is switched to that mutant before fw_init.
//
// Time: the tests count in plain numbers of ms (they may pass 2^32 to cross the wrap); every
// call passes `t mod 2^32` as i32 bits, and the log gives u32 times back.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The contract's numbers (event kinds, config and status keys, states, LED patterns, return
// codes): names for codes, not rules. The rules' limits are written in each test, from the domain.
export { CONFIG, CONFIG_GET_UNKNOWN, CONFIG_OK, CONFIG_OUT_OF_RANGE, CONFIG_UNKNOWN_KEY, EVENT, FAULT, GESTURE, LED,
  MOVE_CLASS, SESSION_CAUSE, SESSION_END_REASON, STATE, STATUS } from "../../host/abi.js";
import { CONFIG_OK } from "../../host/abi.js";

export const WRAP_MS = 2 ** 32;
/** `t` as the board's u32 clock shows it. */
export const u32 = (t: number): number => ((t % WRAP_MS) + WRAP_MS) % WRAP_MS;

export const RELEASE_WASM = fileURLToPath(new URL("../../build/firmware.wasm", import.meta.url));
export const DEBUG_WASM = fileURLToPath(new URL("../../build/firmware.debug.wasm", import.meta.url));
export const FIRMWARE_WASM = process.env.CALMFOOT_FIRMWARE_WASM || DEBUG_WASM;

const modules = new Map<string, WebAssembly.Module>();
export function firmwareModule(path = FIRMWARE_WASM): WebAssembly.Module {
  let m = modules.get(path);
  if (!m) {
    m = new WebAssembly.Module(readFileSync(path));
    modules.set(path, m);
  }
  return m;
}

export type HalFn = "set_vibration" | "set_heater" | "set_led" | "emit" | "panic";
/** One hal.* call: the function, its arguments, and the harness time of the export call it came from. */
export interface HalCall { fn: HalFn; args: number[]; at: number }
/** One event as the log keeps it: kind, u32 time, a, b. */
export interface DeviceEvent { kind: number; now: number; a: number; b: number }

/** A trap inside the firmware (after hal.panic, or any other). */
export class FirmwareTrap extends Error {}

interface Exports {
  memory: WebAssembly.Memory;
  fw_init(now: number): void;
  fw_accel(now: number, x: number, y: number, z: number): void;
  fw_accel_buffer(): number;
  fw_accel_capacity(): number;
  fw_accel_batch(now: number, count: number): void;
  fw_button(now: number, pressed: number): void;
  fw_temperature(now: number, cdeg: number): void;
  fw_tick(now: number): void;
  fw_config_set(key: number, value: number): number;
  fw_config_get(key: number): number;
  fw_status(key: number): number;
  fw_debug_program_never_ends?(): void;
  __mutant_set?(id: number): void;
}

export class Device {
  readonly calls: HalCall[] = [];
  readonly events: DeviceEvent[] = [];
  /** What the board shows: the last value the firmware set (-1 before the first call). */
  vibration = -1;
  heater = -1;
  led = -1;
  readonly panics: number[] = [];
  /** Harness time of the latest export call. */
  now = 0;
  readonly fw: Exports;
  readonly exportNames: string[];

  constructor(path = FIRMWARE_WASM) {
    const module = firmwareModule(path);
    const record = (fn: HalFn, args: number[]) => this.calls.push({ fn, args, at: this.now });
    const hal = {
      set_vibration: (d: number) => { record("set_vibration", [d]); this.vibration = d; },
      set_heater: (d: number) => { record("set_heater", [d]); this.heater = d; },
      set_led: (p: number) => { record("set_led", [p]); this.led = p; },
      emit: (kind: number, now: number, a: number, b: number) => {
        record("emit", [kind, now >>> 0, a, b]);
        this.events.push({ kind, now: now >>> 0, a, b });
      },
      panic: (code: number) => {
        record("panic", [code]);
        this.panics.push(code);
        this.vibration = 0;
        this.heater = 0;
      },
    };
    // A debug build routes AssemblyScript's abort to env.abort: a broken invariant, as hal.panic.
    const env = { abort: () => { hal.panic(1); } };
    const imports: WebAssembly.Imports = { hal };
    if (WebAssembly.Module.imports(module).some((i) => i.module === "env")) imports.env = env;
    const instance = new WebAssembly.Instance(module, imports);
    this.fw = instance.exports as unknown as Exports;
    this.exportNames = WebAssembly.Module.exports(module).map((e) => e.name);
    const mutant = process.env.CALMFOOT_MUTANT;
    if (mutant !== undefined && mutant !== "" && this.fw.__mutant_set) this.fw.__mutant_set(Number(mutant));
  }

  /**
   * Calls come in clock order (HAL ABI v1); a test that means to step the clock back says so here,
   * so that no test steps it back by mistake (a clock fault would end sessions behind its back).
   */
  clockMayStepBack = false;

  private call<T>(t: number, f: () => T): T {
    if (t < this.now && !this.clockMayStepBack) throw new Error(`call at ${t} after one at ${this.now}: the clock steps back`);
    this.now = t;
    try {
      return f();
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) throw new FirmwareTrap(`firmware trapped at ${t}: ${e.message}`);
      throw e;
    }
  }

  init(t: number): this {
    this.now = Math.min(this.now, t);
    this.call(t, () => this.fw.fw_init(u32(t) | 0));
    return this;
  }
  accel(t: number, x: number, y: number, z: number): void { this.call(t, () => this.fw.fw_accel(u32(t) | 0, x | 0, y | 0, z | 0)); }
  /** Raw fw_accel_batch: `count` as given, whatever the FIFO holds. */
  batchCount(t: number, count: number): void { this.call(t, () => this.fw.fw_accel_batch(u32(t) | 0, count | 0)); }
  /** Fills the FIFO area with [x, y, z] samples (i16), then fw_accel_batch(t, count), all of them by default. */
  batch(t: number, samples: readonly (readonly [number, number, number])[], count = samples.length): void {
    const fifo = new Int16Array(this.fw.memory.buffer, this.fw.fw_accel_buffer(), this.capacity() * 3);
    samples.forEach(([x, y, z], i) => { fifo[3 * i] = x; fifo[3 * i + 1] = y; fifo[3 * i + 2] = z; });
    this.batchCount(t, count);
  }
  capacity(): number { return this.fw.fw_accel_capacity(); }
  fifoAddress(): number { return this.fw.fw_accel_buffer(); }
  memory(): Uint8Array { return new Uint8Array(this.fw.memory.buffer); }
  button(t: number, pressed: number): void { this.call(t, () => this.fw.fw_button(u32(t) | 0, pressed | 0)); }
  temperature(t: number, cdeg: number): void { this.call(t, () => this.fw.fw_temperature(u32(t) | 0, cdeg | 0)); }
  tick(t: number): void { this.call(t, () => this.fw.fw_tick(u32(t) | 0)); }
  set(key: number, value: number): number { return this.call(this.now, () => this.fw.fw_config_set(key | 0, value | 0)); }
  get(key: number): number { return this.call(this.now, () => this.fw.fw_config_get(key | 0)); }
  status(key: number): number { return this.call(this.now, () => this.fw.fw_status(key | 0)); }
  /** Debug-build seam: the therapy program never ends a session by itself. */
  programNeverEnds(): void {
    if (!this.fw.fw_debug_program_never_ends) throw new Error("this build has no fw_debug_program_never_ends (a release build?)");
    this.fw.fw_debug_program_never_ends();
  }

  of(kind: number): DeviceEvent[] { return this.events.filter((e) => e.kind === kind); }
  last(kind: number): DeviceEvent | undefined { const all = this.of(kind); return all[all.length - 1]; }
  /** The values given to one hal.* setter, in order. */
  values(fn: HalFn): number[] { return this.calls.filter((c) => c.fn === fn).map((c) => c.args[0]); }
}

/** A device at power-on at `t`, with `config` given as a board gives its stored config (checked). */
export function powerOn(t: number, config: Record<number, number> = {}, path?: string): Device {
  const dev = new Device(path).init(t);
  for (const [key, value] of Object.entries(config)) {
    const r = dev.set(Number(key), value);
    if (r !== CONFIG_OK) throw new Error(`config ${key}=${value} refused (${r})`);
  }
  return dev;
}

// ─── Signals ───────────────────────────────────────────────────────────────────

/** The foot at rest: gravity along z, 1 g; one LSB of sensor noise alternating on x (a live sensor). */
export const REST_MG: readonly [number, number, number] = [0, 0, 1000];
/** A leg movement: gravity's direction circles on a cone 30° off rest, at 2 Hz (the foot keeps moving). */
const MOVE_TILT_RAD = Math.PI / 6;
const MOVE_HZ = 2;

/**
 * One leg with its accelerometer at `hz`, and the board's tick every 100 ms. Time advances in
 * segments; a segment of `ms` covers (t, t + ms]: samples every sample period from t, the last
 * one exactly at t + ms (the gap before it absorbs what is not a whole period: a real sensor's
 * clock jitters by a millisecond). So a movement segment of D ms after quiet ones is a burst
 * whose samples lie in (T, T + D], the last quiet sample at T and the first quiet one after it at
 * T + D + one period: its onset lies at T and its offset at T + D, to the millisecond, whatever D.
 */
export class Leg {
  /** Time of the last sample (or of power-on). */
  t: number;
  readonly period_ms: number;
  private nextTick: number;
  private n = 0;
  private moveStart = 0;
  /** Called before each sample with its time (to interleave other calls at their own times). */
  beforeSample?: (t: number) => void;
  /** Where gravity lies while the foot rests, mg (a turn leaves it elsewhere). */
  rest: readonly [number, number, number] = REST_MG;
  /** Samples per fw_accel_batch (the FIFO), or 0: one fw_accel per sample. Batches need whole periods. */
  batchSize = 0;
  private pending: [number, number, number][] = [];

  constructor(readonly dev: Device, start: number, hz = 50, readonly tick_ms = 100) {
    this.t = start;
    this.period_ms = 1000 / hz;
    this.nextTick = start + tick_ms;
  }

  /** Ticks due strictly before `t`. */
  ticksBefore(t: number): void {
    while (this.nextTick < t) {
      this.dev.tick(this.nextTick);
      this.nextTick += this.tick_ms;
    }
  }

  private sample(t: number, moving: boolean): void {
    this.ticksBefore(t);
    this.beforeSample?.(t);
    const noise = this.n++ & 1;
    if (!moving) {
      this.emit(t, this.rest[0] + noise, this.rest[1], this.rest[2]);
    } else {
      const phase = 2 * Math.PI * MOVE_HZ * (t - this.moveStart) / 1000;
      const r = 1000 * Math.sin(MOVE_TILT_RAD);
      this.emit(t, Math.round(r * Math.cos(phase)) + noise, Math.round(r * Math.sin(phase)),
        Math.round(1000 * Math.cos(MOVE_TILT_RAD)));
    }
    this.t = t;
  }

  private emit(t: number, x: number, y: number, z: number): void {
    if (this.batchSize === 0) {
      this.dev.accel(t, x, y, z);
      return;
    }
    if (this.pending.length > 0 && t - this.t !== this.period_ms) throw new Error(`a batch needs whole periods (${t - this.t} ms)`);
    this.pending.push([x, y, z]);
    if (this.pending.length === this.batchSize) this.flush(t);
  }

  /** Hands over what the FIFO holds (batch mode); the last sample was taken at `t`. */
  flush(t = this.t): this {
    if (this.pending.length > 0) this.dev.batch(t, this.pending);
    this.pending = [];
    return this;
  }

  private segment(ms: number, moving: boolean): this {
    if (!(ms > 0)) throw new Error(`segment of ${ms} ms`);
    const start = this.t;
    if (moving) this.moveStart = start;
    const n = Math.max(1, Math.round(ms / this.period_ms));
    for (let i = 1; i < n; i++) this.sample(start + i * this.period_ms, moving);
    this.sample(start + ms, moving);
    return this;
  }

  /** The foot at rest for `ms`. */
  quiet(ms: number): this { return this.segment(ms, false); }
  /** The foot moving for `ms` (onset at the current time, offset `ms` later). */
  move(ms: number): this { return this.segment(ms, true); }
  /** No samples at all for `ms` (a silent sensor); the ticks go on. */
  silent(ms: number): this {
    this.ticksBefore(this.t + ms + 1);
    this.t += ms;
    return this;
  }
  /** Leg movements of `lm_ms` whose onsets lie `intervals_ms` apart (the first one now); quiet after the last. */
  lms(intervals_ms: readonly number[], lm_ms = 1000): number[] {
    const onsets = [this.t];
    this.move(lm_ms);
    for (const interval of intervals_ms) {
      this.quiet(interval - lm_ms);
      onsets.push(this.t);
      this.move(lm_ms);
    }
    this.quiet(2000);
    return onsets;
  }
  /** Quiet until time `t` (absolute), if it is ahead. */
  quietUntil(t: number): this { return t > this.t ? this.quiet(t - this.t) : this; }
}
