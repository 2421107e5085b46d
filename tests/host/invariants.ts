// The protective invariants of the firmware, checked from the outside after every call: a Board
// that watches what the firmware asks of it. Property tests, fault-injection nights and the soak
// all judge the firmware by the same list.

import { STATE, STATUS, THERMISTOR_RANGE_CDEG, EVENT } from "../../host/abi.js";
import { Board, type BoardOptions } from "../../host/board/board.js";

export const MEMORY_BYTES = 65536;
export const OVER_TEMPERATURE_CDEG = 4300;
/** Slack allowed over a session's planned length before it counts as overrun, ms. */
export const SESSION_SLACK_MS = 1000;

/** A board that records every breach of the invariants instead of trusting the firmware. */
export class WatchedBoard extends Board {
  /** Breaches seen so far, in words (empty while all is well). */
  readonly violations: string[] = [];
  /** The last reading in the plausible range given since fw_init, cdeg; null if none. */
  lastValidCdeg: number | null = null;
  /** Number of invariant checks done. */
  checks = 0;
  private initing = false;
  private session: { start_ms: number; planned_ms: number } | null = null;

  constructor(module: WebAssembly.Module, options: BoardOptions = {}) {
    super(module, options);
  }

  private breach(what: string): void {
    if (this.violations.length < 50) this.violations.push(what);
  }

  override setVibration(duty: number): void {
    if (!this.initing && duty === this.vibration_permille) this.breach(`set_vibration(${duty}) repeated`);
    super.setVibration(duty);
  }

  override setHeater(duty: number): void {
    if (!this.initing && duty === this.heater_permille) this.breach(`set_heater(${duty}) repeated`);
    super.setHeater(duty);
  }

  override emit(kind: number, now_ms: number, a: number, b: number): void {
    if (kind === EVENT.SESSION_START) this.session = { start_ms: now_ms >>> 0, planned_ms: b * 1000 };
    if (kind === EVENT.SESSION_END) this.session = null;
    super.emit(kind, now_ms, a, b);
  }

  override init(now_ms: number): void {
    this.initing = true;
    try {
      super.init(now_ms);
    } finally {
      this.initing = false;
    }
    this.lastValidCdeg = null;
    this.session = null;
    this.check(now_ms, "fw_init");
  }

  override accel(now_ms: number, x: number, y: number, z: number): void {
    super.accel(now_ms, x, y, z);
    this.check(now_ms, "fw_accel");
  }

  override accelBatch(now_ms: number, xyz: ArrayLike<number>, count?: number): void {
    super.accelBatch(now_ms, xyz, count);
    this.check(now_ms, "fw_accel_batch");
  }

  override button(now_ms: number, pressed: number): void {
    super.button(now_ms, pressed);
    this.check(now_ms, "fw_button");
  }

  override temperature(now_ms: number, cdeg: number): void {
    const c = cdeg | 0;
    if (c >= THERMISTOR_RANGE_CDEG[0] && c <= THERMISTOR_RANGE_CDEG[1]) this.lastValidCdeg = c;
    super.temperature(now_ms, cdeg);
    this.check(now_ms, `fw_temperature(${c})`);
  }

  override tick(now_ms: number): void {
    super.tick(now_ms);
    this.check(now_ms, "fw_tick");
  }

  override configSet(key: number, value: number): number {
    const r = super.configSet(key, value);
    this.check(null, `fw_config_set(${key}, ${value})`);
    return r;
  }

  /** Checks every invariant now; `now_ms` null when the call carried no time. */
  check(now_ms: number | null, after: string): void {
    this.checks++;
    const at = `after ${after}${now_ms === null ? "" : ` at ${now_ms >>> 0}`}`;
    const vib = this.vibration_permille;
    const heat = this.heater_permille;
    if (this.restarts.length > 0) this.breach(`${at}: the firmware trapped (${this.restarts[0].message})`);
    if (this.firmware.memoryBytes() !== MEMORY_BYTES) this.breach(`${at}: memory is ${this.firmware.memoryBytes()} bytes`);
    for (const [name, d] of [["vibration", vib], ["heater", heat]] as const) {
      if (!Number.isInteger(d) || d < 0 || d > 1000) this.breach(`${at}: ${name} duty ${d}`);
    }
    if (this.status(STATUS.VIBRATION) !== vib) this.breach(`${at}: STATUS_VIBRATION ${this.status(STATUS.VIBRATION)} ≠ ${vib}`);
    if (this.status(STATUS.HEATER) !== heat) this.breach(`${at}: STATUS_HEATER ${this.status(STATUS.HEATER)} ≠ ${heat}`);
    const state = this.status(STATUS.STATE);
    if ((state === STATE.IDLE || state === STATE.FAULT_LOCKOUT) && (vib !== 0 || heat !== 0)) {
      this.breach(`${at}: state ${state} with vibration ${vib}, heater ${heat}`);
    }
    const faults = this.status(STATUS.FAULTS);
    if ((faults & ((1 << 3) | (1 << 4))) !== 0 && heat !== 0) this.breach(`${at}: faults ${faults} with heater ${heat}`);
    if (this.lastValidCdeg !== null && this.lastValidCdeg >= OVER_TEMPERATURE_CDEG && heat !== 0) {
      this.breach(`${at}: last reading ${this.lastValidCdeg} cdeg with heater ${heat}`);
    }
    if (now_ms !== null && this.session && (vib !== 0 || heat !== 0)) {
      const elapsed = ((now_ms >>> 0) - this.session.start_ms) >>> 0;
      if (elapsed > this.session.planned_ms + SESSION_SLACK_MS && elapsed < 0x80000000) {
        this.breach(`${at}: actuators on ${elapsed} ms into a session planned for ${this.session.planned_ms} ms`);
      }
    }
    if (!this.session && (vib !== 0 || heat !== 0)) this.breach(`${at}: actuators on outside a session`);
  }
}
