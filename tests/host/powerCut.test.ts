// The board's persistence against a real power cut: a night's device log and config saves are
// written onto a simulated disk (simDisk.ts) that, at a cut, keeps only what was made durable
// (fsync'd contents, fsyncDir'd names), and the power is cut after EVERY operation that changes
// the disk. After each cut:
//   - the log reads back as a prefix of the night's lines, whole lines only, holding at least
//     every event the writer had reported durable; a new writer continues it cleanly;
//   - the config is the last one whose save had returned, or the one being saved; the previous
//     config is kept good beside it (a damaged current file still leaves a config).
// The same cuts with part of the unsynced bytes already written back leave a torn last line,
// which the reader ignores and the next writer cuts off.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONFIG, EVENT } from "../../host/abi.js";
import { logLine } from "../../host/eventLog.js";
import { ConfigStore, type ConfigValues, readConfigFile } from "../../host/storage/configStore.js";
import { DeviceLogWriter, readDeviceLog } from "../../host/storage/deviceLog.js";
import { writeNights } from "../../host/storage/nightWriter.js";
import { SimDisk } from "./simDisk.js";

const DIR = "/var/calmfoot";
const LOG = `${DIR}/device.log`;
const CONF = `${DIR}/config.json`;

interface Cut {
  /** The disk as the cut left it. */
  disk: SimDisk;
  /** What the writer had reported durable before the cut. */
  written: number;
  generation: number;
  /** Unsynced appended bytes written back before the cut (0: none). */
  tornBytes: number;
}

/** One night written on a simulated disk, with the disk as a power cut after each operation leaves it. */
function nightWithCuts() {
  const disk = new SimDisk();
  const cuts: Cut[] = [];
  const saved = new Map<number, ConfigValues>();
  let reported = { written: 0, generation: 0 };
  disk.afterOperation = (d) => {
    cuts.push({ disk: d.afterCut(), ...reported, tornBytes: 0 });
    // A cut where part of an append was written back: a few bytes, or most of a line.
    const tornBytes = 1 + (d.operations % 23);
    cuts.push({ disk: d.afterCut({ tornBytes }), ...reported, tornBytes });
  };
  const live = new ConfigStore(CONF, disk);
  writeNights({
    dir: DIR, seed: 7, nights: 1, presses: 6, kick_every_ms: 25_000, files: disk,
    onDurable: (written, generation) => {
      if (generation !== reported.generation) saved.set(generation, live.load()!.values);
      reported = { written, generation };
    },
  });
  disk.afterOperation = null;
  assert.equal(disk.openHandles(), 0, "every file the night opened was closed");
  const lines = disk.readText(LOG).split("\n").slice(0, -1);
  return { disk, cuts, saved, lines, reported };
}

const night = nightWithCuts();

describe("a power cut after any write of a night (simulated disk: only fsync'd bytes and names survive)", () => {
  it("the night is what the writer says: 30 min, a config save every 20 s, 6 presses, a kick every 25 s; a cut after each operation", () => {
    assert.ok(night.reported.generation >= 89 && night.reported.generation <= 90, `${night.reported.generation} saves: one every 20 s of 1800 s`);
    assert.equal(night.reported.written, night.lines.length, "every line written was reported durable");
    const events = night.lines.map((l) => l.split(" "));
    assert.equal(events.filter(([, kind]) => kind === "BUTTON").length, 6, "6 presses");
    const starts = events.filter(([, kind]) => kind === "MOVE_START").map(([t]) => Number(t));
    assert.equal(starts.length, 72, "every 2-s kick is a leg movement: 1800 s / 25 s");
    assert.ok(starts.every((t) => t % 25_000 < 2000), "each movement starts within a kick's 2 s");
    assert.ok(Number(events.at(-1)![0]) < 30 * 60_000, "one night of 30 min");
    for (const [g, values] of night.saved) {
      assert.ok(values[CONFIG.INTENSITY] >= 1 && values[CONFIG.INTENSITY] <= 9, `intensity of save ${g}`);
      assert.equal(values[CONFIG.SESSION_MIN], 5 + ((g - 1) % 50), `session length of save ${g}`);
    }
    assert.equal(night.cuts.length, 2 * night.disk.operations);
  });

  it("the log reads back as a prefix of the night's lines, whole lines only, with every event reported durable", () => {
    for (const [i, cut] of night.cuts.entries()) {
      const log = readDeviceLog(LOG, cut.disk);
      const where = `cut ${i} (${cut.tornBytes} bytes written back)`;
      assert.deepEqual(log.corrupt, [], where);
      const lines = log.events.map(logLine);
      assert.deepEqual(lines, night.lines.slice(0, lines.length), `${where}: not a prefix`);
      assert.ok(lines.length >= cut.written, `${where}: ${lines.length} events back, ${cut.written} reported durable`);
      if (cut.tornBytes === 0) assert.equal(log.torn, false, `${where}: nothing unsynced survives a cut`);
    }
    assert.ok(night.cuts.some((c) => readDeviceLog(LOG, c.disk).torn), "some cuts leave a torn last line");
  });

  it("a new writer after the cut continues the log: the torn line is gone, the old events and the new one are there", () => {
    for (const [i, cut] of night.cuts.entries()) {
      if (i % 7 !== 0 && !readDeviceLog(LOG, cut.disk).torn) continue; // every torn cut, and a sample of the others
      const disk = cut.disk.afterCut(); // a copy: the cuts stay as they were for the other checks
      const before = readDeviceLog(LOG, disk).events.map(logLine);
      const writer = new DeviceLogWriter(LOG, disk);
      writer.append({ now_ms: 4_000_000_000, kind: EVENT.BUTTON, a: 1, b: 0 });
      writer.close();
      // The new event is durable: another cut right after keeps it.
      const after = readDeviceLog(LOG, disk.afterCut());
      assert.equal(after.torn, false, `cut ${i}`);
      assert.deepEqual(after.events.map(logLine), [...before, "4000000000 BUTTON 1 0"], `cut ${i}`);
    }
  });

  it("the config is the last one saved, or the one being saved, never older, never a mix", () => {
    for (const [i, cut] of night.cuts.entries()) {
      const config = new ConfigStore(CONF, cut.disk).load();
      if (cut.generation === 0) {
        assert.ok(config === null || config.generation === 1, `cut ${i}: ${JSON.stringify(config)}`);
        continue;
      }
      assert.ok(config, `cut ${i}: no config after ${cut.generation} saves`);
      assert.ok(config.generation === cut.generation || config.generation === cut.generation + 1,
        `cut ${i}: generation ${config.generation} after save ${cut.generation} returned`);
      assert.deepEqual(config.values, night.saved.get(config.generation), `cut ${i}`);
    }
  });

  it("the previous config (or, mid-save, the same) is kept good beside the current one, so a damaged current file still leaves a config", () => {
    for (const [i, cut] of night.cuts.entries()) {
      if (cut.generation < 2) continue;
      const current = readConfigFile(CONF, cut.disk)!;
      const previous = readConfigFile(`${CONF}.prev`, cut.disk);
      assert.ok(previous, `cut ${i}: no good previous config after ${cut.generation} saves`);
      // Between the copy to .prev and the rename's fsyncDir, both hold the same config.
      assert.ok(previous.generation <= current.generation && previous.generation >= current.generation - 2,
        `cut ${i}: previous ${previous.generation}, current ${current.generation}`);
      assert.deepEqual(previous.values, night.saved.get(previous.generation), `cut ${i}`);
      // The current file damaged after the cut: the store falls back to the previous one.
      const damaged = cut.disk.afterCut();
      damaged.put(CONF, damaged.readText(CONF).replace(/"sha256":"./, '"sha256":"!'));
      assert.equal(new ConfigStore(CONF, damaged).load()?.generation, previous.generation, `cut ${i}`);
    }
  });

  it("a save after the cut gives the next generation and leaves no temp file", () => {
    for (const [i, cut] of night.cuts.entries()) {
      if (i % 11 !== 0) continue;
      const disk = cut.disk.afterCut();
      const store = new ConfigStore(CONF, disk);
      const before = store.load()?.generation ?? 0;
      assert.equal(store.save({ [CONFIG.INTENSITY]: 5 }), before + 1, `cut ${i}`);
      const after = new ConfigStore(CONF, disk.afterCut()).load();
      assert.deepEqual(after, { generation: before + 1, values: { [CONFIG.INTENSITY]: 5 } }, `cut ${i}`);
      assert.ok(!disk.files().includes(`${CONF}.tmp`), `cut ${i}: ${disk.files().join(", ")}`);
    }
  });
});

describe("a torn tail at the moment a writer opens the log", () => {
  it("is cut off durably: a power cut before the first write leaves a clean log", () => {
    const disk = new SimDisk();
    disk.put(LOG, "10 BUTTON 1 0\n20 SESSION_START 2 1800\n30 SESSION_E");
    new DeviceLogWriter(LOG, disk).close();
    const after = readDeviceLog(LOG, disk.afterCut());
    assert.equal(after.torn, false);
    assert.deepEqual(after.events.map(logLine), ["10 BUTTON 1 0", "20 SESSION_START 2 1800"]);
  });

  it("a log that is one torn line and nothing else is emptied durably", () => {
    const disk = new SimDisk();
    disk.put(LOG, "10 BUTT");
    new DeviceLogWriter(LOG, disk).close();
    assert.deepEqual(readDeviceLog(LOG, disk.afterCut()), { events: [], torn: false, corrupt: [] });
  });

  it("a torn line longer than the reader's 4 KiB chunk is found and cut", () => {
    const disk = new SimDisk();
    disk.put(LOG, "10 BUTTON 1 0\n" + "7".repeat(9000));
    new DeviceLogWriter(LOG, disk).close();
    assert.equal(disk.afterCut().readText(LOG), "10 BUTTON 1 0\n");
  });
});

describe("the simulated disk itself", () => {
  it("loses an unsynced write and an unsynced rename, keeps synced ones", () => {
    const disk = new SimDisk();
    const fd = disk.open("/d/a", "write");
    disk.write(fd, "one");
    disk.fsync(fd);
    disk.write(fd, " two");
    disk.close(fd);
    assert.throws(() => disk.afterCut().readText("/d/a"), /ENOENT/, "the new name was not made durable");
    disk.fsyncDir("/d");
    assert.equal(disk.afterCut().readText("/d/a"), "one");
    disk.rename("/d/a", "/d/b");
    assert.equal(disk.afterCut().readText("/d/a"), "one");
    disk.fsyncDir("/d");
    assert.deepEqual(disk.afterCut().files(), ["/d/b"]);
    assert.equal(disk.afterCut({ tornBytes: 2 }).readText("/d/b"), "one t");
  });
});
