// The report on paper: printed to PDF by headless Chromium (A4 landscape, as the page's print CSS
// asks) and read back with poppler's pdfinfo/pdftotext, an independent reader. Every section is
// in the PDF, the whole-night chart reaches its right end (the last hour tick, the lanes' right-
// hand labels) inside the page, each chart sits on one page, and the zoom section prints the
// window it shows.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { writeReport } from "../../host/report/index.js";
import { fixtureNight } from "./report-fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is absent: install the Debian package "chromium"`
  : !existsSync("/usr/bin/pdftotext") ? "pdftotext is absent: install the Debian package \"poppler-utils\"" : false;
if (skip) console.log(`# SKIP report-print: ${skip}`);

/** A4 landscape in PostScript points, and the page's 10 mm margins. */
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
const MARGIN_PT = (10 / 25.4) * 72;

interface Word { text: string; xMin: number; xMax: number; yMin: number }

/** The words of one page with their boxes (pdftotext -bbox). */
function words(pdf: string, page: number): Word[] {
  const r = spawnSync("pdftotext", ["-f", String(page), "-l", String(page), "-bbox", pdf, "-"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return [...r.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)]
    .map((m) => ({ text: m[4].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"), xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]) }));
}

describe("the night report printed to PDF", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "calmfoot-print-"));
  const html = join(dir, "night.html");
  const pdf = join(dir, "night.pdf");
  // The fixture's 8-h night (22:30–06:30) with labelled movements, scored sleep and lights marks,
  // so every lane and section is there to print.
  const { record } = fixtureNight({ truth: true });
  record.truth!.push({ onset_ms: 10 * 60_000, duration_ms: 0, label: "Lights off" }, { onset_ms: 0, duration_ms: 40 * 60_000, label: "Sleep stage W" },
    { onset_ms: 40 * 60_000, duration_ms: 7 * 3_600_000 - 40 * 60_000, label: "Sleep stage N2" }, { onset_ms: 7.5 * 3_600_000, duration_ms: 0, label: "Lights on" });
  record.truth!.sort((a, b) => a.onset_ms - b.onset_ms);
  let pages = 0;
  let info = "";
  const text: string[] = [];

  before(async () => {
    await writeReport(record, html);
    const { chromium } = await import("playwright-core");
    const context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: CHROMIUM, args: ARGS, headless: true });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector("#zoom[data-ready], #zoom[data-error]", { timeout: 20_000, state: "attached" });
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    } finally {
      await context.close();
    }
    info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
    pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    for (let p = 1; p <= pages; p++) text.push(spawnSync("pdftotext", ["-f", String(p), "-l", String(p), "-layout", pdf, "-"], { encoding: "utf8" }).stdout);
  });

  after(() => { if (!process.env.KEEP_PRINT) rmSync(dir, { recursive: true, force: true }); else console.log(dir); });

  it("is A4 landscape, a few pages long", () => {
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
    assert.ok(Math.abs(Number(size[1]) - A4_LANDSCAPE.width) < 1 && Math.abs(Number(size[2]) - A4_LANDSCAPE.height) < 1, size[0]);
    assert.ok(pages >= 3 && pages <= 8, `${pages} pages`);
  });

  it("has every section", () => {
    const all = text.join("\n");
    for (const heading of ["calmfoot · night report", "Summary", "Sessions", "Firmware against the labelled movements",
      "What the firmware made of each labelled movement", "The whole night", "Zoom", "How to read this"]) {
      assert.ok(all.includes(heading), `"${heading}" is in the PDF`);
    }
    assert.match(all, /PLMS index/);
  });

  it("prints the whole-night chart on one page, to its right end, inside the page", () => {
    const p = text.findIndex((t) => t.includes("The whole night"));
    assert.ok(p >= 0);
    const w = words(pdf, p + 1);
    const ticks = w.filter((x) => /^\d\d:00$/.test(x.text)).map((x) => x.text);
    // Hourly ticks from 23:00 to 06:00: the last one is 93.75 % of the way along the axis.
    for (const tick of ["23:00", "00:00", "03:00", "06:00"]) assert.ok(ticks.includes(tick), `tick ${tick} on the chart's page (${ticks.join(" ")})`);
    // The lanes' right-hand labels stand beyond the plotting area's right end.
    for (const lane of ["N3", "1,000"]) assert.ok(w.some((x) => x.text === lane), `right-hand label "${lane}"`);
    const right = Math.max(...w.map((x) => x.xMax));
    assert.ok(right <= A4_LANDSCAPE.width - MARGIN_PT + 1, `rightmost text ends at ${right} pt, the page's margin at ${A4_LANDSCAPE.width - MARGIN_PT} pt`);
    const six = w.find((x) => x.text === "06:00")!;
    assert.ok(six.xMin > A4_LANDSCAPE.width * 0.75, `06:00 stands near the right end (${six.xMin} pt)`);
  });

  it("prints the zoom section with the window it shows and its chart", () => {
    const p = text.findIndex((t) => /showing \d\d:\d\d:\d\d – \d\d:\d\d:\d\d/.test(t));
    assert.ok(p >= 0, "the zoom's window is printed");
    assert.match(text[p], /showing 22:30:00 – 06:30:00/);
    const w = words(pdf, p + 1);
    assert.ok(w.some((x) => x.text === "Movements"), "the zoom chart's lanes are on the same page");
    assert.ok(Math.max(...w.map((x) => x.xMax)) <= A4_LANDSCAPE.width - MARGIN_PT + 1);
  });
});
