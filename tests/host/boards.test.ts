// The C boards on the desktop (boards/: one board core, one backend per runtime, x86-64) and the
// Node board must write the same event log for the same recording, byte for byte. Whatever the
// firmware currently does: every board runs the same snapshot of build/firmware.wasm
// (build/mcu/firmware.wasm), and nothing here knows what the log should say, only that they agree.
// A runtime whose sources are not available here (boards/runtimes/fetch.sh) is skipped, with the
// reason, never passed.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CONFIG } from "../../host/abi.js";
import { InputError } from "../../host/inputError.js";
import { parseLogLine } from "../../host/eventLog.js";
import { allImages, buildBoards, FIRMWARE_WASM, missingTools, TRAPPING_WASM, type Build, type Image } from "../../boards/harness/build.js";
import { desktopLog, firstDifference, nodeLog, type LogOptions } from "../../boards/harness/logs.js";
import { moduleArgument } from "../../boards/harness/lowRam.js";
import { replayRecording } from "../../host/replay/recording.js";
import { BAD_RECORDINGS, writeBadRecordings } from "./badRecordings.js";
import { standardNights, writeNightCsv, writeStandardNights } from "../../boards/harness/nights.js";
import { Board } from "../../host/board/board.js";
import { logLine } from "../../host/eventLog.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { RecordingReplay } from "../../host/replay/recordingReplay.js";

const missing = missingTools("x86-64");
if (missing) console.log(`# SKIP desktop boards: ${missing}`);

const DESKTOP = allImages().filter((i) => i.target === "x86-64" && !i.trap);
const lines = (log: string) => log.trimEnd().split("\n").map(parseLogLine);

describe("desktop boards (x86-64)", { skip: missing ?? false }, () => {
  let build: Build;
  let dir = "";
  let nights: { name: string; file: string; rows: number }[] = [];

  before(async () => {
    build = await buildBoards();
    dir = mkdtempSync(join(tmpdir(), "calmfoot-boards-"));
    nights = writeStandardNights(dir);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const built = (name: string): Image | undefined => build.images.find((i) => i.name === name);
  const night = (name: string) => nights.find((n) => n.name === name)!.file;

  /** The Node board's log for a recording, computed once and shared by every image. */
  const reference = new Map<string, Promise<{ log: string; restarts: number }>>();
  function nodeReference(file: string, options: LogOptions = {}) {
    const key = JSON.stringify([file, options]);
    if (!reference.has(key)) reference.set(key, nodeLog(file, options));
    return reference.get(key)!;
  }

  async function assertSameLog(image: Image, file: string, options: LogOptions = {}): Promise<string> {
    const node = await nodeReference(file, options);
    const board = desktopLog(image.elf, file, options);
    assert.equal(board.status, 0, `${image.name} failed: ${board.stderr}`);
    assert.ok(node.log.length > 0, "the recording produced no events at all: nothing was compared");
    const diff = firstDifference(node.log, board.log, ["node", image.name]);
    if (diff) assert.fail(`${file}${options.batch ? ` (batch ${options.batch})` : ""}: ${diff}`);
    return node.log;
  }

  // wasm2c-lowram among them: its bounds check stops at __heap_base, so a night on which the
  // firmware touched any byte past it would trap, restart, and give another log.
  for (const image of DESKTOP) {
    test(`${image.runtime} gives the Node board's event log on every standard night, per sample and in FIFO batches of 25`, async (t) => {
      const skipped = build.skipped.find((s) => s.name === image.name);
      if (skipped) return t.skip(skipped.reason);
      for (const n of nights) {
        await assertSameLog(built(image.name)!, n.file);
        await assertSameLog(built(image.name)!, n.file, { batch: 25 });
      }
    });
  }

  test("the standard nights are not vacuous: movements, gestures, faults, both sides of the wrap", async () => {
    const normal = lines((await nodeReference(night("normal"))).log);
    assert.ok(normal.filter((e) => e.kind === 1).length >= 10, "MOVE_START events");
    assert.ok(normal.some((e) => e.kind === 9), "a BUTTON event");
    const wrap = lines((await nodeReference(night("wrap"))).log);
    assert.ok(wrap.some((e) => e.now_ms > 2 ** 32 - 10 * 60_000), "an event before the wrap");
    assert.ok(wrap.some((e) => e.now_ms < 10 * 60_000), "an event after the wrap");
    const codes = new Set(lines((await nodeReference(night("fault"))).log).filter((e) => e.kind === 7).map((e) => e.a));
    // accel missing (4 s dropout), implausible/frozen, thermistor, over-temperature
    for (const code of [1, 2, 3, 4]) assert.ok(codes.has(code), `FAULT ${code} in the log`);
  });

  test("config given to the replay reaches the firmware the same way on every board", async () => {
    const config: [number, number][] = [[CONFIG.SENSITIVITY, 5], [CONFIG.AUTO_COOLDOWN_MIN, 0], [CONFIG.INTENSITY, 9]];
    for (const image of build.images.filter((i) => i.target === "x86-64" && !i.trap)) {
      await assertSameLog(image, night("wrap"), { config, batch: 7 });
    }
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
    await assertSameLog(built("wasm2c-x86-64")!, file);
  });

  test("a trapping firmware is restarted the same way on every board: log, zeroed memory, config back", async () => {
    // boards/trapping.wat traps on request (hal.panic then unreachable; divide by zero).
    const file = join(dir, "traps.csv");
    const xs = [1, 5555, 1, 7777, 1, 1, 5555, 8888, 5555, 40000, 1, 7777, 1, 5555];
    writeFileSync(file, "t_ms,ax_mg,ay_mg,az_mg\n" + xs.map((x, i) => `${1000 + i * 20},${x},3,1000`).join("\n") + "\n");
    // The interpreters load the trapping module at run time; wasm2c has it compiled into its own image.
    const boards = [
      ...["wasm2c-trap-x86-64", "wasm2c-lowram-trap-x86-64"].map((name) => ({ image: built(name)!, wasm: undefined })),
      ...build.images.filter((i) => i.target === "x86-64" && !i.trap && !i.runtime.startsWith("wasm2c"))
        .map((image) => ({ image, wasm: TRAPPING_WASM })),
    ];
    for (const { image, wasm } of boards) {
      for (const options of [{ config: [[CONFIG.INTENSITY, 7]] as [number, number][] }, { batch: 3 }]) {
        const node = await nodeReference(file, { ...options, wasmPath: TRAPPING_WASM });
        const board = desktopLog(image.elf, file, { ...options, wasm });
        assert.equal(board.status, 0, `${image.name}: ${board.stderr}`);
        const diff = firstDifference(node.log, board.log, ["node", image.name]);
        if (diff) assert.fail(diff);
        assert.equal((board.stderr.match(/restarted/g) ?? []).length, node.restarts, `${image.name} restarts`);
        assert.ok(node.restarts >= 1, "the module did not trap: nothing was tested");
      }
    }
    // Per sample: three traps, each followed by fw_init from a zeroed page (a = 0) and then the
    // config given back (the digest in the next MOVE_START).
    const { log } = await nodeReference(file, { config: [[CONFIG.INTENSITY, 7]], wasmPath: TRAPPING_WASM });
    const inits = lines(log).filter((e) => e.kind === 5);
    assert.equal(inits.length, 4);
    assert.ok(inits.every((e) => e.a === 0), "a restarted firmware saw the old memory");
  });

  test("the low-RAM board traps into the safe restart on a read past its memory, where a full page reads zero", async () => {
    const file = join(dir, "past.csv");
    const beyond = build.reachBytes + 64; // inside the 64 KiB page, past the low-RAM board's memory
    const rows = [[1, 3], [5555, 3], [6666, 100], [5555, 3], [6666, beyond], [5555, 3]];
    writeFileSync(file, "t_ms,ax_mg,ay_mg,az_mg\n" + rows.map(([x, y], i) => `${1000 + i * 20},${x},${y},1000`).join("\n") + "\n");
    const full = desktopLog(built("wasm2c-trap-x86-64")!.elf, file);
    const low = desktopLog(built("wasm2c-lowram-trap-x86-64")!.elf, file);
    assert.equal(full.status, 0, full.stderr);
    assert.equal(low.status, 0, low.stderr);
    assert.doesNotMatch(full.stderr, /restarted/, "the full page reads the byte like any other");
    assert.equal((low.stderr.match(/restarted/g) ?? []).length, 1, "one trap: the read past the board's memory");
    assert.match(low.stderr, new RegExp(`trapped at ${1000 + 4 * 20} ms \\(out of bounds memory access, no panic\\); restarted`));
    // After the restart: fw_init from zeroed memory (a = 0), then counting again from 1.
    const events = lines(low.log);
    const restart = events.findIndex((e) => e.kind === 5 && e.now_ms === 1080);
    assert.ok(restart > 0, "fw_init after the trap");
    assert.equal(events[restart].a, 0);
    assert.equal(events[restart + 1].a, 1, "the next sample counts from a fresh memory");
  });

  test("the firmware keeps everything below its __heap_base: the argument from the module (the low-RAM boards' premise)", () => {
    const { checks, heapBase } = moduleArgument();
    for (const c of checks) assert.ok(c.ok, `${c.what}: ${c.detail}`);
    assert.equal(build.reachBytes, Math.ceil(heapBase! / 8) * 8, "the low-RAM boards give the module its static data");
  });

  test("a 100 Hz and a 25 Hz recording: both boards take the rate from t_ms (the command line's night, SAMPLE_HZ set first)", async () => {
    for (const hz of [100, 25]) {
      const file = join(dir, `rate-${hz}.csv`);
      const spec = { ...standardNights()[0], name: `rate-${hz}`, hz, duration_ms: 10 * 60_000 };
      writeNightCsv(spec, file);
      const lines: string[] = [];
      const board = new Board(firmwareModule(FIRMWARE_WASM), { onEvent: (e) => lines.push(logLine(e) + "\n") });
      const replay = new RecordingReplay(board, { name: file, size_bytes: statSync(file).size });
      replay.push(readFileSync(file));
      replay.end();
      assert.equal(replay.record().sample_hz, hz);
      assert.ok(lines.length > 10, "movements were found");
      const desktop = desktopLog(built("wasm2c-x86-64")!.elf, file);
      assert.equal(desktop.status, 0, desktop.stderr);
      const diff = firstDifference(lines.join(""), desktop.log, ["node", "wasm2c-x86-64"]);
      if (diff) assert.fail(`${hz} Hz: ${diff}`);
    }
  });

  test("every bad recording gets the same one line and exit code 2 on the desktop board and the Node board, and nothing is written", async () => {
    const paths = writeBadRecordings(join(dir, "bad"));
    const elf = built("wasm2c-x86-64")!.elf;
    for (const bad of BAD_RECORDINGS) {
      const path = paths.get(bad.name)!;
      const message = bad.message.replace("FILE", path);
      const board = desktopLog(elf, path);
      assert.deepEqual({ status: board.status, stdout: board.log, stderr: board.stderr }, { status: 2, stdout: "", stderr: `${basename(elf)}: ${message}\n` }, bad.name);
      await assert.rejects(replayRecording(path, { progress: false }), (err: unknown) => err instanceof InputError && err.message === message, bad.name);
    }
  });
});
