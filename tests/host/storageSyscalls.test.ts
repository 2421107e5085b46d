// The real file layer (host/storage/fileLayer.ts nodeFiles) does reach the kernel in the order
// the power-cut model assumes: a config save and a log flush are run in a child process under
// strace, and the system calls on the store's files are compared with the protocol written in
// configStore.ts and deviceLog.ts. (powerCut.test.ts proves the protocol safe on a simulated disk;
// this proves the Node layer carries it out: an fsync that is a no-op would pass everything else.)

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const STRACE_SKIP = spawnSync("strace", ["-qq", "-e", "trace=none", "true"]).status !== 0
  ? "strace is absent or not permitted here: install the Debian package \"strace\"" : false;

const dir = mkdtempSync(join(tmpdir(), "calmfoot-syscalls-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const storage = (name: string) => JSON.stringify(fileURLToPath(new URL(`../../host/storage/${name}`, import.meta.url)));

/** The system calls on files in `store` (by name), of `script` run by Node under strace. */
function syscalls(store: string, script: string): string[] {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.ts`);
  const trace = `${file}.trace`;
  writeFileSync(file, script);
  // Synchronous fs calls run on the main thread: no -f, so the lines never interleave.
  const r = spawnSync("strace", ["-qq", "-e", "trace=openat,write,fsync,fdatasync,rename,close,ftruncate", "-o", trace,
    process.execPath, "--import", "tsx", file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const names = new Map<number, string>();
  const out: string[] = [];
  const short = (path: string) => (path === store ? "dir" : path.slice(store.length + 1));
  for (const line of readFileSync(trace, "utf8").split("\n")) {
    const open = /^openat\(AT_FDCWD, "([^"]+)", ([A-Z_|]+).*\) = (\d+)$/.exec(line);
    if (open && (open[1] === store || open[1].startsWith(`${store}/`))) {
      names.set(Number(open[3]), short(open[1]));
      out.push(`open ${short(open[1])}${open[2].includes("O_TRUNC") ? " (emptied)" : ""}`);
      continue;
    }
    const rename = /^rename\("([^"]+)", "([^"]+)"\) = 0$/.exec(line);
    if (rename && rename[1].startsWith(store)) { out.push(`rename ${short(rename[1])} ${short(rename[2])}`); continue; }
    const call = /^(write|fsync|fdatasync|close|ftruncate)\((\d+)/.exec(line);
    if (call && names.has(Number(call[2]))) {
      out.push(`${call[1]} ${names.get(Number(call[2]))}`);
      if (call[1] === "close") names.delete(Number(call[2]));
    }
  }
  return out;
}

describe("the Node file layer under strace", { skip: STRACE_SKIP }, () => {
  it("a config save: the temp file written and fsync'd, the current copied to .prev and fsync'd, then the rename and the directory's fsync", () => {
    const store = mkdtempSync(join(dir, "config-"));
    const calls = syscalls(store, `
import { ConfigStore } from ${storage("configStore.ts")};
const store = new ConfigStore(${JSON.stringify(join(store, "config.json"))});
store.save({ 4: 3 });
process.stdout.write("second\\n");
store.save({ 4: 5 });
`);
    // The second save (the first has no current file to keep): after it reads the current file.
    const second = calls.slice(calls.lastIndexOf("open config.json.tmp (emptied)"));
    assert.deepEqual(second.filter((c) => !c.startsWith("open config.json") || c.includes("(emptied)")).filter((c) => c !== "close config.json"), [
      "open config.json.tmp (emptied)", "write config.json.tmp", "fsync config.json.tmp", "close config.json.tmp",
      "open config.json.prev (emptied)", "write config.json.prev", "fsync config.json.prev", "close config.json.prev",
      "rename config.json.tmp config.json",
      "open dir", "fsync dir", "close dir",
    ]);
    const first = calls.slice(0, calls.lastIndexOf("open config.json.tmp (emptied)"));
    assert.ok(!first.includes("open config.json.prev (emptied)"), "no previous config to keep at the first save");
    assert.deepEqual(first.filter((c) => /rename|dir|fsync/.test(c)), ["fsync config.json.tmp", "rename config.json.tmp config.json", "open dir", "fsync dir", "close dir"]);
  });

  it("a device log: the directory fsync'd when the writer opens it, each flush one write and an fsync, a torn tail cut and fsync'd", () => {
    const store = mkdtempSync(join(dir, "log-"));
    writeFileSync(join(store, "device.log"), "10 BUTTON 1 0\n20 SESS");
    const calls = syscalls(store, `
import { DeviceLogWriter } from ${storage("deviceLog.ts")};
const w = new DeviceLogWriter(${JSON.stringify(join(store, "device.log"))});
w.append({ now_ms: 30, kind: 1, a: 0, b: 0 });
w.append({ now_ms: 40, kind: 1, a: 0, b: 0 });
w.flush();
w.append({ now_ms: 50, kind: 1, a: 0, b: 0 });
w.close();
`);
    assert.deepEqual(calls, [
      "open device.log", "ftruncate device.log", "fsync device.log",
      "open dir", "fsync dir", "close dir",
      "write device.log", "fsync device.log",
      "write device.log", "fsync device.log",
      "close device.log",
    ]);
    assert.equal(readFileSync(join(store, "device.log"), "utf8"), "10 BUTTON 1 0\n30 MOVE_START 0 0\n40 MOVE_START 0 0\n50 MOVE_START 0 0\n");
  });
});
