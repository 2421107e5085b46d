// calmfoot firmware: the exports of HAL ABI v1 (docs/hal-abi.md). Each is a thin door into
// device.ts; `now` arrives as i32 bits of the board's u32 millisecond clock.

import { configGet } from "./config";
import { ACCEL_CAPACITY, ACCEL_FIFO, deviceAccel, deviceAccelBatch, deviceButton, deviceConfigSet,
  deviceInit, deviceStatus, deviceTemperature, deviceTick } from "./device";

/** Power-on reset: defaults, actuators off. */
export function fw_init(now: i32): void {
  deviceInit(<u32>now);
}

/** One accelerometer sample taken at `now`, mg per axis. */
export function fw_accel(now: i32, x_mg: i32, y_mg: i32, z_mg: i32): void {
  deviceAccel(<u32>now, x_mg, y_mg, z_mg);
}

/** Address of the FIFO area: i16 x, y, z interleaved. */
export function fw_accel_buffer(): i32 {
  return <i32>ACCEL_FIFO;
}

/** `count` samples from the FIFO area; the last was taken at `now`, the others a sample period apart before it. */
export function fw_accel_batch(now: i32, count: i32): void {
  deviceAccelBatch(<u32>now, count);
}

/** Samples the FIFO area holds. */
export function fw_accel_capacity(): i32 {
  return ACCEL_CAPACITY;
}

/** Raw level of the bedside button (1 down, 0 up); debouncing is done here. */
export function fw_button(now: i32, pressed: i32): void {
  deviceButton(<u32>now, pressed);
}

/** Heating-pad thermistor reading, centi-°C. */
export function fw_temperature(now: i32, centi_c: i32): void {
  deviceTemperature(<u32>now, centi_c);
}

/** Time passing; called at least every 100 ms. */
export function fw_tick(now: i32): void {
  deviceTick(<u32>now);
}

/** 0 ok, -1 unknown key, -2 value out of range; on error nothing changes. */
export function fw_config_set(key: i32, value: i32): i32 {
  return deviceConfigSet(key, value);
}

/** Current value of `key`; i32 min for an unknown key. */
export function fw_config_get(key: i32): i32 {
  return configGet(key);
}

/** Read-only figures (STATUS_* keys); 0 for an unknown key. */
export function fw_status(key: i32): i32 {
  return deviceStatus(key);
}

/**
 * HAL ABI v1 extension (no meaning changed): where the module's static data ends, as two exported
 * immutable i32 globals. Everything the firmware keeps lies below __heap_base (it never
 * allocates, has no shadow stack and never grows its memory), so a board may give it just those
 * bytes: WAMR's loader shrinks the memory to __heap_base when both are exported (its low-RAM
 * mode), and calmfoot's low-RAM wasm2c board reads the same figure when it is built.
 */
export { __heap_base, __data_end };

// WAMR shrinks only when __heap_base is at least __data_end rounded up to 16 bytes, and this build
// puts both at the end of static data: the last static block, 16 bytes on a 16-byte boundary, ends
// static data on such a boundary. It must stay the last top-level statement (AssemblyScript lays
// out static data in the order it compiles it); tests/host/boards.test.ts checks the figures.
memory.data(16, 16);
