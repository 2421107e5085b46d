// The web simulator as a person uses it: `calmfoot web` serves the built page (dist/web, from
// npm run build) and prints its URL first; headless Chromium opens it and works it by accessible
// names: a press on the bedside button starts a session, a PLMS night reaches RESTLESS, injected
// faults are answered by the firmware's FAULT events, a CSV opened from disk replays, and the page's
// device log for an address is the command line's `--log` output for the same night, byte for byte.
// Throughout, the page logs no error and asks nothing of any machine but this one.

import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { RELEASE_WASM } from "../../host/firmwareFile.js";
import { writeEdf } from "../../host/replay/edfWrite.js";
import { WEB_ROOT } from "../../host/webServer.js";
import { StillLeg, csvRecording } from "./support.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install the Debian package "chromium" to run the web simulator test`;
if (skip) console.log(`# SKIP web-browser: ${skip}`);

/** The command line, as a person runs it (tsx on the sources, like the other CLI tests). */
function calmfoot(...args: string[]): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "host/cli.ts", ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe("the web simulator in a browser", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "calmfoot-web-"));
  let server: ChildProcess;
  let url = "";
  let firstLine = "";
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let context: any;
  const offMachine: string[] = [];
  const errors: string[] = [];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function open(query: string): Promise<any> {
    const page = await context.newPage();
    page.on("pageerror", (e: Error) => errors.push(`${query}: ${e.message}`));
    page.on("console", (m: { type(): string; text(): string }) => { if (m.type() === "error") errors.push(`${query}: ${m.text()}`); });
    await page.goto(url + query);
    await page.waitForFunction(() => document.body.dataset.night !== undefined, undefined, { timeout: 10_000 });
    return page;
  }

  before(async () => {
    assert.ok(existsSync(join(WEB_ROOT, "index.html")), "the page is built (npm run build)");
    server = spawn(process.execPath, ["--import", "tsx", "host/cli.ts", "web", "--no-open", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    firstLine = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout!.on("data", (d) => {
        out += String(d);
        if (out.includes("\n")) resolve(out.split("\n")[0]);
      });
      server.once("exit", (code) => reject(new Error(`calmfoot web exited (${code})`)));
    });
    url = firstLine;
    const { chromium } = await import("playwright-core");
    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1500, height: 1100 }, acceptDownloads: true,
    });
    context.on("request", (r: { url(): string }) => {
      if (!r.url().startsWith(url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) offMachine.push(r.url());
    });
    for (const p of context.pages()) await p.close();
  });

  after(async () => {
    await context?.close();
    server?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  });

  it("calmfoot web prints its URL first, on this machine, and serves the page with the firmware as built", async () => {
    assert.match(firstLine, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const html = await (await fetch(url)).text();
    assert.match(html, /<title>calmfoot web simulator<\/title>/);
    const wasm = readdirSync(join(WEB_ROOT, "assets")).filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, "one firmware in the bundle");
    const served = Buffer.from(await (await fetch(`${url}assets/${wasm[0]}`)).arrayBuffer());
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    assert.equal(sha(served), sha(readFileSync(RELEASE_WASM)), "the page runs build/firmware.wasm itself");
  });

  it("a click on the Bedside button starts a session; a double click and a hold are the other gestures", async () => {
    const page = await open("?scenario=quiet&seed=2&hours=1&speed=10");
    const button = page.getByRole("button", { name: "Bedside button" });
    const log = page.getByRole("log", { name: "Event log" });
    await button.click();
    await log.getByText(/SESSION_START\s+button, 30 min planned/).waitFor({ timeout: 10_000 });
    await log.getByText(/BUTTON\s+short press/).waitFor();
    await page.locator("#state-session-state").getByText(/^(ramp up|running)$/).waitFor();
    await button.dblclick();
    await log.getByText(/BUTTON\s+double press/).waitFor({ timeout: 10_000 });
    await button.focus();
    await page.keyboard.down("Space");
    await page.waitForTimeout(1100);
    await page.keyboard.up("Space");
    await log.getByText(/BUTTON\s+long press/).waitFor({ timeout: 10_000 });
    await page.close();
  });

  it("a PLMS night reaches RESTLESS, marked on the chart", async () => {
    const page = await open("?scenario=plms&seed=3&hours=1&speed=max");
    await page.getByRole("log", { name: "Event log" }).getByText(/RESTLESS\s+periodic/).first().waitFor({ timeout: 15_000 });
    const marks = await page.evaluate(() => {
      const run = (window as unknown as { calmfoot: { run: { marks: { restless: unknown[]; series: unknown[]; movements: unknown[] } } } }).calmfoot.run;
      return { restless: run.marks.restless.length, series: run.marks.series.length, movements: run.marks.movements.length };
    });
    assert.ok(marks.restless >= 1 && marks.series >= 1 && marks.movements >= 4, JSON.stringify(marks));
    await page.close();
  });

  it("injected faults are answered by the firmware's own FAULT events", async () => {
    const page = await open("?scenario=quiet&seed=2&hours=1&speed=10");
    const log = page.getByRole("log", { name: "Event log" });
    await page.waitForFunction(() => /0:00:0[3-9]/.test(document.getElementById("clock")!.textContent!));
    await page.getByRole("button", { name: "Thermistor open" }).click();
    await log.getByText(/FAULT\s+THERMISTOR \(detail 1\)/).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Unplug accelerometer" }).click();
    await log.getByText(/FAULT\s+ACCEL_MISSING/).waitFor({ timeout: 10_000 });
    assert.match(await page.locator("#state-faults").textContent(), /ACCEL_MISSING/);
    await page.getByRole("button", { name: "Repair accelerometer" }).click();
    await log.getByText(/FAULT_CLEAR\s+ACCEL_MISSING/).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Clock back 10 min" }).click();
    await log.getByText(/FAULT\s+CLOCK \(detail 1\)/).waitFor({ timeout: 10_000 });
    await page.close();
  });

  it("a CSV opened from disk replays through the firmware", async () => {
    const kicks = [10, 40].map((s) => ({ at_ms: s * 1000, duration_ms: 2000, amplitude_mg: 300 }));
    const csv = join(dir, "night.csv");
    writeFileSync(csv, csvRecording(new StillLeg(kicks), 90, { presses: [20_000] }));
    const page = await open("?scenario=quiet&seed=2&hours=1&speed=max");
    await page.getByLabel("Open recording").setInputFiles(csv);
    await page.waitForFunction(() => document.body.dataset.night === "ended", undefined, { timeout: 15_000 });
    const lines = await page.getByRole("log", { name: "Event log" }).getByRole("listitem").allTextContents();
    const cli = calmfoot("replay", csv, "--no-summary").trim().split("\n");
    assert.deepEqual(lines, cli, "the page's timeline is the command line's");
    // A bad row is refused in one line naming file and line, as the command line refuses it.
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "t_ms,ax_mg,ay_mg,az_mg\n0,1,2,1000\n20,1,12x,1000\n");
    await page.getByLabel("Open recording").setInputFiles(bad);
    await page.getByRole("alert").getByText('bad.csv:3: ay_mg is "12x", not a whole number').waitFor({ timeout: 10_000 });
    await page.close();
  });

  it("an EDF+ opened from disk (named .bin: told by content) replays at its own start time, as the command line replays it", async () => {
    const edf = join(dir, "psg.bin");
    const swing = (t: number) => ([12, 40].some((k) => t >= k && t < k + 2) ? 0.3 * Math.sin(2 * Math.PI * 2 * t) : 0);
    const axis = (label: string, f: (t: number) => number) => ({ label, unit: "g", physical_min: -4, physical_max: 4, samples_per_record: 50, value: f });
    writeEdf(edf, { kind: "EDF+C", records: 60, record_duration_s: 1, start_time: "23.12.34",
      channels: [axis("AccX", swing), axis("AccY", (t) => swing(t) / 2), axis("AccZ", () => 1)] });
    const page = await open("?scenario=quiet&seed=2&hours=1&speed=max");
    await page.getByLabel("Open recording").setInputFiles(edf);
    await page.waitForFunction(() => document.body.dataset.night === "ended", undefined, { timeout: 15_000 });
    const lines = await page.getByRole("log", { name: "Event log" }).getByRole("listitem").allTextContents();
    const cli = calmfoot("replay", edf, "--no-summary").trim().split("\n");
    assert.ok(cli.length >= 4 && cli[0].startsWith("23:12:"), cli[0]);
    assert.deepEqual(lines, cli, "the page's timeline is the command line's");
    await page.close();
  });

  it("an address gives the command line's night: the same device log, byte for byte, and the same summary", async () => {
    const page = await open("?scenario=rls-evening&seed=3&hours=0.5&speed=max&intensity=7&sensitivity=4");
    await page.waitForFunction(() => document.body.dataset.night === "ended", undefined, { timeout: 15_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download device log" }).click()]);
    const pageLog = readFileSync(await download.path(), "utf8");
    const command = (await page.locator("#cli").textContent()).replace(/^npx calmfoot /, "").split(" ");
    assert.deepEqual(command, ["simulate", "--scenario", "rls-evening", "--seed", "3", "--hours", "0.5", "--config", "INTENSITY=7",
      "--config", "SENSITIVITY=4", "--log"]);
    const cliLog = calmfoot(...command);
    assert.ok(cliLog.split("\n").length > 20);
    assert.equal(pageLog, cliLog);
    const text = calmfoot(...command.slice(0, -1));
    assert.equal((await page.getByLabel("Night summary").textContent()), text.slice(text.indexOf("Night summary")).trimEnd());
    const [report] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download HTML report" }).click()]);
    const html = readFileSync(await report.path(), "utf8");
    assert.match(html, /^<!doctype html>/i);
    assert.match(html, /simulate rls-evening \(seed 3\)/);
    await page.close();
  });

  it("logged no error and asked nothing of any other machine", () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(offMachine, []);
  });
});
