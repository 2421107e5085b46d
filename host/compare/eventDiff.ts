// Two event logs of the same night, compared event by event. The logs are in time order, so they
// are merged by time (ms from the night's start, which the u32 wrap does not disturb): events at
// the same ms that are equal (kind, a, b) are common, whatever their order within that ms; every
// other event is only in A or only in B. A general sequence diff (LCS) would pair events across
// different times, which says less here: a detector change shows as "this MOVE_END came 40 ms
// later", i.e. one event only in A and one only in B, next to each other in time.

import type { DeviceEvent } from "../eventLog.js";

export interface DiffLine {
  side: "A" | "B";
  /** ms from the night's start. */
  offset_ms: number;
  event: DeviceEvent;
}

export interface EventDiff {
  common: number;
  /** Events in only one log, in time order (A before B at the same ms). */
  lines: DiffLine[];
}

/** `a` and `b` are the logs of one night whose board clock started at `clock0_ms`. */
export function diffEvents(a: readonly DeviceEvent[], b: readonly DeviceEvent[], clock0_ms: number): EventDiff {
  const at = (e: DeviceEvent) => (e.now_ms - clock0_ms) >>> 0;
  const same = (x: DeviceEvent, y: DeviceEvent) => x.kind === y.kind && x.a === y.a && x.b === y.b;
  const lines: DiffLine[] = [];
  let common = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const t = Math.min(i < a.length ? at(a[i]) : Infinity, j < b.length ? at(b[j]) : Infinity);
    // The events of both logs at ms t.
    const ga: DeviceEvent[] = [];
    const gb: DeviceEvent[] = [];
    while (i < a.length && at(a[i]) === t) ga.push(a[i++]);
    while (j < b.length && at(b[j]) === t) gb.push(b[j++]);
    const taken = new Array<boolean>(gb.length).fill(false);
    const onlyA: DeviceEvent[] = [];
    for (const e of ga) {
      const k = gb.findIndex((f, n) => !taken[n] && same(e, f));
      if (k >= 0) { taken[k] = true; common++; } else onlyA.push(e);
    }
    for (const e of onlyA) lines.push({ side: "A", offset_ms: t, event: e });
    gb.forEach((e, n) => { if (!taken[n]) lines.push({ side: "B", offset_ms: t, event: e }); });
  }
  return { common, lines };
}
