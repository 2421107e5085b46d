// The relaxation session: soft start, a steady massage at the chosen intensity, a slow ramp-down
// over the last minutes, then off. Pure timing and duty; the device decides when to start and
// stop it, and the safety layer has the last word on the actuators.

import { EVENT_SESSION_END, EVENT_SESSION_START, SESSION_CAUSE_AUTO, STATE_IDLE, STATE_RAMP_DOWN,
  STATE_RAMP_UP, STATE_RUNNING } from "../abi";
import { elapsedMs } from "../clock";
import { logEvent } from "../log";
import { rampDuty, waveGain } from "./vibration";

/** A button session eases in over 5 s: noticeable at once, never a jolt. */
export const BUTTON_RAMP_UP_MS: u32 = 5_000;
/** An auto session may start in sleep: it eases in over 30 s so it does not wake the sleeper. */
export const AUTO_RAMP_UP_MS: u32 = 30_000;
/** An auto session runs this many intensity levels below the user's setting (at least level 1). */
export const AUTO_LEVEL_REDUCTION: i32 = 2;
/** The ramp-down takes the last 5 minutes, as on the clinical vibration pad… */
export const RAMP_DOWN_MS: u32 = 300_000;
// …but never more than half of a short session.

/** Everything this module keeps between calls. */
namespace session {
  export let active: bool = false;
  export let started_ms: u32 = 0;
  export let planned_ms: u32 = 0;
  export let ramp_up_ms: u32 = 0;
  export let ramp_down_ms: u32 = 0;
  export let level: i32 = 0;
  export let heat: bool = false;
  export let ever_ended: bool = false;
  export let ended_ms: u32 = 0;
  /**
   * Debug builds only (assembly/debug.ts sets it; a release build never does, and the optimiser
   * folds it away): the program's own timer is broken and never leaves the steady part, so it never
   * ramps down and never ends the session. The independent off timer (safety/limits.ts) must still
   * cut the actuators; the device tests prove it. Not cleared by fw_init: it models a defect.
   */
  export let never_ends: bool = false;
}

/** Debug seam: from now on the program never ends a session by itself. */
export function sessionDebugNeverEnd(): void {
  session.never_ends = true;
}

/** Time into the session as the program sees it, ms (stuck before the ramp-down when never_ends). */
@inline function programMs(now_ms: u32): u32 {
  const t_ms = elapsedMs(now_ms, session.started_ms);
  return session.never_ends ? min(t_ms, session.planned_ms - session.ramp_down_ms - 1) : t_ms;
}

export function sessionReset(): void {
  session.active = false;
  session.level = 0;
  session.heat = false;
  session.ever_ended = false;
}

/** Starts a session of `length_min` at intensity `user_level`; emits SESSION_START. */
export function sessionStart(now_ms: u32, session_cause: i32, length_min: i32, user_level: i32, with_heat: bool): void {
  session.active = true;
  session.started_ms = now_ms;
  session.planned_ms = <u32>length_min * 60_000;
  session.ramp_down_ms = min(RAMP_DOWN_MS, session.planned_ms / 2);
  if (session_cause == SESSION_CAUSE_AUTO) {
    session.ramp_up_ms = AUTO_RAMP_UP_MS;
    session.level = max(1, user_level - AUTO_LEVEL_REDUCTION);
  } else {
    session.ramp_up_ms = BUTTON_RAMP_UP_MS;
    session.level = user_level;
  }
  session.heat = with_heat;
  logEvent(EVENT_SESSION_START, now_ms, session_cause, <i32>(session.planned_ms / 1000));
}

/** Ends the running session for `reason` (SESSION_END_*); emits SESSION_END. */
export function sessionEnd(now_ms: u32, reason: i32): void {
  if (!session.active) return;
  const elapsed_ms = min(elapsedMs(now_ms, session.started_ms), session.planned_ms);
  session.active = false;
  session.ever_ended = true;
  session.ended_ms = now_ms;
  logEvent(EVENT_SESSION_END, now_ms, reason, <i32>(elapsed_ms / 1000));
}

/** True once the planned length has run out (the caller ends the session). */
export function sessionCompleted(now_ms: u32): bool {
  return session.active && programMs(now_ms) >= session.planned_ms;
}

export function sessionActive(): bool {
  return session.active;
}

/** STATE_IDLE, STATE_RAMP_UP, STATE_RUNNING or STATE_RAMP_DOWN. */
export function sessionState(now_ms: u32): i32 {
  if (!session.active) return STATE_IDLE;
  const t_ms = programMs(now_ms);
  if (t_ms < session.ramp_up_ms) return STATE_RAMP_UP;
  if (t_ms >= session.planned_ms - session.ramp_down_ms) return STATE_RAMP_DOWN;
  return STATE_RUNNING;
}

/** Envelope of the session `t_ms` after its start, permille: rises over the ramp-up, falls over the ramp-down. */
function envelope(t_ms: u32): i32 {
  if (t_ms >= session.planned_ms) return 0;
  let e: i32 = 1000;
  if (t_ms < session.ramp_up_ms) e = <i32>(<u64>t_ms * 1000 / session.ramp_up_ms);
  const left_ms = session.planned_ms - t_ms;
  if (left_ms < session.ramp_down_ms) e = min(e, <i32>(<u64>left_ms * 1000 / session.ramp_down_ms));
  return e;
}

/** Motor duty the program asks for now, permille (0 when no session runs). */
export function sessionVibrationDuty(now_ms: u32): i32 {
  if (!session.active) return 0;
  const t_ms = programMs(now_ms);
  return rampDuty(session.level, envelope(t_ms)) * waveGain(t_ms) / 1000;
}

/** Seconds until the session ends (0 when none runs). */
export function sessionLeftS(now_ms: u32): i32 {
  if (!session.active) return 0;
  const t_ms = programMs(now_ms);
  if (t_ms >= session.planned_ms) return 0;
  return <i32>((session.planned_ms - t_ms + 999) / 1000);
}

/** True when the running session asks for heat. */
export function sessionHeats(): bool {
  return session.active && session.heat;
}

export function sessionSetHeat(on: bool): void {
  session.heat = on;
}

/** Intensity session.level in use (0 when idle). */
export function sessionLevel(): i32 {
  return session.active ? session.level : 0;
}

export function sessionSetLevel(user_level: i32): void {
  session.level = user_level < 1 ? 1 : user_level > 9 ? 9 : user_level;
}

/** Planned length of the running (or last) session, ms, ramp-down included. */
export function sessionPlannedMs(): u32 {
  return session.planned_ms;
}

/** True when no session has ended within `cooldown_ms` before `now_ms`. */
export function sessionCooledDown(now_ms: u32, cooldown_ms: u32): bool {
  return !session.ever_ended || elapsedMs(now_ms, session.ended_ms) >= cooldown_ms;
}
