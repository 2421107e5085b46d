// Memory held while a recording streams does not grow with its length: the readers keep a chunk
// and a record, and a replay keeps its summary, never the rows. These tests push hundreds of
// thousands of rows, so mutation testing (tests/mutation/host) leaves them out: they prove memory
// bounds, and the readers' rules are pinned row by row in csvReader.test.ts and
// recordingReplay.test.ts.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Board } from "../../host/board/board.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { CsvReader } from "../../host/replay/csvReader.js";
import { RecordingReplay } from "../../host/replay/recordingReplay.js";
import { StillLeg } from "./support.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const HEAD = "t_ms,ax_mg,ay_mg,az_mg";

describe("CSV reader: memory on a long stream", () => {
  it("only what a recording needs holds memory: a stream of 2 million rows in 4 KiB chunks keeps at most a chunk and a record", () => {
    // Rows generated as they are pushed, never the whole file: 2,000,000 rows, 40 MB of text.
    const reader = new CsvReader("long.csv");
    reader.push(bytes(`${HEAD}\n`));
    const CHUNK = 4096;
    let pending = "";
    let t = 4_294_000_000; // crosses the u32 wrap on the way
    let rows = 0;
    let most = 0;
    for (let i = 0; i < 2_000_000; i++) {
      pending += `${t >>> 0},${i % 300},-${i % 7},1000\n`;
      t += 10;
      if (pending.length >= CHUNK) {
        reader.push(bytes(pending.slice(0, CHUNK)));
        pending = pending.slice(CHUNK);
        most = Math.max(most, reader.bufferedBytes);
        for (let row = reader.next(); row !== null; row = reader.next()) rows++;
        assert.ok(reader.bufferedBytes < 64, `${reader.bufferedBytes} bytes held after the rows were taken: part of one row`);
      }
    }
    reader.push(bytes(pending));
    reader.end();
    for (let row = reader.next(); row !== null; row = reader.next()) rows++;
    assert.equal(rows, 2_000_000);
    assert.ok(most <= CHUNK + 64, `at most a chunk and part of a row held (${most} bytes)`);
  });
});

describe("a replay's memory on a long stream", () => {
  it("memory held does not grow with the recording: 4 hours at 25 Hz streamed, heap after 1 h and after 4 h within 8 MB", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const leg = new StillLeg(Array.from({ length: 480 }, (_, i) => ({ at_ms: i * 30_000 + 5000, duration_ms: 1500, amplitude_mg: 300 })));
    const board = new Board(firmwareModule());
    const r = new RecordingReplay(board, { name: "long.csv", size_bytes: Infinity });
    r.push(bytes("t_ms,ax_mg,ay_mg,az_mg\n"));
    const heap: number[] = [];
    // 360,000 rows made as they are pushed, never the whole file (about 6 MB of text).
    for (let hour = 0; hour < 4; hour++) {
      for (let minute = 0; minute < 60; minute++) {
        let text = "";
        for (let i = 0; i < 1500; i++) {
          const t = ((hour * 60 + minute) * 1500 + i) * 40;
          const [x, y, z] = leg.sample(t);
          text += `${t},${x},${y},${z}\n`;
        }
        r.push(bytes(text));
      }
      if (hour === 0 || hour === 3) {
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    r.end();
    const night = r.record();
    assert.equal(night.duration_ms, 4 * 3_600_000);
    assert.ok(night.events.length > 450, `${night.events.length} events: the kicks were replayed`);
    const grown_mb = (heap[1] - heap[0]) / 1e6;
    // Before streaming, a CSV held about 1 KB a row: 270 MB for these 3 hours.
    assert.ok(grown_mb < 8, `the heap grew by ${grown_mb.toFixed(1)} MB over 3 hours of rows`);
  });
});
