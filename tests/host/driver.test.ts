// The board driver: the order in which it calls the firmware, a night stepped in slices of any
// length against the same night run at once, a press injected while the night runs, and a
// recording pulled one row at a time.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONFIG, EVENT, SESSION_CAUSE } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { BoardDriver, type NightSource, TICK_MS } from "../../host/board/driver.js";
import { SimulatedNight, plannedNight, simulatedNightDriver, simulatePlan } from "../../host/board/simulatedNight.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import type { RecordingRow } from "../../host/replay/csv.js";
import { replayRows } from "../../host/replay/replay.js";
import { HeatingPad } from "../../host/sim/heatingPad.js";
import { planNight } from "../../host/sim/night.js";
import { seeded } from "../../host/sim/rng.js";
import { stillLeg } from "../../host/sim/stillLeg.js";

/** A board that writes down every call it makes into the firmware, with its time. */
class CallLog extends Board {
  readonly calls: string[] = [];
  override tick(now: number): void { this.calls.push(`tick ${now}`); super.tick(now); }
  override accel(now: number, x: number, y: number, z: number): void { this.calls.push(`accel ${now}`); super.accel(now, x, y, z); }
  override accelBatch(now: number, xyz: ArrayLike<number>, count?: number): void {
    this.calls.push(`batch ${now} ${count}`);
    super.accelBatch(now, xyz, count);
  }
  override temperature(now: number, cdeg: number): void { this.calls.push(`temperature ${now}`); super.temperature(now, cdeg); }
  override button(now: number, level: number): void { this.calls.push(`button ${now} ${level}`); super.button(now, level); }
}

describe("the board driver", () => {
  it("ticks every 100 ms of night time; at the same ms a thermistor reading and a button edge come before the tick, the sample after it", () => {
    const board = new CallLog(firmwareModule());
    const night = new SimulatedNight({ sensor: { sample: stillLeg() }, sample_hz: 50, pad: new HeatingPad(),
      presses: [{ at_ms: 1000, hold_ms: 200 }], random: () => 1 });
    const driver = new BoardDriver(board, night, { clock0_ms: 5000, until_ms: 1201 });
    driver.run();
    const at = (t: number) => board.calls.filter((c) => Number(c.split(" ")[1]) === 5000 + t).map((c) => c.split(" ")[0]);
    assert.deepEqual(at(0), ["temperature", "accel"], "no tick at power-on: the first is one period later");
    assert.deepEqual(at(100), ["tick", "accel"]);
    assert.deepEqual(at(1000), ["button", "temperature", "tick", "accel"]);
    assert.deepEqual(at(1200), ["button", "tick", "accel"]);
    const ticks = board.calls.filter((c) => c.startsWith("tick")).map((c) => Number(c.split(" ")[1]) - 5000);
    assert.deepEqual(ticks, Array.from({ length: 12 }, (_, i) => (i + 1) * TICK_MS));
  });

  it("a night run in slices of any length gives the log of the same night run at once, and the same board clock", () => {
    const plan = planNight("plms-sessions", { hours: 0.25, seed: 2 });
    const once = simulatePlan(plan, { board: new Board(firmwareModule()), sample_hz: 25, clock0_ms: 2 ** 32 - 300_000, trace: false });
    assert.ok(once.events.some((e) => e.kind === EVENT.SESSION_START), "the night has a session");
    const random = seeded(5);
    for (const slice of [() => 1, () => 997, () => 60_000, () => 1 + Math.floor(random() * 5000)]) {
      const board = new Board(firmwareModule());
      const driver = simulatedNightDriver(plannedNight(plan, { board, sample_hz: 25, clock0_ms: 2 ** 32 - 300_000, trace: false }));
      let slices = 0;
      while (driver.advance(slice()) !== "ended") slices++;
      assert.ok(slices > 0);
      assert.deepEqual(board.events, once.events);
      assert.equal(driver.clockAt(plan.duration_ms), once.end_clock_ms);
    }
  });

  it("a press injected while the night runs starts a button session", () => {
    const board = new Board(firmwareModule());
    const night = new SimulatedNight({ sensor: { sample: stillLeg() }, sample_hz: 50 });
    const driver = new BoardDriver(board, night, { clock0_ms: 0, batch: 25, config: [[CONFIG.HEAT_ENABLED, 0]] });
    assert.equal(driver.advance(60_000), "reached");
    assert.equal(board.events.filter((e) => e.kind === EVENT.SESSION_START).length, 0);
    night.press(driver.night_ms, 150);
    driver.advance(5_000);
    const starts = board.events.filter((e) => e.kind === EVENT.SESSION_START);
    assert.equal(starts.length, 1);
    assert.equal(starts[0].a, SESSION_CAUSE.BUTTON);
    assert.ok(starts[0].now_ms > 60_000 && starts[0].now_ms < 61_000, `started at ${starts[0].now_ms}`);
  });

  it("a streamed source that has no input yet pauses the night; fed, it goes on", () => {
    let ready = 0;
    const source: NightSource = {
      nextAt_ms: () => (ready > 0 ? 0 : NaN),
      nextBeforeTick: () => false,
      feed: (d) => { ready--; d.sample([0, 0, 1000]); },
    };
    const driver = new BoardDriver(new Board(firmwareModule()), source, { clock0_ms: 0 });
    assert.equal(driver.run(), "starved");
    ready = 1;
    assert.equal(driver.run(), "starved");
    assert.equal(driver.board.events.length, 0);
  });

  it("a recording is pulled one row at a time: never more than one row ahead of the firmware", async () => {
    let pulled = 0;
    let maxAhead = 0;
    class Counting extends Board {
      samples = 0;
      override accel(now: number, x: number, y: number, z: number): void { this.samples++; super.accel(now, x, y, z); }
    }
    const board = new Counting(firmwareModule());
    function* rows(): Generator<RecordingRow> {
      for (let i = 0; i < 5000; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - board.samples);
        yield { t_ms: i * 20, ax_mg: 0, ay_mg: 0, az_mg: 1000 };
      }
    }
    assert.equal(await replayRows(board, rows(), { hasTemperature: false }), 5000);
    assert.equal(board.samples, 5000);
    assert.equal(maxAhead, 1);
  });
});

