// Whether a WebAssembly binary is a calmfoot firmware this board can run: a valid module whose
// imports are all HAL ABI v1's (module "hal", with their signatures), which exports every fw_*
// function of the ABI with its signature and its memory, and which, once started, reports the
// ABI version this board speaks. Platform-neutral (bytes in, a compiled module or a reason out),
// so a web page can check a build a person drops on it the way `--firmware` does.

import { ABI_VERSION, STATUS } from "./abi.js";
import { Board } from "./board/board.js";
import { type FuncType, signature, wasmInfo } from "./wasmInfo.js";

const fn = (params: number, results: number): FuncType => ({
  params: Array(params).fill("i32"),
  results: Array(results).fill("i32"),
});

/** The imports HAL ABI v1 offers (module "hal"); a firmware may leave some out. */
export const HAL_IMPORTS: Readonly<Record<string, FuncType>> = {
  set_vibration: fn(1, 0), set_heater: fn(1, 0), set_led: fn(1, 0), emit: fn(4, 0), panic: fn(1, 0),
};

/** The exports HAL ABI v1 requires, every one. */
export const FW_EXPORTS: Readonly<Record<string, FuncType>> = {
  fw_init: fn(1, 0), fw_accel: fn(4, 0), fw_accel_buffer: fn(0, 1), fw_accel_batch: fn(2, 0), fw_accel_capacity: fn(0, 1),
  fw_button: fn(2, 0), fw_temperature: fn(2, 0), fw_tick: fn(1, 0), fw_config_set: fn(2, 1), fw_config_get: fn(1, 1),
  fw_status: fn(1, 1),
};

export type FirmwareCheck = { ok: true; module: WebAssembly.Module } | { ok: false; reason: string };

/** Checks `bytes`; the reason, when it is refused, is one line fit to follow "not a calmfoot firmware: ". */
export function checkFirmware(bytes: Uint8Array<ArrayBuffer>): FirmwareCheck {
  const refuse = (reason: string): FirmwareCheck => ({ ok: false, reason });
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) return refuse("not a WebAssembly module (it does not begin with \\0asm)");
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) return refuse("not a WebAssembly module of version 1");
  let module: WebAssembly.Module;
  let info: ReturnType<typeof wasmInfo>;
  try {
    module = new WebAssembly.Module(bytes);
    info = wasmInfo(bytes);
  } catch (err) {
    return refuse(`not a valid WebAssembly module (${(err as Error).message.split("\n")[0]})`);
  }
  for (const imp of info.imports) {
    const expected = imp.module === "hal" && imp.kind === "func" ? HAL_IMPORTS[imp.name] : undefined;
    if (!expected) {
      return refuse(`it imports ${imp.module}.${imp.name} (${imp.kind}), which HAL ABI v1 does not offer (only hal.${Object.keys(HAL_IMPORTS).join(", hal.")})`);
    }
    if (signature(imp.type) !== signature(expected)) {
      return refuse(`it imports hal.${imp.name} as ${signature(imp.type)}; HAL ABI v1 gives ${signature(expected)}`);
    }
  }
  for (const [name, expected] of Object.entries(FW_EXPORTS)) {
    const exp = info.exports.find((e) => e.name === name);
    if (!exp || exp.kind !== "func") return refuse(`it lacks the export ${name} of HAL ABI v1`);
    if (signature(exp.type) !== signature(expected)) return refuse(`it exports ${name} as ${signature(exp.type)}; HAL ABI v1 says ${signature(expected)}`);
  }
  if (!info.exports.some((e) => e.name === "memory" && e.kind === "memory")) return refuse("it does not export its memory");
  let version: number;
  try {
    const board = new Board(module);
    board.init(0);
    version = board.status(STATUS.ABI_VERSION);
  } catch (err) {
    return refuse(`it cannot be started (${(err as Error).message.split("\n")[0]})`);
  }
  if (version !== ABI_VERSION) return refuse(`it speaks HAL ABI version ${version}; this board speaks version ${ABI_VERSION}`);
  return { ok: true, module };
}
