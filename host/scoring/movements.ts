// The firmware's movements, decoded from its event log: a MOVE_START (estimated onset in `a`,
// emitted as soon as the onset is recognised) paired with the MOVE_END that follows (duration in
// `a`, class in `b`). Times are offsets from the night's start on the board clock.

import { EVENT, MOVE_CLASS } from "../abi.js";
import type { DeviceEvent } from "../eventLog.js";

/** The classes of MOVE_END: LM 0.5–10 s, SHORT < 0.5 s (e.g. a hypnic jerk), LONG > 10 s (e.g. turning over). */
export type MoveClass = "LM" | "SHORT" | "LONG";

function moveClass(code: number): MoveClass {
  return code === MOVE_CLASS.SHORT ? "SHORT" : code === MOVE_CLASS.LONG ? "LONG" : "LM";
}

/** One movement the firmware detected. */
export interface DetectedMovement {
  /** Estimated onset, ms from the night's start (slightly negative for an onset before the first sample). */
  onset_ms: number;
  duration_ms: number;
  cls: MoveClass;
  /** From the estimated onset to MOVE_START, ms (0 for a MOVE_END without its start). */
  latency_ms: number;
}

/**
 * The movements of `events`, a night whose board clock stood at `clock0_ms` at its start. A
 * MOVE_END without its MOVE_START (the firmware restarted in between) gets its onset from its
 * duration. Offsets are signed u32 differences, so the clock's wrap is an ordinary moment.
 */
export function detectedMovements(events: readonly DeviceEvent[], clock0_ms: number): DetectedMovement[] {
  const out: DetectedMovement[] = [];
  let start: { onset_ms: number; latency_ms: number } | null = null;
  for (const e of events) {
    if (e.kind === EVENT.MOVE_START) {
      start = { onset_ms: (e.a - clock0_ms) | 0, latency_ms: (e.now_ms - e.a) >>> 0 };
    } else if (e.kind === EVENT.MOVE_END) {
      const duration_ms = e.a >>> 0;
      const onset_ms = start ? start.onset_ms : Math.max(0, ((e.now_ms - clock0_ms) | 0) - duration_ms);
      out.push({ onset_ms, duration_ms, cls: moveClass(e.b), latency_ms: start ? start.latency_ms : 0 });
      start = null;
    }
  }
  return out;
}
