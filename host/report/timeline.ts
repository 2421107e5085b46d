// The night as text: one line per event with the time of day, for a person reading a terminal,
// or one JSON object per line for programs.

import { EVENT, EVENT_NAME } from "../abi.js";
import { type DeviceEvent, describe } from "../eventLog.js";
import { type NightRecord, offsetMs } from "../record.js";

/** "23:14:05.120" for an offset from the start of a night that began at `start_minute_of_day`. */
export function clockTime(start_minute_of_day: number, offset_ms: number): string {
  const total_ms = start_minute_of_day * 60_000 + offset_ms;
  const day_ms = ((total_ms % 86_400_000) + 86_400_000) % 86_400_000;
  const h = Math.floor(day_ms / 3_600_000);
  const m = Math.floor(day_ms / 60_000) % 60;
  const s = Math.floor(day_ms / 1000) % 60;
  const ms = Math.floor(day_ms % 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}`;
}

/** One readable line: time of day, event name, what it means. */
export function timelineLine(record: NightRecord, e: DeviceEvent): string {
  const name = EVENT_NAME[e.kind] ?? `KIND_${e.kind}`;
  return `${clockTime(record.start_minute_of_day, offsetMs(record, e.now_ms))}  ${name.padEnd(13)}  ${describe(e)}`;
}

/** One JSON line with the raw event and its meaning. */
export function jsonLine(record: NightRecord, e: DeviceEvent): string {
  const offset_ms = offsetMs(record, e.now_ms);
  return JSON.stringify({
    time: clockTime(record.start_minute_of_day, offset_ms),
    offset_ms,
    now_ms: e.now_ms >>> 0,
    event: EVENT_NAME[e.kind] ?? `KIND_${e.kind}`,
    // MOVE_START's `a` is a time on the u32 clock (HAL ABI v1), not a signed number.
    a: e.kind === EVENT.MOVE_START ? e.a >>> 0 : e.a,
    b: e.b,
    detail: describe(e),
  });
}

/** Parses "22:30" into minutes after midnight; null when it is not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}
