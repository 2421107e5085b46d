// A night built by hand for the report tests, event by event as the firmware would log it, with
// a per-second trace to match: a periodic series that starts an auto session, scattered LMs,
// jerks and turns, a button session, a thermistor fault, and labelled movements that agree with
// most (not all) of the firmware's.

import { EVENT, FAULT, MOVE_CLASS, RESTLESS_REASON, SESSION_CAUSE, SESSION_END_REASON } from "../../host/abi.js";
import type { DeviceEvent } from "../../host/eventLog.js";
import type { LabelledMovement, NightRecord } from "../../host/record.js";

export interface FixtureNight {
  record: NightRecord;
  lm: number;
  short: number;
  long: number;
  plm: number;
  series: number;
  sessions: number;
}

const MIN = 60_000;

export function fixtureNight(options: { hours?: number; clock0_ms?: number; truth?: boolean; seed?: number } = {}): FixtureNight {
  const hours = options.hours ?? 8;
  const duration_ms = hours * 3_600_000;
  const clock0 = (options.clock0_ms ?? 0) >>> 0;
  const rand = random(options.seed ?? 7);
  const events: DeviceEvent[] = [];
  const truth: LabelledMovement[] = [];
  const at = (offset: number) => (clock0 + offset) >>> 0;
  const emit = (offset: number, kind: number, a: number, b: number) => events.push({ now_ms: at(offset), kind, a: a | 0, b: b | 0 });
  const seconds = Math.floor(duration_ms / 1000);
  const activity = Array.from({ length: seconds }, () => 6 + Math.round(rand() * 10));
  const vib = new Array<number>(seconds).fill(0);
  const heat = new Array<number>(seconds).fill(0);
  const pad = new Array<number>(seconds).fill(2400);
  const counts = { lm: 0, short: 0, long: 0, plm: 0, series: 0, sessions: 0 };

  const moves: { onset: number; dur: number; cls: number; label?: string }[] = [];
  const move = (onset: number, dur: number, cls: number, label?: string) => moves.push({ onset, dur, cls, label });

  // A periodic series of 24 LMs, 25–32 s apart, from 00:45 into the night.
  const seriesStart = 45 * MIN;
  let t = seriesStart;
  const seriesOnsets: number[] = [];
  for (let i = 0; i < 24; i++) {
    const dur = 1200 + Math.round(rand() * 1500);
    move(t, dur, MOVE_CLASS.LM, "LM");
    seriesOnsets.push(t);
    t += 25_000 + Math.round(rand() * 7000);
  }
  // A second, shorter series later (6 LMs).
  const series2 = 5 * 60 * MIN;
  for (let i = 0; i < 6; i++) move(series2 + i * 40_000, 2000, MOVE_CLASS.LM, "LM");
  // Scattered LMs, jerks, turns.
  for (let k = 0; k < 40; k++) move(Math.round((0.1 + rand() * 0.85) * duration_ms), 700 + Math.round(rand() * 5000), MOVE_CLASS.LM, "LM");
  for (let k = 0; k < 12; k++) move(Math.round((0.02 + rand() * 0.9) * duration_ms), 150 + Math.round(rand() * 200), MOVE_CLASS.SHORT, "JERK");
  for (let k = 0; k < 8; k++) move(Math.round((0.05 + rand() * 0.9) * duration_ms), 12_000 + Math.round(rand() * 20_000), MOVE_CLASS.LONG, "TURN");
  moves.sort((a, b) => a.onset - b.onset);
  // Drop overlaps so that starts and ends alternate as in a real log.
  const kept: typeof moves = [];
  for (const m of moves) {
    const prev = kept[kept.length - 1];
    if (prev && m.onset < prev.onset + prev.dur + 1500) continue;
    if (m.onset + m.dur + 1000 >= duration_ms) continue;
    kept.push(m);
  }

  // Timed happenings besides movements, merged in time order.
  const other: { offset: number; kind: number; a: number; b: number }[] = [];
  const lmOnsets: number[] = [];
  let seriesCount = 0;
  let lastOnset = -Infinity;
  let inSeries = 0;
  for (const m of kept) {
    if (m.cls === MOVE_CLASS.LM) counts.lm++;
    else if (m.cls === MOVE_CLASS.SHORT) counts.short++;
    else counts.long++;
    // Firmware-like series tracking on the kept movements.
    if (m.cls === MOVE_CLASS.LM) {
      const interval = m.onset - lastOnset;
      inSeries = interval >= 10_000 && interval <= 90_000 ? inSeries + 1 : 1;
      lastOnset = m.onset;
      lmOnsets.push(m.onset);
      const end = m.onset + m.dur + 500;
      if (inSeries >= 4) {
        other.push({ offset: end, kind: EVENT.SERIES, a: inSeries, b: 28_000 });
        if (inSeries === 4) { seriesCount++; counts.plm += 4; } else counts.plm++;
      }
    } else {
      inSeries = 0;
      lastOnset = -Infinity;
    }
  }
  counts.series = seriesCount;

  // The first series makes the device restless → an auto session of 20 min, heater on.
  const fourth = kept.filter((m) => m.cls === MOVE_CLASS.LM && m.onset >= seriesStart)[3];
  const restless1 = fourth.onset + fourth.dur + 500;
  other.push({ offset: restless1, kind: EVENT.RESTLESS, a: RESTLESS_REASON.PERIODIC, b: 0 });
  const session1 = restless1 + 100;
  other.push({ offset: session1, kind: EVENT.SESSION_START, a: SESSION_CAUSE.AUTO, b: 1200 });
  other.push({ offset: session1 + 20 * MIN, kind: EVENT.SESSION_END, a: SESSION_END_REASON.COMPLETED, b: 1200 });
  // Dense restlessness 35 min after that session; a button session at 03:30 into the night.
  other.push({ offset: session1 + 55 * MIN, kind: EVENT.RESTLESS, a: RESTLESS_REASON.DENSE, b: 0 });
  const session2 = 3.5 * 60 * MIN;
  other.push({ offset: session2, kind: EVENT.BUTTON, a: 1, b: 0 });
  other.push({ offset: session2 + 200, kind: EVENT.SESSION_START, a: SESSION_CAUSE.BUTTON, b: 1800 });
  other.push({ offset: session2 + 200 + 12 * MIN, kind: EVENT.SESSION_END, a: SESSION_END_REASON.BUTTON, b: 720 });
  counts.sessions = 2;
  // A thermistor fault for two minutes at 06:00 into the night.
  if (duration_ms > 6.2 * 60 * MIN) {
    other.push({ offset: 6 * 60 * MIN, kind: EVENT.FAULT, a: FAULT.THERMISTOR, b: 9999 });
    other.push({ offset: 6 * 60 * MIN + 2 * MIN, kind: EVENT.FAULT_CLEAR, a: FAULT.THERMISTOR, b: 0 });
  }

  const all: { offset: number; kind: number; a: number; b: number }[] = [...other];
  for (const m of kept) {
    all.push({ offset: m.onset + 250, kind: EVENT.MOVE_START, a: at(m.onset), b: 0 });
    all.push({ offset: m.onset + m.dur + 500, kind: EVENT.MOVE_END, a: m.dur, b: m.cls });
  }
  // Stable: SERIES after the MOVE_END that completes it (same time), as the firmware would.
  all.sort((x, y) => x.offset - y.offset || order(x.kind) - order(y.kind));
  for (const e of all) emit(e.offset, e.kind, e.a, e.b);

  // The trace: activity during movements, actuators during sessions, the pad warming up.
  for (const m of kept) {
    const peak = m.cls === MOVE_CLASS.SHORT ? 180 : m.cls === MOVE_CLASS.LONG ? 900 : 250 + Math.round(rand() * 250);
    for (let s = Math.floor(m.onset / 1000); s <= Math.floor((m.onset + m.dur) / 1000) && s < seconds; s++) activity[s] = peak;
  }
  const sessionSpan = (from: number, len: number, heater: boolean) => {
    for (let s = Math.floor(from / 1000); s < Math.floor((from + len) / 1000) && s < seconds; s++) {
      const left = (from + len) / 1000 - s;
      vib[s] = left < 300 ? Math.round((500 * left) / 300) : 500;
      if (heater) heat[s] = s - from / 1000 < 240 ? 1000 : 350;
      activity[s] = Math.max(activity[s], 40);
    }
  };
  sessionSpan(session1, 20 * MIN, true);
  sessionSpan(session2 + 200, 12 * MIN, false);
  let temp = 2400;
  for (let s = 0; s < seconds; s++) {
    temp += heat[s] > 0 ? (4000 - temp) * 0.004 : (2400 - temp) * 0.002;
    pad[s] = Math.round(temp);
  }
  for (let s = 6 * 3600; s < 6 * 3600 + 120 && s < seconds; s++) pad[s] = NaN;

  if (options.truth) {
    // Labelled: every kept movement, except every 7th LM (a miss of the scorer, so a firmware
    // false positive); plus an LM the firmware never saw every 50 min; onsets 0.3 s earlier.
    let n = 0;
    for (const m of kept) {
      if (m.cls === MOVE_CLASS.LM && n++ % 7 === 6) continue;
      truth.push({ onset_ms: Math.max(0, m.onset - 300), duration_ms: m.dur + 200, label: m.label!, periodic: undefined });
    }
    for (let x = 50 * MIN; x < duration_ms - MIN; x += 50 * MIN) {
      if (!kept.some((m) => Math.abs(m.onset - x) < 5000)) truth.push({ onset_ms: x, duration_ms: 1500, label: "LM" });
    }
    truth.sort((a, b) => a.onset_ms - b.onset_ms);
  }
  void seriesOnsets;
  void lmOnsets;

  const record: NightRecord = {
    source: "fixture night",
    clock0_ms: clock0,
    start_ms_of_day: (22 * 60 + 30) * 60_000,
    duration_ms,
    sample_hz: 50,
    events,
    trace: { activity_mg: activity, vibration_permille: vib, heater_permille: heat, pad_cdeg: pad },
    ...(options.truth ? { truth } : {}),
  };
  return { record, ...counts };
}

/** A small seeded generator (xorshift32) of values in [0, 1): the fixture stands on its own. */
function random(seed: number): () => number {
  let x = (seed >>> 0) || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

function order(kind: number): number {
  return [EVENT.MOVE_START, EVENT.MOVE_END, EVENT.SERIES, EVENT.RESTLESS, EVENT.BUTTON, EVENT.SESSION_START, EVENT.SESSION_END,
    EVENT.FAULT, EVENT.FAULT_CLEAR].indexOf(kind as 1);
}
