// writeReport: one self-contained file, written whole or not at all.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { EVENT, MOVE_CLASS } from "../../host/abi.js";
import { InputError } from "../../host/inputError.js";
import { hourWindows, nightSvg, writeReport } from "../../host/report/index.js";
import { fixtureNight } from "./report-fixture.js";

describe("writeReport", () => {
  const dir = mkdtempSync(join(tmpdir(), "calmfoot-report-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const { record } = fixtureNight({ truth: true });

  it("writes one self-contained page under 5 MB for an 8-hour night, and no temporary file", async () => {
    const file = join(dir, "night.html");
    await writeReport(record, file);
    const html = readFileSync(file, "utf8");
    assert.ok(statSync(file).size < 5_000_000, `${statSync(file).size} bytes`);
    assert.deepEqual(readdirSync(dir), ["night.html"]);
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    // Nothing loaded from elsewhere: no external script, stylesheet, image or frame.
    assert.doesNotMatch(html, /<(script|img|iframe)[^>]*\ssrc=/i);
    assert.doesNotMatch(html, /<link[^>]*href=/i);
    assert.equal((html.match(/<\/script>/g) ?? []).length, 3, "model, Vega runtime, page script");
  });

  it("replaces an existing report whole", async () => {
    const file = join(dir, "again.html");
    writeFileSync(file, "old");
    await writeReport(record, file);
    assert.match(readFileSync(file, "utf8"), /calmfoot · night report/);
  });

  it("a path that cannot be written is an InputError naming it, and leaves nothing behind", async () => {
    const file = join(dir, "no-such-dir", "night.html");
    await assert.rejects(writeReport(record, file), (err: unknown) => err instanceof InputError && err.message.startsWith(file));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".tmp")), []);
  });

  it("the whole-night SVG has a mark per LM, short and long movement", async () => {
    const svg = await nightSvg(record);
    const count = (name: string) => {
      const m = new RegExp(`<g class="mark-rect role-mark ${name}"[^>]*>(.*?)</g>`, "s").exec(svg);
      return m ? (m[1].match(/<path/g) ?? []).length : 0;
    };
    const ends = (cls: number) => record.events.filter((e) => e.kind === EVENT.MOVE_END && e.b === cls).length;
    assert.equal(count("lm"), ends(MOVE_CLASS.LM));
    assert.equal(count("short"), ends(MOVE_CLASS.SHORT));
    assert.equal(count("long"), ends(MOVE_CLASS.LONG));
  });

  it("offers a button per clock hour of the night", () => {
    assert.deepEqual(hourWindows(record).map((h) => h.label), ["22:00–23:00", "23:00–00:00", "00:00–01:00", "01:00–02:00",
      "02:00–03:00", "03:00–04:00", "04:00–05:00", "05:00–06:00", "06:00–07:00"]);
  });
});
