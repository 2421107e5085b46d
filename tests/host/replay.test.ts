// Replaying recordings: the fixed call order, the u32 clock wrap, and the heat rule for files
// without a thermistor column.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CONFIG, EVENT } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { readCsvRecording } from "../../host/replay/csv.js";
import { replayRows } from "../../host/replay/replay.js";
import { StillLeg, csvRecording } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-replay-"));

async function replay(text: string) {
  const path = join(dir, `r${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, text);
  let temp = false;
  const board = new Board(firmwareModule());
  const rows = await replayRows(board, readCsvRecording(path, (c) => { temp = c.temp; }), { get hasTemperature() { return temp; } });
  return { board, rows };
}

describe("replay", () => {
  const kicks = [15, 45, 75, 105, 135].map((s) => ({ at_ms: s * 1000, duration_ms: 1800, amplitude_mg: 250 }));

  it("a recording that crosses the u32 clock wrap gives the same log, shifted", async () => {
    const t0 = 2 ** 32 - 60_000; // one minute before the wrap
    const plain = await replay(csvRecording(new StillLeg(kicks, 3), 180, { presses: [30_000] }));
    const wrapped = await replay(csvRecording(new StillLeg(kicks, 3), 180, { presses: [30_000], t0_ms: t0 }));
    assert.ok(plain.board.events.length > 5);
    const shifted = wrapped.board.events.map((e) => ({
      ...e,
      now_ms: (e.now_ms - t0) >>> 0,
      a: e.kind === EVENT.MOVE_START ? (e.a - t0) | 0 : e.a,
    }));
    assert.deepEqual(shifted, plain.board.events);
  });

  it("without a temp_cdeg column the heater stays disabled and no thermistor fault is raised", async () => {
    const { board } = await replay(csvRecording(new StillLeg(), 60, { presses: [5_000] }));
    assert.equal(board.configGet(CONFIG.HEAT_ENABLED), 0);
    assert.ok(board.events.some((e) => e.kind === EVENT.SESSION_START));
    assert.ok(!board.events.some((e) => e.kind === EVENT.FAULT));
  });

  it("replays every row", async () => {
    const { rows } = await replay(csvRecording(new StillLeg(), 10));
    assert.equal(rows, 500);
  });
});
