// The report as a person sees it: written by writeReport, opened from disk in headless Chromium
// with the network cut off, its marks counted against the event log, zoomed to an hour, and
// photographed to build/report-screenshot.png.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { EVENT, MOVE_CLASS } from "../../host/abi.js";
import { writeReport } from "../../host/report/index.js";
import { summarize } from "../../host/report/summary.js";
import { fixtureNight } from "./report-fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install the Debian package "chromium" to run the report browser test`;
if (skip) console.log(`# SKIP report-browser: ${skip}`);

describe("the night report in a browser", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "calmfoot-report-"));
  const file = join(dir, "night.html");
  const { record } = fixtureNight({ truth: true, clock0_ms: 4_294_000_000 });
  const summary = summarize(record);
  const lmEnds = record.events.filter((e) => e.kind === EVENT.MOVE_END && e.b === MOVE_CLASS.LM).length;
  const sessions = record.events.filter((e) => e.kind === EVENT.SESSION_START).length;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let browser: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let page: any;
  const requests: string[] = [];
  const errors: string[] = [];

  before(async () => {
    await writeReport(record, file);
    const { chromium } = await import("playwright-core");
    const profile = join(dir, "profile");
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1360, height: 1000 },
    });
    browser = context;
    page = context.pages()[0] ?? (await context.newPage());
    page.on("request", (r: { url(): string }) => requests.push(r.url()));
    page.on("pageerror", (e: Error) => errors.push(e.message));
    page.on("console", (m: { type(): string; text(): string }) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("#zoom[data-ready], #zoom[data-error]", { timeout: 20_000, state: "attached" });
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("draws the zoomable chart without errors and fetches nothing", async () => {
    assert.equal(await page.getAttribute("#zoom", "data-error"), null);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [pathToFileURL(file).href], "the page must load nothing but itself");
  });

  it("has one LM mark per LM MOVE_END, in the whole night and in the zoomable chart", async () => {
    assert.ok(lmEnds > 30);
    assert.equal(await page.locator("#overview g.mark-rect.lm > path").count(), lmEnds);
    assert.equal(await page.locator("#zoom g.mark-rect.zoom-lm > path").count(), lmEnds);
    const shortEnds = record.events.filter((e) => e.kind === EVENT.MOVE_END && e.b === MOVE_CLASS.SHORT).length;
    const longEnds = record.events.filter((e) => e.kind === EVENT.MOVE_END && e.b === MOVE_CLASS.LONG).length;
    assert.equal(await page.locator("#overview g.mark-rect.short > path").count(), shortEnds);
    assert.equal(await page.locator("#overview g.mark-rect.long > path").count(), longEnds);
  });

  it("has the sessions, series, restlessness, faults and labelled movements", async () => {
    assert.equal(await page.locator("#overview g.mark-rect.session > path").count(), sessions);
    assert.equal(await page.locator("#overview g.mark-rect.series > path").count(), summary.series.length);
    assert.equal(await page.locator("#overview g.mark-symbol.restless > path").count(), summary.restless.length);
    assert.equal(await page.locator("#overview g.mark-rect.fault > path").count(), summary.faults.length);
    const truthLms = record.truth!.filter((t) => t.label === "LM").length;
    assert.equal(await page.locator("#overview g.mark-rect.truth-lm > path").count(), truthLms);
  });

  it("shows the summary numbers", async () => {
    assert.equal((await page.textContent("#fig-lm .card-value")).trim(), String(summary.lm_count));
    assert.equal((await page.textContent("#fig-plmi .card-value")).trim(), summary.plm_index.toFixed(1));
    assert.equal((await page.textContent("#fig-tib .card-value")).trim(), "8 h 00 min");
    const table = await page.textContent("#summary-table");
    assert.match(table, /PLMs per hour in bed/);
    assert.equal(await page.locator("#sessions-table tbody tr").count(), sessions);
    const agreement = await page.textContent("#agreement-table");
    assert.match(agreement, new RegExp(`${(summary.agreement!.sensitivity! * 100).toFixed(1)} %`));
    assert.match(agreement, new RegExp(`${(summary.agreement!.ppv! * 100).toFixed(1)} %`));
  });

  it("zooms to an hour with its button and back to the whole night", async () => {
    const whole = await page.evaluate(() => (window as unknown as { calmfootView: { signal(n: string): number[] } }).calmfootView.signal("detailDomain"));
    assert.ok(Math.abs(whole[1] - whole[0] - record.duration_ms) < 1000);
    const button = page.locator(".hours button", { hasText: "23:00–00:00" });
    await button.click();
    await page.waitForFunction(() => /showing 23:00:00 – 00:00:00/.test(document.getElementById("zoom-status")!.textContent!), undefined, { timeout: 10_000 });
    const hour = await page.evaluate(() => (window as unknown as { calmfootView: { signal(n: string): number[] } }).calmfootView.signal("detailDomain"));
    assert.ok(Math.abs(hour[1] - hour[0] - 3_600_000) < 2000, `zoomed to ${hour[1] - hour[0]} ms`);
    await page.evaluate(() => (window as unknown as { calmfootView: { runAsync(): Promise<unknown> } }).calmfootView.runAsync().then(() => true));
    mkdirSync("build", { recursive: true });
    await page.screenshot({ path: "build/report-screenshot-zoom.png", fullPage: true });
    // Dragging across the overview strip zooms to the dragged stretch.
    const strip = await page.locator("#zoom svg").boundingBox();
    const y = strip.y + 8 + 18;                       // padding top + half the strip
    const x0 = strip.x + 120;                         // left edge of the plotting area (LABEL_WIDTH)
    await page.mouse.move(x0 + 1080 * 0.5, y);
    await page.mouse.down();
    await page.mouse.move(x0 + 1080 * 0.625, y, { steps: 5 });
    await page.mouse.up();
    const dragged = await page.evaluate(() => (window as unknown as { calmfootView: { signal(n: string): number[] } }).calmfootView.signal("detailDomain"));
    const span = dragged[1] - dragged[0];
    assert.ok(Math.abs(span - record.duration_ms / 8) < 60_000, `dragged an eighth of the night, got ${span} ms`);
    await page.locator(".hours button", { hasText: "Whole night" }).click();
    await page.waitForFunction(() => /showing 22:30:00 – 06:30:00/.test(document.getElementById("zoom-status")!.textContent!), undefined, { timeout: 10_000 });
    await page.evaluate(() => (window as unknown as { calmfootView: { runAsync(): Promise<unknown> } }).calmfootView.runAsync().then(() => true));
    await page.screenshot({ path: "build/report-screenshot.png", fullPage: true });
  });
});
