// The desktop board: implements the HAL for one firmware instance, keeps the device event log and
// the actuator states, and does what a real board does when the firmware traps: both actuators
// off at once, a fresh firmware instance, the restart recorded. Platform-neutral: it is given the
// compiled firmware (host/firmwareFile.ts in Node).

import { CONFIG, CONFIG_GET_UNKNOWN, EVENT, GESTURE } from "../abi.js";
import { type DeviceEvent } from "../eventLog.js";
import { Firmware, type Hal } from "./firmware.js";

/** What configSet answers when the firmware trapped inside it: nothing was changed. */
const CONFIG_REFUSED = -2;

export interface BoardOptions {
  /** Called for every event as it is emitted (after it is appended to the log). */
  onEvent?: (e: DeviceEvent) => void;
}

/** A trap of the firmware, as the board saw it. */
export interface Restart {
  now_ms: number;
  /** The code passed to hal.panic before the trap, or null if it trapped without one. */
  panic_code: number | null;
  message: string;
}

export class Board implements Hal {
  readonly events: DeviceEvent[] = [];
  readonly restarts: Restart[] = [];
  vibration_permille = 0;
  heater_permille = 0;
  led = 0;
  /** Set-calls the firmware made, to check it only calls on change. */
  actuatorCalls = 0;
  private fw!: Firmware;
  private pendingPanic: number | null = null;
  /** Config the board keeps (like its flash) and gives back to a restarted firmware. */
  private readonly config = new Map<number, number>();
  /** The last `now` given to the firmware, for calls that carry none (config, status). */
  private now_ms = 0;
  private gestureChangedConfig = false;
  private readonly onEvent?: (e: DeviceEvent) => void;

  /** `module`: the compiled firmware; every restart instantiates it afresh. */
  constructor(private readonly module: WebAssembly.Module, options: BoardOptions = {}) {
    this.onEvent = options.onEvent;
    this.fw = new Firmware(module, this);
  }

  // ─── HAL (what the firmware asks of the board) ───────────────────────────────
  setVibration(duty: number): void { this.vibration_permille = duty; this.actuatorCalls++; }
  setHeater(duty: number): void { this.heater_permille = duty; this.actuatorCalls++; }
  setLed(pattern: number): void { this.led = pattern; }
  emit(kind: number, now_ms: number, a: number, b: number): void {
    const e = { now_ms, kind, a, b };
    // A long or double press changes intensity or heat inside the firmware: remember it too.
    if (kind === EVENT.BUTTON && a !== GESTURE.SHORT) this.gestureChangedConfig = true;
    this.events.push(e);
    this.onEvent?.(e);
  }
  panic(code: number): void {
    this.pendingPanic = code;
    this.safeState();
  }

  // ─── Calls into the firmware, each guarded against a trap ────────────────────
  init(now_ms: number): void { this.guard(now_ms, () => this.fw.init(now_ms)); this.restoreConfig(now_ms); }
  accel(now_ms: number, x: number, y: number, z: number): void { this.guard(now_ms, () => this.fw.accel(now_ms, x, y, z)); }
  accelBatch(now_ms: number, xyz: ArrayLike<number>, count?: number): void {
    this.guard(now_ms, () => this.fw.accelBatch(now_ms, xyz, count));
  }
  button(now_ms: number, pressed: number): void { this.guard(now_ms, () => this.fw.button(now_ms, pressed)); }
  temperature(now_ms: number, cdeg: number): void { this.guard(now_ms, () => this.fw.temperature(now_ms, cdeg)); }
  tick(now_ms: number): void { this.guard(now_ms, () => this.fw.tick(now_ms)); }
  /** Sets a config value; the board remembers it across firmware restarts when accepted. */
  configSet(key: number, value: number): number {
    let result = CONFIG_REFUSED;
    this.guard(this.now_ms, () => { result = this.fw.configSet(key, value); });
    if (result === 0) this.config.set(key, value);
    return result;
  }
  configGet(key: number): number {
    let value = CONFIG_GET_UNKNOWN;
    this.guard(this.now_ms, () => { value = this.fw.configGet(key); });
    return value;
  }
  status(key: number): number {
    let value = 0;
    this.guard(this.now_ms, () => { value = this.fw.status(key); });
    return value;
  }
  get capacity(): number { return this.fw.capacity; }
  get firmware(): Firmware { return this.fw; }

  private safeState(): void {
    this.vibration_permille = 0;
    this.heater_permille = 0;
  }

  private restoreConfig(now_ms: number): void {
    for (const [key, value] of this.config) this.guard(now_ms, () => this.fw.configSet(key, value));
  }

  private guard(now_ms: number, call: () => void): void {
    this.now_ms = now_ms;
    try {
      call();
      if (this.gestureChangedConfig) {
        this.gestureChangedConfig = false;
        for (const key of [CONFIG.INTENSITY, CONFIG.HEAT_ENABLED]) this.config.set(key, this.fw.configGet(key));
      }
    } catch (err) {
      if (!(err instanceof WebAssembly.RuntimeError)) throw err;
      // The firmware is gone: actuators off first, then a fresh instance from power-on.
      this.safeState();
      this.restarts.push({ now_ms: now_ms >>> 0, panic_code: this.pendingPanic, message: err.message });
      this.pendingPanic = null;
      this.fw = new Firmware(this.module, this);
      this.fw.init(now_ms);
      for (const [key, value] of this.config) this.fw.configSet(key, value);
    }
  }
}

