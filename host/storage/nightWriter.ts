// A board that persists a night as it runs: every event into the device log (flushed and fsynced
// once per simulated second), and the config saved whenever it changes. Run as a child process by
// the power-cut test, which kills it with SIGKILL at an arbitrary moment and reads back:
//
//   node --import tsx host/storage/nightWriter.ts <dir> [seed]
//
// It prints "flushed <events durable> config <generation>" after every durable step, so the test
// knows what must survive; it never ends by itself before a few simulated nights.

import { join } from "node:path";
import { CONFIG } from "../abi.js";
import { Board } from "../board/board.js";
import { faultNight } from "../board/faultNight.js";
import { firmwareModule } from "../firmwareFile.js";
import { HeatingPad } from "../sim/heatingPad.js";
import { seeded } from "../sim/rng.js";
import { stillLeg } from "../sim/stillLeg.js";
import { ConfigStore } from "./configStore.js";
import { DeviceLogWriter } from "./deviceLog.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: nightWriter.ts <dir> [seed]");
const rand = seeded(Number(process.argv[3] ?? 1));
const log = new DeviceLogWriter(join(dir, "device.log"));
const store = new ConfigStore(join(dir, "config.json"));
const board = new Board(firmwareModule(), { onEvent: (e) => log.append(e) });
let generation = store.load()?.generation ?? 0;

board.init(0);
for (let night = 0; night < 100; night++) {
  faultNight({
    board,
    duration_ms: 30 * 60_000,
    clock0_ms: night * 30 * 60_000,
    continueBoard: night > 0,
    sensor: stillLeg(night + 1),
    pad: new HeatingPad(),
    sample_hz: 25,
    batch: 25,
    presses: [{ at_ms: 60_000 + Math.floor(rand() * 60_000), hold_ms: 150 }],
    everySecond: (t) => {
      log.flush();
      if (t % 20_000 === 0) {
        const intensity = 1 + Math.floor(rand() * 9);
        board.configSet(CONFIG.INTENSITY, intensity);
        generation = store.save({ [CONFIG.INTENSITY]: intensity, [CONFIG.SESSION_MIN]: 5 + (generation % 50) });
      }
      process.stdout.write(`flushed ${log.written} config ${generation}\n`);
    },
  });
}
log.close();
