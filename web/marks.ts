// What the charts mark, decoded from the device's events as they come: movements (from their
// onset to MOVE_END, class LM / SHORT / LONG), periodic series, restlessness, sessions and faults,
// on the night's own time axis (ms since the start, as the page's clock runs: a jump of the board
// clock does not move the marks). Platform-neutral: no DOM.

import { EVENT, FAULT, MOVE_CLASS, RESTLESS_REASON, SESSION_CAUSE, nameOf } from "../host/abi.js";
import type { DeviceEvent } from "../host/eventLog.js";

export type MoveClass = "LM" | "SHORT" | "LONG";

/** A stretch of the night, ms; `end_ms` null while it lasts. */
export interface Span {
  start_ms: number;
  end_ms: number | null;
}

export interface MovementMark extends Span {
  /** Null until MOVE_END gives the class. */
  cls: MoveClass | null;
}
export interface SeriesMark extends Span {
  lm_count: number;
}
export interface SessionMark extends Span {
  cause: string;
}
export interface FaultMark extends Span {
  code: number;
  name: string;
  detail: number;
}

export class NightMarks {
  readonly movements: MovementMark[] = [];
  readonly series: SeriesMark[] = [];
  readonly restless: { at_ms: number; reason: string }[] = [];
  readonly sessions: SessionMark[] = [];
  readonly faults: FaultMark[] = [];
  private lastSeriesCount = 0;
  private readonly openFaults = new Map<number, FaultMark>();

  /** One event, emitted at night time `night_ms`. */
  add(e: DeviceEvent, night_ms: number): void {
    switch (e.kind) {
      case EVENT.MOVE_START:
        // The onset (board clock in `a`) lies the detection latency before now.
        this.movements.push({ start_ms: night_ms - ((e.now_ms - e.a) >>> 0), end_ms: null, cls: null });
        break;
      case EVENT.MOVE_END: {
        let m = this.movements[this.movements.length - 1];
        if (!m || m.end_ms !== null) {
          // A MOVE_END without its start (the firmware restarted in between): its duration says where it began.
          m = { start_ms: night_ms - (e.a >>> 0), end_ms: null, cls: null };
          this.movements.push(m);
        }
        m.end_ms = night_ms;
        m.cls = e.b === MOVE_CLASS.SHORT ? "SHORT" : e.b === MOVE_CLASS.LONG ? "LONG" : "LM";
        break;
      }
      case EVENT.SERIES: {
        // A series of n covers the last n LMs; a count that does not grow starts a new series.
        const lms = this.movements.filter((m) => m.cls === "LM");
        const first = lms[Math.max(0, lms.length - e.a)];
        const current = this.series[this.series.length - 1];
        if (current && e.a > this.lastSeriesCount) {
          current.end_ms = night_ms;
          current.lm_count = e.a;
        } else {
          this.series.push({ start_ms: first ? first.start_ms : night_ms, end_ms: night_ms, lm_count: e.a });
        }
        this.lastSeriesCount = e.a;
        break;
      }
      case EVENT.RESTLESS:
        this.restless.push({ at_ms: night_ms, reason: nameOf(RESTLESS_REASON, e.a).toLowerCase() });
        break;
      case EVENT.SESSION_START:
        this.sessions.push({ start_ms: night_ms, end_ms: null, cause: nameOf(SESSION_CAUSE, e.a).toLowerCase() });
        break;
      case EVENT.SESSION_END: {
        const s = this.sessions[this.sessions.length - 1];
        if (s && s.end_ms === null) s.end_ms = night_ms;
        break;
      }
      case EVENT.FAULT: {
        const f = { start_ms: night_ms, end_ms: null, code: e.a, name: nameOf(FAULT, e.a), detail: e.b };
        this.faults.push(f);
        this.openFaults.set(e.a, f);
        break;
      }
      case EVENT.FAULT_CLEAR: {
        const f = this.openFaults.get(e.a);
        if (f) {
          f.end_ms = night_ms;
          this.openFaults.delete(e.a);
        }
        break;
      }
    }
  }
}
