// npm run bench, the web simulator's rows: the built page (dist/web) served by `calmfoot web`'s
// server, opened in headless Chromium (Debian's /usr/bin/chromium through playwright-core).
//
//   speed "max": an 8-hour night from the page's first frame to its end (the page's own clock,
//   performance.now(), read back from window.calmfoot.pacer.wall_ms);
//   speed 600×: frames per second over 10 s of a running night, from requestAnimationFrame
//   timestamps taken in the page, and the page's own work per frame (running the night and
//   drawing every panel).
// Headless Chromium paces requestAnimationFrame by its own compositor clock, not a display's vsync,
// and draws without a GPU: the frame rate says the page keeps up with 60 Hz frames, not what a
// given monitor shows.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveWeb } from "../webServer.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface WebBench {
  /** 8-h night at speed max: real time, ms. */
  max_night_ms: number;
  /** At 600×: frames per second, median and 95th-percentile frame interval, frames longer than 25 ms, of how many. */
  fps: number;
  median_frame_ms: number;
  p95_frame_ms: number;
  long_frames: number;
  frames: number;
  /** The page's work per frame at 600× (night + drawing), median and 95th percentile, ms. */
  median_work_ms: number;
  p95_work_ms: number;
}

const quantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Null when Chromium is not installed. */
export async function webBench(say: (s: string) => void): Promise<WebBench | null> {
  if (!existsSync(CHROMIUM)) return null;
  const { server, url } = await serveWeb(0);
  const profile = mkdtempSync(join(tmpdir(), "calmfoot-web-bench-"));
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1500, height: 1100 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    say("web: an 8-hour night at speed max");
    await page.goto(`${url}?scenario=night&seed=1&hours=8&speed=max`);
    await page.waitForFunction(() => document.body.dataset.night === "ended", undefined, { timeout: 120_000, polling: 200 });
    const max_night_ms = await page.evaluate(() => (window as unknown as { calmfoot: { pacer: { wall_ms: number } } }).calmfoot.pacer.wall_ms);

    say("web: 10 s of frames at 600×");
    await page.goto(`${url}?scenario=night&seed=1&hours=8&speed=600`);
    await page.waitForFunction(() => document.body.dataset.night === "running");
    await page.waitForTimeout(1000);
    // A string, not a function: tsx's name-keeping helpers do not exist in the page.
    const { stamps, work } = await page.evaluate(`new Promise((resolve) => {
      const stamps = [];
      const tick = (t) => {
        stamps.push(t);
        if (t - stamps[0] < 10000) requestAnimationFrame(tick);
        else resolve({ stamps, work: [...window.calmfoot.work_ms] });
      };
      requestAnimationFrame(tick);
    })`) as { stamps: number[]; work: number[] };
    const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
    return {
      max_night_ms,
      fps: (intervals.length * 1000) / (stamps[stamps.length - 1] - stamps[0]),
      median_frame_ms: quantile(intervals, 0.5),
      p95_frame_ms: quantile(intervals, 0.95),
      long_frames: intervals.filter((d) => d > 25).length,
      frames: intervals.length,
      median_work_ms: quantile(work, 0.5),
      p95_work_ms: quantile(work, 0.95),
    };
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
