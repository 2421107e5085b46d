// Runs both suites, firmware (as-pect) and host (node:test), shows their output, and ends with
// one line that counts both: "N passed, N failed, N skipped" (a test skipped for a missing tool or
// source says why in its own line above). Exits non-zero if anything failed.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");

function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: "0" } });
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  return { status: result.status ?? 1, text: strip((result.stdout ?? "") + (result.stderr ?? "")) };
}

const aspect = run("npx", ["asp", "--config", "as-pect.config.js"]);
let firmwarePassed = 0;
let firmwareTotal = 0;
for (const m of aspect.text.matchAll(/\[Tests\]:\s*(\d+)\s*\/\s*(\d+)/g)) {
  firmwarePassed += Number(m[1]);
  firmwareTotal += Number(m[2]);
}
if (firmwareTotal === 0 && aspect.status !== 0) firmwareTotal = 1; // it did not even run: count it as a failure

// tests/host: the host's modules and commands; tests/device: the firmware's rules through its exports.
const files = ["tests/host", "tests/device"].filter((d) => existsSync(d)).flatMap((d) =>
  readdirSync(d).filter((f) => f.endsWith(".test.ts")).sort().map((f) => `${d}/${f}`));
const host = run("node", ["--import", "tsx", "--test", "--test-reporter=tap", "--test-concurrency=2", ...files]);
const hostPassed = Number(/^# pass (\d+)/m.exec(host.text)?.[1] ?? 0);
const hostFailed = Number(/^# fail (\d+)/m.exec(host.text)?.[1] ?? (host.status === 0 ? 0 : 1));
const hostSkipped = Number(/^# skipped (\d+)/m.exec(host.text)?.[1] ?? 0);

const passed = firmwarePassed + hostPassed;
const failed = firmwareTotal - firmwarePassed + hostFailed + (aspect.status !== 0 && firmwarePassed === firmwareTotal ? 1 : 0);
console.log(`\nfirmware (as-pect): ${firmwarePassed}/${firmwareTotal}; host (node:test): ${hostPassed} passed, ${hostFailed} failed, ${hostSkipped} skipped`);
console.log(`${passed} passed, ${failed} failed, ${hostSkipped} skipped`);
process.exit(failed === 0 && aspect.status === 0 && host.status === 0 ? 0 : 1);
