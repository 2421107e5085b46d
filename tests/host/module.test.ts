// The shape of build/firmware.wasm against HAL ABI v1 (docs/hal-abi.md, "The module"): only
// `hal` imports with their signatures, every fw_* export with its signature, one exported page of
// memory that cannot grow, nothing done at instantiation, MVP features only.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { DEBUG_WASM, RELEASE_WASM } from "../../host/firmwareFile.js";
import { type FuncType, signature, wasmInfo } from "../../host/wasmInfo.js";

// One read: the firmware may be rebuilt while the tests run.
const bytes = readFileSync(RELEASE_WASM);
const info = wasmInfo(bytes);
const module = new WebAssembly.Module(bytes);

const i32 = "i32" as const;
const fn = (params: number, results: number): FuncType => ({
  params: Array<typeof i32>(params).fill(i32),
  results: Array<typeof i32>(results).fill(i32),
});

/** The imports of HAL ABI v1; the firmware may leave some out (e.g. panic when nothing can trap). */
const HAL_IMPORTS: Record<string, FuncType> = {
  set_vibration: fn(1, 0),
  set_heater: fn(1, 0),
  set_led: fn(1, 0),
  emit: fn(4, 0),
  panic: fn(1, 0),
};

/** The exports of HAL ABI v1; every one must be there. */
const FW_EXPORTS: Record<string, FuncType> = {
  fw_init: fn(1, 0),
  fw_accel: fn(4, 0),
  fw_accel_buffer: fn(0, 1),
  fw_accel_batch: fn(2, 0),
  fw_accel_capacity: fn(0, 1),
  fw_button: fn(2, 0),
  fw_temperature: fn(2, 0),
  fw_tick: fn(1, 0),
  fw_config_set: fn(2, 1),
  fw_config_get: fn(1, 1),
  fw_status: fn(1, 1),
};

/** Instantiates with a HAL that records every call. */
function instantiate() {
  const calls: string[] = [];
  const hal = Object.fromEntries(Object.keys(HAL_IMPORTS).map((name) => [name, (...args: number[]) => {
    calls.push(`${name}(${args.join(",")})`);
    if (name === "panic") throw new Error("panic");
  }]));
  const instance = new WebAssembly.Instance(module, { hal });
  return { calls, exports: instance.exports as Record<string, unknown> & { memory: WebAssembly.Memory } };
}

describe("firmware module shape (HAL ABI v1)", () => {
  test("passes wasm-validate with SIMD and reference types disabled (MVP + AssemblyScript defaults)", (t) => {
    const r = spawnSync("wasm-validate", ["--disable-simd", "--disable-reference-types", RELEASE_WASM], { encoding: "utf8" });
    if (r.error) {
      t.skip("wasm-validate is not installed (apt-get install wabt)");
      return;
    }
    assert.equal(r.status, 0, r.stderr);
  });

  test("imports only functions of module \"hal\", each with its ABI signature", () => {
    for (const imp of WebAssembly.Module.imports(module)) assert.equal(imp.module, "hal", `import ${imp.module}.${imp.name}`);
    assert.ok(info.imports.length > 0);
    for (const imp of info.imports) {
      assert.equal(imp.module, "hal", `import ${imp.module}.${imp.name}`);
      assert.equal(imp.kind, "func", `hal.${imp.name} is a ${imp.kind}`);
      const expected = HAL_IMPORTS[imp.name];
      assert.ok(expected, `hal.${imp.name} is not in HAL ABI v1`);
      assert.equal(signature(imp.type), signature(expected), `hal.${imp.name}`);
    }
    assert.ok(info.imports.some((i) => i.name === "emit"), "the firmware must be able to log");
  });

  test("exports every fw_* of the ABI with its signature and arity", () => {
    const { exports } = instantiate();
    for (const [name, type] of Object.entries(FW_EXPORTS)) {
      const exp = info.exports.find((e) => e.name === name);
      assert.ok(exp, `export ${name} is missing`);
      assert.equal(exp.kind, "func");
      assert.equal(signature(exp.type), signature(type), name);
      assert.equal((exports[name] as (...a: number[]) => unknown).length, type.params.length, `${name} arity`);
    }
  });

  test("the debug build's seams (assembly/debug.ts) are in the debug build only", () => {
    const names = (file: string) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);
    assert.ok(names(DEBUG_WASM).includes("fw_debug_program_never_ends"));
    const release = names(RELEASE_WASM);
    assert.deepEqual(release.filter((n) => n.startsWith("fw_debug")), []);
    assert.ok(release.includes("fw_tick"));
  });

  test("exports its memory as \"memory\": 1 page initial, 1 page maximum, not imported", () => {
    assert.equal(info.memories.length, 1);
    assert.deepEqual(info.memories[0], { initial: 1, maximum: 1, imported: false });
    const exp = info.exports.find((e) => e.name === "memory");
    assert.ok(exp && exp.kind === "memory" && exp.index === 0, "memory export");
    assert.equal(instantiate().exports.memory.buffer.byteLength, 65536);
  });

  test("the memory cannot grow, and a day of calls leaves it at one page", () => {
    const { exports } = instantiate();
    assert.throws(() => exports.memory.grow(1), RangeError);
    const fw = exports as unknown as Record<string, (...a: number[]) => number>;
    fw.fw_init(0);
    for (let t = 0; t < 60_000; t += 20) {
      fw.fw_accel(t, 100, -300, 990 + (t % 7));
      if (t % 100 === 0) fw.fw_tick(t);
    }
    assert.equal(exports.memory.buffer.byteLength, 65536);
  });

  test("instantiation lays out static state only: no HAL call, the same bytes every time", (t) => {
    // HAL ABI: no start-function side effects beyond zeroing static state. A module-level
    // `new StaticArray` would be bump-allocated by a start function, writing memory before fw_init;
    // static state lives in data segments and memory.data areas instead, so instantiation writes
    // nothing outside the data segments.
    const first = instantiate();
    const second = instantiate();
    assert.deepEqual(first.calls, [], "HAL calls during instantiation");
    const a = new Uint8Array(first.exports.memory.buffer);
    const b = new Uint8Array(second.exports.memory.buffer);
    assert.equal(Buffer.compare(a, b), 0, "two instances start with different memory");
    const inSegment = (x: number) => info.dataSegments.some((s) => x >= s.offset && x < s.offset + s.size);
    let strays = 0;
    let last = -1;
    for (let x = 0; x < a.length; x++) if (a[x] !== 0 && !inSegment(x)) { strays++; last = x; }
    t.diagnostic(`start function: ${info.startFunction === null ? "none" : `function ${info.startFunction}`}; ` +
      `${strays} bytes written outside the data segments at instantiation (last at ${last})`);
    assert.equal(strays, 0, `the start function (${info.startFunction}) wrote ${strays} bytes outside the data ` +
      `segments (last at ${last})`);
  });

  test("the FIFO area holds at least 32 samples, inside memory, clear of the static data", () => {
    const { exports } = instantiate();
    const fw = exports as unknown as Record<string, () => number>;
    const capacity = fw.fw_accel_capacity();
    const area = fw.fw_accel_buffer();
    assert.ok(capacity >= 32, `capacity ${capacity}`);
    assert.ok(area >= 0 && area + capacity * 6 <= 65536, `area ${area}..${area + capacity * 6}`);
    for (const s of info.dataSegments) {
      assert.ok(area + capacity * 6 <= s.offset || area >= s.offset + s.size, `FIFO overlaps data at ${s.offset}`);
    }
  });
});
