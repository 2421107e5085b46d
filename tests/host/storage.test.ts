// The board's persistence on the real file system (node:fs): the device log keeps every flushed
// event and ignores a torn last line; the config is the last one saved, or the previous good one
// when the newest file is damaged; a process killed with SIGKILL while writing a night loses
// nothing it reported durable. A SIGKILL leaves the OS's page cache alive, so it proves the
// process-crash case only: a power cut, which loses what was not fsync'd, is powerCut.test.ts's.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { CONFIG, EVENT } from "../../host/abi.js";
import { logLine } from "../../host/eventLog.js";
import { ConfigStore, readConfigFile } from "../../host/storage/configStore.js";
import { DeviceLogWriter, readDeviceLog } from "../../host/storage/deviceLog.js";
import { SimDisk } from "./simDisk.js";
import { SKIP_UNDER_MUTATION } from "./mutation.js";

const dirs: string[] = [];
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), "calmfoot-storage-")); dirs.push(d); return d; };
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const WRITER = fileURLToPath(new URL("../../host/storage/nightWriter.ts", import.meta.url));

/** Runs the night writer and kills it with SIGKILL once `flushes` durable steps were reported. */
function killMidNight(dir: string, flushes: number, seed: number): Promise<{ written: number; generation: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, dir, String(seed)], { stdio: ["ignore", "pipe", "pipe"] });
    let seen = 0;
    let last = { written: 0, generation: 0 };
    let buffer = "";
    let stderr = "";
    child.stderr.on("data", (d) => { stderr += d; });
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^flushed (\d+) config (\d+)$/.exec(line);
        if (!m) continue;
        last = { written: Number(m[1]), generation: Number(m[2]) };
        if (++seen === flushes) child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(last);
      else reject(new Error(`writer ended by itself (code ${code}): ${stderr}`));
    });
  });
}

describe("a process crash (SIGKILL) while writing a night", () => {
  for (const [flushes, seed] of [[700, 1]] as const) {
    it(`killed after ${flushes} s of night: every flushed event and the last saved config survive (seed ${seed})`, { skip: SKIP_UNDER_MUTATION }, async () => {
      const dir = tempDir();
      const reported = await killMidNight(dir, flushes, seed);
      assert.ok(reported.written > 0 && reported.generation > 0, "the writer got going");
      const log = readDeviceLog(join(dir, "device.log"));
      assert.deepEqual(log.corrupt, [], "every complete line parses");
      // What was reported durable is there; a batch in flight when the kill came may be too.
      assert.ok(log.events.length >= reported.written, `${log.events.length} events read, ${reported.written} reported`);
      assert.ok(log.events.some((e) => e.kind === EVENT.SESSION_START), "the night's session is in the log");
      for (let i = 1; i < log.events.length; i++) {
        assert.ok(log.events[i].now_ms >= log.events[i - 1].now_ms, `log out of order at ${i}`);
      }
      const config = new ConfigStore(join(dir, "config.json")).load();
      assert.ok(config, "a config is readable");
      assert.ok(config.generation >= reported.generation, `generation ${config.generation} < ${reported.generation}`);
      assert.ok(config.values[CONFIG.INTENSITY] >= 1 && config.values[CONFIG.INTENSITY] <= 9);

      // A new writer after the cut continues the same file cleanly.
      const writer = new DeviceLogWriter(join(dir, "device.log"));
      writer.append({ now_ms: 4_000_000_000, kind: EVENT.BUTTON, a: 1, b: 0 });
      writer.close();
      const again = readDeviceLog(join(dir, "device.log"));
      assert.equal(again.torn, false);
      assert.deepEqual(again.corrupt, []);
      assert.equal(again.events.at(-1)?.now_ms, 4_000_000_000);
    });
  }
});

describe("device log file", () => {
  it("a torn last line is ignored by the reader and cut off by the next writer", () => {
    const path = join(tempDir(), "device.log");
    const w = new DeviceLogWriter(path);
    w.append({ now_ms: 10, kind: EVENT.BUTTON, a: 1, b: 0 });
    w.append({ now_ms: 20, kind: EVENT.SESSION_START, a: 2, b: 1800 });
    assert.equal(w.flush(), 2);
    w.close();
    appendFileSync(path, logLine({ now_ms: 30, kind: EVENT.SESSION_END, a: 2, b: 5 }).slice(0, 9));
    const torn = readDeviceLog(path);
    assert.equal(torn.torn, true);
    assert.deepEqual(torn.events.map((e) => e.now_ms), [10, 20]);
    const w2 = new DeviceLogWriter(path);
    w2.append({ now_ms: 40, kind: EVENT.BUTTON, a: 1, b: 0 });
    w2.close();
    const healed = readDeviceLog(path);
    assert.equal(healed.torn, false);
    assert.deepEqual(healed.events.map((e) => e.now_ms), [10, 20, 40]);
    assert.equal(readFileSync(path, "utf8"), "10 BUTTON 1 0\n20 SESSION_START 2 1800\n40 BUTTON 1 0\n");
  });

  it("a missing log is an empty one", () => {
    assert.deepEqual(readDeviceLog(join(tempDir(), "none.log")), { events: [], torn: false, corrupt: [] });
  });
});

describe("config file", () => {
  it("loads what was saved last; a half-written newest file falls back to the previous good one", () => {
    const path = join(tempDir(), "config.json");
    const store = new ConfigStore(path);
    assert.equal(store.load(), null);
    store.save({ [CONFIG.INTENSITY]: 3 });
    store.save({ [CONFIG.INTENSITY]: 7, [CONFIG.HEAT_TARGET_DC]: 380 });
    assert.deepEqual(store.load()?.values, { [CONFIG.INTENSITY]: 7, [CONFIG.HEAT_TARGET_DC]: 380 });
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, text.length >> 1));
    assert.equal(readConfigFile(path), null, "the torn file is recognised");
    assert.deepEqual(store.load()?.values, { [CONFIG.INTENSITY]: 3 });
  });

  it("a file whose values were altered fails its checksum", () => {
    const path = join(tempDir(), "config.json");
    new ConfigStore(path).save({ [CONFIG.INTENSITY]: 4 });
    writeFileSync(path, readFileSync(path, "utf8").replace('"4":4', '"4":9'));
    assert.equal(readConfigFile(path), null);
    assert.equal(existsSync(`${path}.tmp`), false, "no temp file is left behind");
  });
});

describe("the config file's format (calmfoot-config/1)", () => {
  // Written by hand from the format in configStore.ts's header, as another tool (or an older
  // build) would write it: keys 2, 4 and 10 (integer keys, so in ascending order), generation 7.
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const file = (o: Record<string, unknown>) => JSON.stringify({ format: "calmfoot-config/1", generation: 7, values: { 2: 1, 4: 6, 10: 300 }, sha256: sha("7|2=1,4=6,10=300"), ...o });
  const load = (text: string, prev?: string) => {
    const disk = new SimDisk();
    disk.put("/c/config.json", text);
    if (prev !== undefined) disk.put("/c/config.json.prev", prev);
    return new ConfigStore("/c/config.json", disk).load();
  };

  it("a file written to the format loads: values by key, the SHA-256 of \"generation|key=value,…\" in key order", () => {
    assert.deepEqual(load(file({})), { generation: 7, values: { 2: 1, 4: 6, 10: 300 } });
    assert.deepEqual(load(file({ values: {}, sha256: sha("7|") })), { generation: 7, values: {} });
  });

  it("is refused (and the previous file used) when any part is wrong, even with a checksum that matches it", () => {
    const prev = file({ generation: 6, sha256: sha("6|2=1,4=6,10=300") });
    for (const [what, text] of [
      ["another format", file({ format: "calmfoot-config/2" })],
      ["no format", file({ format: undefined })],
      ["a checksum over another order", file({ sha256: sha("7|10=300,2=1,4=6") })],
      ["a checksum without the generation", file({ sha256: sha("2=1,4=6,10=300") })],
      ["a checksum over values without commas", file({ sha256: sha("7|2=14=610=300") })],
      ["a fractional generation", file({ generation: 7.5, sha256: sha("7.5|2=1,4=6,10=300") })],
      ["a generation as text", file({ generation: "7" })],
      ["a fractional value", file({ values: { 2: 1, 4: 6.5, 10: 300 } })],
      ["a value as text", file({ values: { 2: 1, 4: "6", 10: 300 } })],
      ["values null", file({ values: null, sha256: sha("7|") })],
      ["values a number", file({ values: 5, sha256: sha("7|") })],
      ["values missing", file({ values: undefined, sha256: sha("7|") })],
      ["JSON null", "null"],
      ["not JSON", "{\"format\":"],
      ["empty", ""],
    ] as const) {
      assert.deepEqual(load(text, prev), { generation: 6, values: { 2: 1, 4: 6, 10: 300 } }, what);
      assert.equal(load(text), null, `${what}, no previous file`);
    }
  });

  it("a save closes every file it opened and leaves only the config and the previous one", () => {
    const disk = new SimDisk();
    const store = new ConfigStore("/c/config.json", disk);
    store.save({ 4: 1 });
    store.save({ 4: 2 });
    assert.equal(disk.openHandles(), 0);
    assert.deepEqual(disk.files(), ["/c/config.json", "/c/config.json.prev"]);
  });
});

describe("the device log's lines", () => {
  it("a complete line that does not parse is reported by its line number, the others read", () => {
    const disk = new SimDisk();
    disk.put("/d/device.log", "10 BUTTON 1 0\nnot an event\n20 BUTTON 1 0\n30 BUTTON x 0\n");
    const log = readDeviceLog("/d/device.log", disk);
    assert.deepEqual(log.corrupt, [2, 4]);
    assert.deepEqual(log.events.map((e) => e.now_ms), [10, 20]);
    assert.equal(log.torn, false);
  });

  it("a torn tail that fills the reader's 4 KiB chunk but its first byte keeps the good line before it", () => {
    // The last newline is the first byte of the last 4096: the tail is 4095 bytes.
    const disk = new SimDisk();
    disk.put("/d/device.log", "10 BUTTON 1 0\n" + "7".repeat(4095));
    new DeviceLogWriter("/d/device.log", disk).close();
    assert.equal(disk.readText("/d/device.log"), "10 BUTTON 1 0\n");
  });

  it("counts the events it made durable", () => {
    const disk = new SimDisk();
    const w = new DeviceLogWriter("/d/device.log", disk);
    w.append({ now_ms: 1, kind: EVENT.BUTTON, a: 1, b: 0 });
    w.append({ now_ms: 2, kind: EVENT.BUTTON, a: 1, b: 0 });
    assert.equal(w.written, 0, "queued is not durable");
    assert.equal(w.flush(), 2);
    assert.equal(w.flush(), 0, "nothing queued: nothing written");
    w.append({ now_ms: 3, kind: EVENT.BUTTON, a: 1, b: 0 });
    w.close();
    assert.equal(w.written, 3);
  });

  it("a log that cannot be read for another reason than its absence is an error, not an empty log", () => {
    assert.throws(() => readDeviceLog(tempDir()), /EISDIR/);
  });
});
