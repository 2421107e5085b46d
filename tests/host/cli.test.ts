// The command line as a person meets it: what it prints, and how it refuses bad input (one line
// naming the file and line, exit code 2, no stack trace).

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { EVENT } from "../../host/abi.js";
import { parseLogLine } from "../../host/eventLog.js";
import { StillLeg, csvRecording } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-cli-"));

function calmfoot(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "host/cli.ts", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function assertRefused(r: { code: number | null; err: string }, where: RegExp) {
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, where);
  assert.doesNotMatch(r.err, /^\s+at /m, "no stack trace");
}

describe("calmfoot replay", () => {
  const kicks = [10, 40].map((s) => ({ at_ms: s * 1000, duration_ms: 2000, amplitude_mg: 300 }));
  const good = file("good.csv", csvRecording(new StillLeg(kicks), 60, { presses: [20_000] }));

  it("prints the canonical device log of a recording", () => {
    const r = calmfoot("replay", good, "--log");
    assert.equal(r.code, 0, r.err);
    const events = r.out.trim().split("\n").map(parseLogLine);
    assert.ok(events.some((e) => e.kind === EVENT.MOVE_END), "movements were detected");
    assert.ok(events.some((e) => e.kind === EVENT.SESSION_START), "the press in the file started a session");
  });

  it("prints a readable timeline and a summary by default; --start takes seconds", () => {
    const r = calmfoot("replay", good, "--start", "23:00:30");
    assert.equal(r.code, 0, r.err);
    // The first kick is 10 s in: 23:00:40, its onset as a time of day.
    assert.match(r.out, /^23:00:40\.\d{3}\s+MOVE_START\s+onset 23:00:40\.\d{3} \(detected \d+ ms later\)$/m);
  });

  it("refuses options that contradict each other, in one line", () => {
    const r = calmfoot("replay", good, "--config", "SAMPLE_HZ=25", "--sample-hz", "50");
    assertRefused(r, /^calmfoot: --config: SAMPLE_HZ=25 contradicts --sample-hz 50\n$/);
  });

  it("names file and line of a field that is not a number", () => {
    const bad = file("bad.csv", "t_ms,ax_mg,ay_mg,az_mg\n0,1,2,1000\n20,1,12x,1000\n");
    assertRefused(calmfoot("replay", bad), /bad\.csv:3: ay_mg is "12x"/);
  });

  it("names the header line when a column is missing", () => {
    const bad = file("nocol.csv", "t_ms,ax_mg,az_mg\n0,1,1000\n");
    assertRefused(calmfoot("replay", bad), /nocol\.csv:1: header lacks column ay_mg/);
  });

  it("names a row with too few fields", () => {
    const bad = file("short.csv", "t_ms,ax_mg,ay_mg,az_mg\n0,1,2,1000\n20,1,2\n");
    assertRefused(calmfoot("replay", bad), /short\.csv:3:/);
  });

  it("leaves no report behind when the recording turns out to be bad halfway", () => {
    const rows = csvRecording(new StillLeg(), 20).split("\n");
    rows.splice(600, 0, "12000,1,2,x,0");
    const bad = file("half.csv", rows.join("\n"));
    const report = join(dir, "half.html");
    assertRefused(calmfoot("replay", bad, "--report", report), /half\.csv:601: az_mg is "x"/);
    assert.ok(!existsSync(report), "no partial report");
  });

  it("refuses a file that does not exist", () => {
    assertRefused(calmfoot("replay", join(dir, "nope.csv")), /nope\.csv: no such file/);
  });
});

describe("calmfoot simulate", () => {
  it("documents its options, the start as a time of day, and every config name with its range and default", () => {
    const r = calmfoot("simulate", "--help");
    assert.equal(r.code, 0);
    for (const option of ["--scenario", "--hours", "--seed", "--start", "--clock0", "--sample-hz", "--json", "--report"]) {
      assert.ok(r.out.includes(option), `help lists ${option}`);
    }
    assert.match(r.out, /--start <hh:mm\[:ss\]>\s+time of day at the start \(default: 22:30\)/);
    // The HAL contract's config table (docs/hal-abi.md), not the code's: name, range, default.
    for (const [name, range, dflt] of [["SAMPLE_HZ", "25, 50, 100 Hz", 50], ["SESSION_MIN", "5…60 min", 30], ["AUTO_SESSION_MIN", "5…60 min", 20],
      ["INTENSITY", "1…9", 5], ["HEAT_TARGET_DC", "300…420 deci-°C", 400], ["HEAT_ENABLED", "0…1", 1], ["AUTO_START", "0…1", 1],
      ["SENSITIVITY", "1…5", 3], ["AUTO_COOLDOWN_MIN", "0…120 min", 10]]) {
      assert.match(r.out, new RegExp(`^  ${name}\\s+${range} \\[${dflt}\\]`, "m"), name as string);
    }
  });

  it("--version prints the package's version and the HAL ABI's", () => {
    const r = calmfoot("--version");
    assert.equal(r.code, 0);
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    assert.equal(r.out, `calmfoot ${pkg.version} (HAL ABI v1)\n`);
  });

  it("ends quietly with exit code 0 when the reader of its output goes away (| head -1)", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "host/cli.ts", "simulate", "--hours", "4", "--scenario", "rls-evening", "--json"],
      { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => { err += d; });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(err, "", "no EPIPE trace");
    assert.equal(code, 0);
  });

  it("refuses a config value outside its range, naming the range", () => {
    assertRefused(calmfoot("simulate", "--hours", "0.1", "--config", "INTENSITY=12"), /INTENSITY=12 is outside 1…9 \(default 5\)/);
  });

  it("refuses an unknown scenario and an impossible time of day", () => {
    assertRefused(calmfoot("simulate", "--scenario", "nope"), /nope/);
    assertRefused(calmfoot("simulate", "--start", "25:00"), /time of day/);
  });

  it("gives MOVE_START's onset in JSON as a u32 time, also just before the clock wraps", () => {
    const r = calmfoot("simulate", "--hours", "0.2", "--json", "--clock0", String(2 ** 32 - 600_000), "--scenario", "plms");
    assert.equal(r.code, 0, r.err);
    const starts = r.out.trim().split("\n").map((l) => JSON.parse(l)).filter((l) => l.event === "MOVE_START");
    assert.ok(starts.length > 0);
    for (const s of starts) {
      assert.ok(s.a >= 0 && s.a <= 0xffffffff, `onset ${s.a}`);
      assert.ok(((s.now_ms - s.a) >>> 0) < 1000, "the onset lies just before the detection");
    }
  });

  it("runs a short night as JSON lines with times of day", () => {
    const r = calmfoot("simulate", "--hours", "0.5", "--json", "--start", "01:00");
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
    // The last line is the night's summary object (README: --json).
    assert.ok("summary" in lines.pop());
    for (const l of lines) {
      assert.match(l.time, /^01:[0-2]\d:\d\d\.\d{3}$/);
      assert.equal(typeof l.event, "string");
    }
  });
});
