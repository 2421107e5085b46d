// The device event log: what the firmware emitted, in order. One canonical line format that
// every board writes byte for byte (Node and the native C board alike), plus readable forms.

import { EVENT, EVENT_NAME, FAULT, GESTURE, MOVE_CLASS, RESTLESS_REASON, SESSION_CAUSE,
  SESSION_END_REASON, nameOf } from "./abi.js";

/** One event as emitted: `now_ms` is u32; `a` and `b` are the raw i32 arguments. */
export interface DeviceEvent {
  now_ms: number;
  kind: number;
  a: number;
  b: number;
}

/**
 * The canonical log line: `<now u32> <KIND> <a i32> <b i32>`, decimal, single spaces. The native
 * board prints `"%u %s %d %d\n"`; both must agree to the byte.
 */
export function logLine(e: DeviceEvent): string {
  return `${e.now_ms >>> 0} ${EVENT_NAME[e.kind] ?? `KIND_${e.kind}`} ${e.a | 0} ${e.b | 0}`;
}

/** Parses a canonical log line (inverse of logLine); throws on anything else. */
export function parseLogLine(line: string): DeviceEvent {
  const m = /^(\d+) ([A-Z_0-9]+) (-?\d+) (-?\d+)$/.exec(line);
  if (!m) throw new Error(`not an event log line: ${JSON.stringify(line)}`);
  const name = m[2] as keyof typeof EVENT;
  const kind = EVENT[name] ?? Number(m[2].replace("KIND_", ""));
  return { now_ms: Number(m[1]), kind, a: Number(m[3]), b: Number(m[4]) };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The meaning of an event's arguments in words, for timelines and reports. */
export function describe(e: DeviceEvent): string {
  switch (e.kind) {
    case EVENT.MOVE_START: return `onset at ${e.a >>> 0} ms (detected ${(e.now_ms - e.a) >>> 0} ms later)`;
    case EVENT.MOVE_END: return `${nameOf(MOVE_CLASS, e.b)}, ${s(e.a)}`;
    case EVENT.SERIES: return `${e.a} LMs in series, mean interval ${s(e.b)}`;
    case EVENT.RESTLESS: return nameOf(RESTLESS_REASON, e.a).toLowerCase();
    case EVENT.SESSION_START: return `${nameOf(SESSION_CAUSE, e.a).toLowerCase()}, ${Math.round(e.b / 60)} min planned`;
    case EVENT.SESSION_END: return `${nameOf(SESSION_END_REASON, e.a).toLowerCase()} after ${Math.floor(e.b / 60)} min ${e.b % 60} s`;
    case EVENT.FAULT: return `${nameOf(FAULT, e.a)} (detail ${e.b})`;
    case EVENT.FAULT_CLEAR: return nameOf(FAULT, e.a);
    case EVENT.BUTTON: return `${nameOf(GESTURE, e.a).toLowerCase()} press`;
  }
  return `a=${e.a} b=${e.b}`;
}
