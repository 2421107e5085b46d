// The night as text: one line per event with the time of day, for a person reading a terminal,
// or one JSON object per line for programs.

import { EVENT, EVENT_NAME } from "../abi.js";
import { type DeviceEvent, describe } from "../eventLog.js";
import { type NightRecord, offsetMs } from "../record.js";
import { clockTime, dateAt } from "../timeOfDay.js";

export { clockTime } from "../timeOfDay.js";

/** A movement's onset (MOVE_START's `a`, board clock) from the start of the night, ms; it may precede it. */
const onsetOffset = (record: NightRecord, e: DeviceEvent) => (e.a - record.clock0_ms) | 0;

/** What an event means, with a movement's onset as a time of day (describe() has only the board clock). */
function detail(record: NightRecord, e: DeviceEvent): string {
  if (e.kind !== EVENT.MOVE_START) return describe(e);
  return `onset ${clockTime(record.start_ms_of_day, onsetOffset(record, e))} (detected ${(e.now_ms - e.a) >>> 0} ms later)`;
}

/** One readable line: time of day, event name, what it means. */
export function timelineLine(record: NightRecord, e: DeviceEvent): string {
  const name = EVENT_NAME[e.kind] ?? `KIND_${e.kind}`;
  return `${clockTime(record.start_ms_of_day, offsetMs(record, e.now_ms))}  ${name.padEnd(13)}  ${detail(record, e)}`;
}

/**
 * One JSON line with the raw event and its meaning: its time of day (and date, when the recording
 * has one), and for MOVE_START the movement's onset as a time of day too.
 */
export function jsonLine(record: NightRecord, e: DeviceEvent): string {
  const offset_ms = offsetMs(record, e.now_ms);
  const onset_ms = e.kind === EVENT.MOVE_START ? onsetOffset(record, e) : null;
  const date = record.recording?.date;
  return JSON.stringify({
    ...(date ? { date: dateAt(date, record.start_ms_of_day, offset_ms) } : {}),
    time: clockTime(record.start_ms_of_day, offset_ms),
    ...(onset_ms === null ? {} : { onset: clockTime(record.start_ms_of_day, onset_ms) }),
    offset_ms,
    now_ms: e.now_ms >>> 0,
    event: EVENT_NAME[e.kind] ?? `KIND_${e.kind}`,
    // MOVE_START's `a` is a time on the u32 clock (HAL ABI v1), not a signed number.
    a: e.kind === EVENT.MOVE_START ? e.a >>> 0 : e.a,
    b: e.b,
    detail: detail(record, e),
  });
}
