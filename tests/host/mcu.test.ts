// The Cortex-M4 images (boards/cortex-m4 in QEMU's mps2-an386) replay their embedded recording and
// print the canonical event log, which must equal the Node board's for the same recording, byte for
// byte, in every pass (per sample and in FIFO batches). The trap images restart the trapping module
// a hundred times: the same log as Node, and the RAM high-water after the hundredth restart is what
// it was after the first. An image whose runtime sources are not available here is skipped, with
// the reason, never passed.

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { parseLogLine } from "../../host/eventLog.js";
import { allImages, buildBoards, FIRMWARE_WASM, missingTools, TRAPPING_WASM, type Build, type Image } from "../../boards/harness/build.js";
import { firstDifference, nodeLog } from "../../boards/harness/logs.js";
import { instructionsPerTick, measuredInstructionsPerTick, runM4, type M4Run } from "../../boards/harness/qemu.js";
import { TRAP_COUNT, type Recording } from "../../boards/harness/recording.js";

const missing = missingTools("cortex-m4");
if (missing) console.log(`# SKIP Cortex-M4 images: ${missing}`);

const M4 = allImages().filter((i) => i.target === "cortex-m4");
const lines = (log: string) => log.trimEnd().split("\n").map(parseLogLine);

describe("Cortex-M4 images (QEMU mps2-an386)", { skip: missing ?? false }, () => {
  let build: Build;
  /** The Node board's log of each recording, per pass. */
  const reference = new Map<Recording["name"], string[]>();

  before(async () => {
    build = await buildBoards();
    for (const recording of build.recordings) {
      const wasmPath = recording.name === "traps" ? TRAPPING_WASM : FIRMWARE_WASM;
      const logs: string[] = [];
      for (const pass of recording.passes) logs.push((await nodeLog(recording.csv, { wasmPath, batch: pass.batch, config: pass.config })).log);
      reference.set(recording.name, logs);
    }
  });

  function run(image: Image): M4Run {
    const built = build.images.find((i) => i.name === image.name)!;
    return runM4(built.elf);
  }

  function assertSameLogs(image: Image, result: M4Run, recording: Recording["name"]): void {
    const expected = reference.get(recording)!;
    assert.equal(result.logs.length, expected.length, `${image.name}: passes printed`);
    result.logs.forEach((pass, i) => {
      assert.ok(expected[i].length > 0, "the recording produced no events: nothing was compared");
      const diff = firstDifference(expected[i], pass.log, ["node", image.name]);
      if (diff) assert.fail(`pass ${i + 1} (batch ${pass.batch}): ${diff}`);
    });
  }

  test("the embedded night exercises what it must: series, sessions, button, thermistor and accelerometer faults, the wrap", () => {
    for (const log of reference.get("night")!) {
      const events = lines(log);
      const kinds = new Set(events.map((e) => e.kind));
      for (const kind of [1, 2, 3, 4, 5, 6, 7, 9]) assert.ok(kinds.has(kind), `event kind ${kind} in the night's log`);
      const faults = new Set(events.filter((e) => e.kind === 7).map((e) => e.a));
      assert.ok(faults.has(2) && faults.has(3), "FAULT 2 (accelerometer) and FAULT 3 (thermistor)");
      assert.ok(events.some((e) => e.now_ms > 2 ** 32 - 120_000) && events.some((e) => e.now_ms < 120_000), "events on both sides of the wrap");
    }
  });

  for (const image of M4.filter((i) => !i.trap)) {
    test(`${image.runtime} on the Cortex-M4 prints the Node board's log of the embedded night, per sample and in batches`, (t) => {
      const skipped = build.skipped.find((s) => s.name === image.name);
      if (skipped) return t.skip(skipped.reason);
      const result = run(image);
      assertSameLogs(image, result, "night");
      assert.equal(result.figures.restarts, 0, `${image.name} restarted: ${result.notes}`);
      // The instruction counter, checked on a loop of known length: 1 ns of virtual time per
      // instruction (-icount shift=0) and SysTick at the board's 25 MHz make 40 per tick.
      assert.equal(instructionsPerTick(result.figures), 40, `measured ${measuredInstructionsPerTick(result.figures)} instructions per tick`);
    });
  }

  for (const image of M4.filter((i) => i.trap)) {
    test(`${image.runtime} on the Cortex-M4 restarts ${TRAP_COUNT} times like the Node board, and its RAM high-water does not grow`, (t) => {
      const skipped = build.skipped.find((s) => s.name === image.name);
      if (skipped) return t.skip(skipped.reason);
      const result = run(image);
      assertSameLogs(image, result, "traps");
      const f = result.figures;
      assert.equal(f.restarts, TRAP_COUNT);
      assert.equal((result.notes.match(/restarted/g) ?? []).length, TRAP_COUNT);
      // Each restarted instance, once its config is back, holds as much of the arena or pool as the
      // one before; the high-water over all of them after the hundredth restart is what it was at
      // the first; so is the stack's peak.
      const heap = f.restart_heap_high_water_bytes;
      assert.equal(heap.length, TRAP_COUNT);
      assert.deepEqual(new Set(heap), new Set([heap[0]]), `arena/pool in use per restart: ${[...new Set(heap)].join(", ")}`);
      assert.equal(f.heap_high_water_bytes, f.restart_heap_high_water_first_bytes, "the arena/pool high-water grew after the first restart");
      assert.equal(f.stack_peak_bytes, f.restart_stack_peak_first_bytes, "the stack went deeper after the first restart");
    });
  }
});
