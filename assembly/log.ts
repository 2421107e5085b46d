// The device log: every event leaves the firmware through here, so the log is one ordered stream.

import { hal_emit } from "./hal";

/** Emits one event; `now_ms` is u32 and crosses the ABI as its i32 bits. */
export function logEvent(kind: i32, now_ms: u32, a: i32, b: i32): void {
  hal_emit(kind, <i32>now_ms, a, b);
}
