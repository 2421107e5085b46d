// One firmware instance with a typed face, through @assemblyscript/loader. The board supplies the
// HAL; this file only translates between numbers and calls. Platform-neutral: it is given the
// compiled module (in Node, host/firmwareFile.ts reads build/firmware.wasm; in a browser,
// WebAssembly.compileStreaming), so the same code runs in both. Instantiating a compiled module
// is synchronous, which the board needs to restart the firmware inside a trapped call.

import { instantiateSync } from "@assemblyscript/loader";

/** What the firmware asks of the board (module "hal" of HAL ABI v1). */
export interface Hal {
  setVibration(duty_permille: number): void;
  setHeater(duty_permille: number): void;
  setLed(pattern: number): void;
  /** `now_ms` arrives as u32. */
  emit(kind: number, now_ms: number, a: number, b: number): void;
  panic(code: number): void;
}

interface FirmwareExports {
  memory: WebAssembly.Memory;
  fw_init(now: number): void;
  fw_accel(now: number, x: number, y: number, z: number): void;
  fw_accel_buffer(): number;
  fw_accel_batch(now: number, count: number): void;
  fw_accel_capacity(): number;
  fw_button(now: number, pressed: number): void;
  fw_temperature(now: number, centi_c: number): void;
  fw_tick(now: number): void;
  fw_config_set(key: number, value: number): number;
  fw_config_get(key: number): number;
  fw_status(key: number): number;
}

/** One running firmware instance. Times are u32 ms; they cross the ABI as i32 bits. */
export class Firmware {
  private readonly fw: FirmwareExports;
  private fifo: Int16Array;
  readonly capacity: number;

  constructor(module: WebAssembly.Module, hal: Hal) {
    const imports = {
      hal: {
        set_vibration: (d: number) => hal.setVibration(d),
        set_heater: (d: number) => hal.setHeater(d),
        set_led: (p: number) => hal.setLed(p),
        emit: (kind: number, now: number, a: number, b: number) => hal.emit(kind, now >>> 0, a, b),
        panic: (code: number) => hal.panic(code),
      },
    };
    const instance = instantiateSync(module, imports);
    this.fw = instance.exports as unknown as FirmwareExports;
    this.capacity = this.fw.fw_accel_capacity();
    this.fifo = new Int16Array(this.fw.memory.buffer, this.fw.fw_accel_buffer(), this.capacity * 3);
  }

  init(now_ms: number): void { this.fw.fw_init(now_ms | 0); }
  accel(now_ms: number, x_mg: number, y_mg: number, z_mg: number): void {
    this.fw.fw_accel(now_ms | 0, x_mg | 0, y_mg | 0, z_mg | 0);
  }
  /**
   * Samples as [x, y, z] triples (mg) into the FIFO, then one fw_accel_batch; the last sample was
   * taken at `now_ms`. Values are saturated to i16 as a 16-bit sensor register would be.
   */
  accelBatch(now_ms: number, xyz_mg: ArrayLike<number>, count = xyz_mg.length / 3): void {
    if (this.fifo.buffer !== this.fw.memory.buffer) {
      this.fifo = new Int16Array(this.fw.memory.buffer, this.fw.fw_accel_buffer(), this.capacity * 3);
    }
    const n = Math.min(count, this.capacity) * 3;
    for (let i = 0; i < n; i++) this.fifo[i] = Math.max(-32768, Math.min(32767, xyz_mg[i]));
    this.fw.fw_accel_batch(now_ms | 0, count | 0);
  }
  button(now_ms: number, pressed: number): void { this.fw.fw_button(now_ms | 0, pressed | 0); }
  temperature(now_ms: number, centi_c: number): void { this.fw.fw_temperature(now_ms | 0, centi_c | 0); }
  tick(now_ms: number): void { this.fw.fw_tick(now_ms | 0); }
  configSet(key: number, value: number): number { return this.fw.fw_config_set(key | 0, value | 0); }
  configGet(key: number): number { return this.fw.fw_config_get(key | 0); }
  status(key: number): number { return this.fw.fw_status(key | 0); }
  /** Bytes of linear memory (must stay 64 KiB). */
  memoryBytes(): number { return this.fw.memory.buffer.byteLength; }
}
