// The soak: many nights in a row through ONE firmware instance on a watched board (every
// protective invariant checked after every call), with the clock crossing the u32 wrap, the pad
// physics carried from night to night, button sessions, leg kicks, and now and then a fault
// (a silent thermistor, an accelerometer dropout, a stuck sensor).
//
//   npm run soak                         30 nights of 8 h at 50 Hz (full length)
//   node --import tsx host/commands/soak.ts --nights 30 --hours 8 --hz 50
//
// tests/host/soak.test.ts runs the same soak shortened for CI. The invariants are the tests' oracle
// (tests/host/invariants.ts): the soak is a long test run as a command.

import { fileURLToPath } from "node:url";
import { WatchedBoard } from "../../tests/host/invariants.js";
import { CONFIG, EVENT } from "../abi.js";
import { type FaultySensor, faultNight } from "../board/faultNight.js";
import { firmwareModule } from "../firmwareFile.js";
import { HeatingPad } from "../sim/heatingPad.js";
import { seeded } from "../sim/rng.js";
import { stillLeg } from "../sim/stillLeg.js";

export interface SoakOptions {
  nights: number;
  night_ms: number;
  sample_hz?: number;
  batch?: number;
  seed?: number;
  /** Called after each night. */
  onNight?: (night: number, summary: SoakSummary) => void;
}

export interface SoakSummary {
  nights: number;
  calls_checked: number;
  events: number;
  sessions: number;
  session_ends: number;
  faults: number;
  fault_clears: number;
  restarts: number;
  violations: string[];
  /** Board clock at the start and the end; the soak crosses the u32 wrap. */
  clock0_ms: number;
  end_clock_ms: number;
  wrapped: boolean;
  /** Hottest true pad temperature over the soak, cdeg. */
  hottest_cdeg: number;
}

/** One leg: still, with a kick now and then, and, some nights, a dropout or a stuck stretch. */
function leg(night: number, night_ms: number, rand: () => number): FaultySensor {
  const still = stillLeg(night + 17);
  const kicks = Array.from({ length: 4 + Math.floor(rand() * 8) }, () => Math.floor(rand() * night_ms));
  const dropoutAt = night % 5 === 3 ? Math.floor(night_ms * 0.4) : -1;
  const stuckAt = night % 7 === 5 ? Math.floor(night_ms * 0.6) : -1;
  return (t, motor) => {
    if (dropoutAt >= 0 && t >= dropoutAt && t < dropoutAt + 4000) return null;
    if (stuckAt >= 0 && t >= stuckAt && t < stuckAt + 35_000) return [7, -4, 998];
    const xyz = still(t, motor);
    for (const k of kicks) {
      if (t >= k && t < k + 1500) {
        const s = Math.round(300 * Math.sin((2 * Math.PI * (t - k)) / 500));
        xyz[0] += s;
        xyz[1] += s >> 1;
      }
    }
    return xyz;
  };
}

export function soak(o: SoakOptions): SoakSummary {
  const rand = seeded(o.seed ?? 1);
  const board = new WatchedBoard(firmwareModule());
  const pad = new HeatingPad({ noise_cdeg: 10, random: rand });
  // Two nights before the wrap, so it is crossed in the third.
  const clock0 = (2 ** 32 - 2 * o.night_ms - 12_345) >>> 0;
  let clock = clock0;
  let hottest = -Infinity;
  const summary: SoakSummary = {
    nights: 0, calls_checked: 0, events: 0, sessions: 0, session_ends: 0, faults: 0, fault_clears: 0, restarts: 0,
    violations: [], clock0_ms: clock0, end_clock_ms: clock0, wrapped: false, hottest_cdeg: 0,
  };
  board.init(clock0);
  board.configSet(CONFIG.SESSION_MIN, 5 + Math.floor(rand() * 26));
  for (let night = 0; night < o.nights; night++) {
    const presses = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
      at_ms: Math.floor(rand() * (o.night_ms - 5000)),
      hold_ms: rand() < 0.8 ? 150 : 1300,
    }));
    const silentAt = night % 4 === 2 ? Math.floor(o.night_ms * 0.3) : -1;
    const start_ms = pad.elapsed_ms;
    if (rand() < 0.3) board.configSet(CONFIG.HEAT_TARGET_DC, 300 + Math.floor(rand() * 121));
    const { end_clock_ms } = faultNight({
      board,
      continueBoard: true,
      clock0_ms: clock,
      duration_ms: o.night_ms,
      sensor: leg(night, o.night_ms, rand),
      pad: {
        step: (dt, duty) => {
          const t = pad.elapsed_ms - start_ms;
          if (silentAt >= 0) pad.fault = t >= silentAt && t < silentAt + 10_000 ? "silent" : null;
          pad.step(dt, duty);
          hottest = Math.max(hottest, pad.temperature_cdeg);
        },
        read: () => pad.read(),
      },
      sample_hz: o.sample_hz ?? 50,
      batch: o.batch ?? 0,
      presses,
    });
    if (end_clock_ms < clock) summary.wrapped = true;
    clock = end_clock_ms;
    summary.nights = night + 1;
    o.onNight?.(night, summary);
    if (board.violations.length > 0) break;
  }
  const count = (kind: number) => board.events.filter((e) => e.kind === kind).length;
  Object.assign(summary, {
    calls_checked: board.checks,
    events: board.events.length,
    sessions: count(EVENT.SESSION_START),
    session_ends: count(EVENT.SESSION_END),
    faults: count(EVENT.FAULT),
    fault_clears: count(EVENT.FAULT_CLEAR),
    restarts: board.restarts.length,
    violations: [...board.violations],
    end_clock_ms: clock,
    hottest_cdeg: Math.round(hottest),
  });
  return summary;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const nights = arg("nights", 30);
  const hours = arg("hours", 8);
  const started = Date.now();
  const s = soak({
    nights,
    night_ms: hours * 3_600_000,
    sample_hz: arg("hz", 50),
    batch: arg("batch", 0),
    seed: arg("seed", 1),
    onNight: (n) => process.stderr.write(`night ${n + 1}/${nights} done, ${((Date.now() - started) / 1000).toFixed(0)} s\n`),
  });
  console.log(JSON.stringify({ ...s, run_time_s: Math.round((Date.now() - started) / 1000) }, null, 2));
  process.exit(s.violations.length === 0 && s.restarts === 0 && s.nights === nights ? 0 : 1);
}
