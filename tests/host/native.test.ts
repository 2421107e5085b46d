// The native C board (host/native: wasm2c + calmfoot's static runtime) and the Node board must write
// the same event log for the same recording, byte for byte. Whatever the firmware currently does:
// both boards run the same snapshot of build/firmware.wasm (build/native/firmware.wasm), and
// nothing here knows what the log should say, only that the two agree.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { CONFIG } from "../../host/abi.js";
import { InputError } from "../../host/inputError.js";
import { parseLogLine } from "../../host/eventLog.js";
import { buildNative, haveWasm2c, nativeLog, nodeLog } from "../../host/native/logs.js";
import { writeStandardNights } from "../../host/native/nights.js";

const wasm2c = haveWasm2c();
const skip = wasm2c ? false : "wasm2c is not installed (apt-get install wabt): the native board cannot be built";
if (!wasm2c) console.log(`# SKIP native board tests: ${skip}`);

describe("native board", { skip }, () => {
  let dir = "";
  let nights: { name: string; file: string; rows: number }[] = [];

  before(() => {
    buildNative();
    dir = mkdtempSync(join(tmpdir(), "calmfoot-native-"));
    nights = writeStandardNights(dir);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Both boards' logs for one recording, asserted equal; memoised so later checks reuse them. */
  const compared = new Map<string, Promise<string>>();
  function same(file: string, options: Parameters<typeof nodeLog>[1] = {}): Promise<string> {
    const key = JSON.stringify([file, options]);
    if (!compared.has(key)) compared.set(key, compare(file, options));
    return compared.get(key)!;
  }
  async function compare(file: string, options: Parameters<typeof nodeLog>[1]): Promise<string> {
    const node = await nodeLog(file, options);
    const native = nativeLog(file, options);
    assert.equal(native.status, 0, `native board failed: ${native.stderr}`);
    assert.ok(node.log.length > 0, "the night produced no events at all: nothing was compared");
    if (node.log !== native.log) {
      const a = node.log.split("\n");
      const b = native.log.split("\n");
      const i = a.findIndex((line, k) => line !== b[k]);
      assert.fail(`event logs differ at line ${i + 1}:\n  node:   ${a[i]}\n  native: ${b[i]}`);
    }
    return node.log;
  }

  const lines = (log: string) => log.trimEnd().split("\n").map(parseLogLine);

  for (const name of ["normal", "fault", "wrap", "clock-jump"]) {
    test(`a ${name} night gives the same event log on both boards (fw_accel per sample)`, async () => {
      await same(nights.find((n) => n.name === name)!.file);
    });
    test(`a ${name} night gives the same event log on both boards (FIFO board, fw_accel_batch of 25)`, async () => {
      await same(nights.find((n) => n.name === name)!.file, { batch: 25 });
    });
  }

  test("the normal night has movements and button gestures in its log (the comparison is not vacuous)", async () => {
    const events = lines(await same(nights.find((n) => n.name === "normal")!.file));
    assert.ok(events.filter((e) => e.kind === 1).length >= 10, "MOVE_START events");
    assert.ok(events.some((e) => e.kind === 9), "a BUTTON event");
  });

  test("the wrap night logs events on both sides of the u32 clock wrap", async () => {
    const events = lines(await same(nights.find((n) => n.name === "wrap")!.file));
    assert.ok(events.some((e) => e.now_ms > 2 ** 32 - 10 * 60_000), "an event before the wrap");
    assert.ok(events.some((e) => e.now_ms < 10 * 60_000), "an event after the wrap");
  });

  test("the fault night raises faults on both boards", async () => {
    const events = lines(await same(nights.find((n) => n.name === "fault")!.file));
    const codes = new Set(events.filter((e) => e.kind === 7).map((e) => e.a));
    // accel missing (4 s dropout), implausible/frozen, thermistor, over-temperature
    for (const code of [1, 2, 3, 4]) assert.ok(codes.has(code), `FAULT ${code} in the log`);
  });

  test("config given to the replay reaches the firmware the same way on both boards", async () => {
    const file = nights.find((n) => n.name === "wrap")!.file;
    const config: [number, number][] = [[CONFIG.SENSITIVITY, 5], [CONFIG.AUTO_COOLDOWN_MIN, 0], [CONFIG.INTENSITY, 9]];
    await same(file, { config, batch: 7 });
  });

  test("odd CSV layouts are read the same: columns reordered, spaces, CRLF, empty lines, empty fields", async () => {
    const file = join(dir, "layout.csv");
    const rows = ["button , az_mg,t_ms,ay_mg,temp_cdeg,ax_mg"];
    for (let i = 0; i < 3000; i++) {
      const t = 4_000_000_000 + i * 20;
      const moving = i % 600 > 500 && i % 600 < 560;
      const press = i >= 1000 && i < 1010 ? "1" : i % 500 === 3 ? "" : "0";
      const temp = i % 50 === 0 ? String(3000 + (i % 7)) : "";
      rows.push(`${press}, ${moving ? 1300 : 990 + (i % 3)},${t},${moving ? -500 : -300},${temp},+${100 + (i % 2)}`);
      if (i % 997 === 0) rows.push("");
    }
    writeFileSync(file, rows.join("\r\n") + "\r\n");
    await same(file);
  });

  test("a trapping firmware is restarted the same way on both boards: log, zeroed memory, config back", async () => {
    // host/native/trapping.wat traps on request (hal.panic then unreachable; divide by zero).
    const wat = fileURLToPath(new URL("../../host/native/trapping.wat", import.meta.url));
    const wasm = join(dir, "trapping.wasm");
    const made = spawnSync("wat2wasm", [wat, "-o", wasm], { encoding: "utf8" });
    assert.equal(made.status, 0, `wat2wasm: ${made.stderr}`);
    const board = buildNative(wasm, join(dir, "trapping-board"));
    const file = join(dir, "traps.csv");
    const xs = [1, 5555, 1, 7777, 1, 1, 5555, 8888, 5555, 40000, 1, 7777, 1, 5555];
    writeFileSync(file, "t_ms,ax_mg,ay_mg,az_mg\n" + xs.map((x, i) => `${1000 + i * 20},${x},3,1000`).join("\n") + "\n");
    for (const options of [{ config: [[CONFIG.INTENSITY, 7]] as [number, number][] }, { batch: 3 }]) {
      const node = await nodeLog(file, { ...options, wasmPath: wasm });
      const native = nativeLog(file, options, board);
      assert.equal(native.status, 0, native.stderr);
      assert.equal(native.log, node.log);
      assert.equal((native.stderr.match(/restarted/g) ?? []).length, node.restarts);
      assert.ok(node.restarts >= 1, "the module did not trap: nothing was tested");
    }
    // Per sample: three traps, each followed by fw_init from a zeroed page (a = 0) and then the
    // config given back (the digest in the next MOVE_START).
    const { log } = await nodeLog(file, { config: [[CONFIG.INTENSITY, 7]], wasmPath: wasm });
    const inits = lines(log).filter((e) => e.kind === 5);
    assert.equal(inits.length, 4);
    assert.ok(inits.every((e) => e.a === 0), "a restarted firmware saw the old memory");
  });

  test("a bad field stops both boards at the same line", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "t_ms,ax_mg,ay_mg,az_mg\n1000,0,0,1000\n1020,0,x,1000\n");
    const native = nativeLog(file);
    assert.equal(native.status, 65);
    assert.match(native.stderr, /bad\.csv:3: ay_mg is "x", not a whole number/);
    await assert.rejects(nodeLog(file), (err: unknown) => err instanceof InputError && /bad\.csv:3: ay_mg/.test(err.message));
  });

  test("a recording without a header row is refused by both boards", async () => {
    const file = join(dir, "empty.csv");
    writeFileSync(file, "");
    const native = nativeLog(file);
    assert.equal(native.status, 65);
    assert.match(native.stderr, /empty\.csv:1: empty file/);
    await assert.rejects(nodeLog(file), InputError);
  });
});
