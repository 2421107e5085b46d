// A board that persists nights as it runs: every event into the device log (flushed and fsynced
// once per simulated second), and the config saved every 20 s with a new intensity. The power-cut
// test runs it on a simulated disk and cuts the power after every write; the crash test runs it as
// a child process and kills it with SIGKILL at an arbitrary moment:
//
//   node --import tsx host/storage/nightWriter.ts <dir> [seed]
//
// Run so, it prints "flushed <events durable> config <generation>" after every durable step, so
// the test knows what must survive; it never ends by itself before a few simulated nights.

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CONFIG } from "../abi.js";
import { Board } from "../board/board.js";
import { faultNight } from "../board/faultNight.js";
import { firmwareModule } from "../firmwareFile.js";
import { HeatingPad } from "../sim/heatingPad.js";
import { seeded } from "../sim/rng.js";
import { stillLeg } from "../sim/stillLeg.js";
import { ConfigStore } from "./configStore.js";
import { DeviceLogWriter } from "./deviceLog.js";
import { type FileLayer, nodeFiles } from "./fileLayer.js";

export interface NightWriterOptions {
  dir: string;
  seed: number;
  /** Nights of 30 min, each with button presses (sessions) and a config save every 20 s. */
  nights: number;
  /** Button presses per night, at random moments in its first 15 min (default 1). */
  presses?: number;
  /** A 2-s kick of the leg (a leg movement) every this many ms (default: the leg lies still). */
  kick_every_ms?: number;
  files?: FileLayer;
  /** After every durable step: events durable in the log, generation of the last config saved. */
  onDurable?: (written: number, generation: number) => void;
}

/** Writes `nights` nights' device log and config saves into `dir`. */
export function writeNights(o: NightWriterOptions): void {
  const files = o.files ?? nodeFiles;
  const rand = seeded(o.seed);
  const log = new DeviceLogWriter(join(o.dir, "device.log"), files);
  const store = new ConfigStore(join(o.dir, "config.json"), files);
  const board = new Board(firmwareModule(), { onEvent: (e) => log.append(e) });
  let generation = store.load()?.generation ?? 0;
  board.init(0);
  for (let night = 0; night < o.nights; night++) {
    faultNight({
      board,
      duration_ms: 30 * 60_000,
      clock0_ms: night * 30 * 60_000,
      continueBoard: night > 0,
      sensor: kicking(stillLeg(night + 1), o.kick_every_ms),
      pad: new HeatingPad(),
      sample_hz: 25,
      batch: 25,
      presses: Array.from({ length: o.presses ?? 1 }, () => ({ at_ms: 60_000 + Math.floor(rand() * 840_000), hold_ms: 150 }))
        .sort((a, b) => a.at_ms - b.at_ms),
      everySecond: (t) => {
        log.flush();
        if (t % 20_000 === 0) {
          const intensity = 1 + Math.floor(rand() * 9);
          board.configSet(CONFIG.INTENSITY, intensity);
          generation = store.save({ [CONFIG.INTENSITY]: intensity, [CONFIG.SESSION_MIN]: 5 + (generation % 50) });
        }
        o.onDurable?.(log.written, generation);
      },
    });
  }
  log.close();
}

/** `leg` with a 2-s, 400-mg swing on x every `every_ms` (none when undefined). */
function kicking(leg: (offset_ms: number, motor_permille: number) => number[], every_ms?: number) {
  return (offset_ms: number, motor_permille: number): number[] => {
    const out = leg(offset_ms, motor_permille);
    const into = every_ms ? offset_ms % every_ms : Infinity;
    if (into < 2000) out[0] += Math.round(400 * Math.sin((Math.PI * into) / 500));
    return out;
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: nightWriter.ts <dir> [seed]");
  writeNights({
    dir, seed: Number(process.argv[3] ?? 1), nights: 100,
    onDurable: (written, generation) => process.stdout.write(`flushed ${written} config ${generation}\n`),
  });
}
