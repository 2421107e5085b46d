// Absolute limits on the actuators, independent of the therapy program (the automatic off timer
// of IEC 60730 in spirit): an actuator may run only while a session is armed, and never longer
// than that session's planned length plus a small margin, whatever the session timer believes.
// The device arms it when a session starts and disarms it when the session ends; the final
// gate in the device asks it on every call.

import { elapsedMs } from "../clock";

/** Slack over the planned length before the limit cuts in (the program ends on time itself). */
export const LIMIT_MARGIN_MS: u32 = 1000;
/** No session may ever be planned longer than this (SESSION_MIN and AUTO_SESSION_MIN ≤ 60). */
export const LIMIT_MAX_SESSION_MS: u32 = 60 * 60_000;

/** Everything this module keeps between calls. */
namespace limits {
  export let armed: bool = false;
  export let armed_ms: u32 = 0;
  export let limit_ms: u32 = 0;
}

/** Power-on: disarmed, so nothing may run. */
export function limitsReset(): void {
  limits.armed = false;
  limits.armed_ms = 0;
  limits.limit_ms = 0;
}

/** A session of `planned_ms` starts at `now_ms`: actuators may run until its end (+ margin). */
export function limitsArm(now_ms: u32, planned_ms: u32): void {
  limits.armed = true;
  limits.armed_ms = now_ms;
  limits.limit_ms = min<u32>(planned_ms, LIMIT_MAX_SESSION_MS) + LIMIT_MARGIN_MS;
}

/** The session has ended: nothing may run. */
export function limitsDisarm(): void {
  limits.armed = false;
}

/** True while an actuator may be on at `now_ms`. */
export function limitsPermit(now_ms: u32): bool {
  return limits.armed && elapsedMs(now_ms, limits.armed_ms) < limits.limit_ms;
}

/** True when a session is limits.armed but has outlived its limit (the program failed to end it). */
export function limitsExpired(now_ms: u32): bool {
  return limits.armed && elapsedMs(now_ms, limits.armed_ms) >= limits.limit_ms;
}
