// Protective functions of the heating pad (IEC 60730 class B/C in spirit): over-temperature
// cut-off and thermistor fault detection. Each holds on its own: they only ever veto heat.

import { FAULT_OVER_TEMPERATURE, FAULT_THERMISTOR } from "../abi";
import { elapsedMs } from "../clock";
import { clearFault, faultActive, raiseFault } from "./faults";

/** At or above this the heater goes off in the same call (IEC 60601-1 applied-part limit). */
export const OVER_TEMPERATURE_CDEG: i32 = 4300;
/** After an over-temperature, heat stays off until the pad is below this. */
export const OVER_TEMPERATURE_CLEAR_CDEG: i32 = 4000;
/** A reading outside this range is an open or shorted thermistor (HAL ABI v1). */
export const THERMISTOR_MIN_CDEG: i32 = -2000;
export const THERMISTOR_MAX_CDEG: i32 = 9000;
/** While heat may be on, a reading must arrive at least this often. */
export const READING_TIMEOUT_MS: u32 = 3000;
/** Plausible readings for this long clear a range or silence fault. */
export const THERMISTOR_RECOVERY_MS: u32 = 5000;
/** Heating at or above this duty for DETACHED_WINDOW_MS must warm the pad by DETACHED_MIN_RISE_CDEG. */
export const HARD_HEAT_PERMILLE: i32 = 800;
export const DETACHED_WINDOW_MS: u32 = 180_000;
export const DETACHED_MIN_RISE_CDEG: i32 = 100;

// FAULT 3 detail codes.
export const THERMISTOR_OUT_OF_RANGE: i32 = 1;
export const THERMISTOR_SILENT: i32 = 2;
export const THERMISTOR_DETACHED: i32 = 3;

let has_reading: bool = false;
let last_reading_ms: u32 = 0;
let last_cdeg: i32 = 0;
let plausible_since_ms: u32 = 0;
let thermistor_detail: i32 = 0;
/** Once the thermistor has failed in a session, that session heats no more. */
let heat_locked: bool = false;
let hard_heat: bool = false;
let hard_since_ms: u32 = 0;
let hard_start_cdeg: i32 = 0;

export function thermalReset(now_ms: u32): void {
  has_reading = false;
  last_reading_ms = now_ms;
  last_cdeg = 0;
  plausible_since_ms = now_ms;
  thermistor_detail = 0;
  heat_locked = false;
  hard_heat = false;
}

function thermistorFault(now_ms: u32, detail: i32): void {
  heat_locked = true;
  hard_heat = false;
  if (raiseFault(FAULT_THERMISTOR, now_ms, detail)) thermistor_detail = detail;
}

/**
 * One thermistor reading; `heater_permille` is the duty that was applied up to now.
 * Returns true when the reading is plausible and may be used for control.
 */
export function thermalReading(now_ms: u32, pad_cdeg: i32, heater_permille: i32): bool {
  if (pad_cdeg < THERMISTOR_MIN_CDEG || pad_cdeg > THERMISTOR_MAX_CDEG) {
    plausible_since_ms = now_ms;
    thermistorFault(now_ms, THERMISTOR_OUT_OF_RANGE);
    return false;
  }
  // The recovery time counts from the first reading after a gap, not from the fault.
  if (!has_reading || elapsedMs(now_ms, last_reading_ms) > READING_TIMEOUT_MS) plausible_since_ms = now_ms;
  has_reading = true;
  last_reading_ms = now_ms;
  last_cdeg = pad_cdeg;

  if (pad_cdeg >= OVER_TEMPERATURE_CDEG) {
    raiseFault(FAULT_OVER_TEMPERATURE, now_ms, pad_cdeg);
  } else if (pad_cdeg < OVER_TEMPERATURE_CLEAR_CDEG) {
    clearFault(FAULT_OVER_TEMPERATURE, now_ms);
  }

  if (faultActive(FAULT_THERMISTOR) && thermistor_detail != THERMISTOR_DETACHED
      && elapsedMs(now_ms, plausible_since_ms) >= THERMISTOR_RECOVERY_MS) {
    clearFault(FAULT_THERMISTOR, now_ms);
    thermistor_detail = 0;
  }

  // A pad that does not warm under hard heating has lost its thermistor: it is heating blind.
  if (heater_permille >= HARD_HEAT_PERMILLE) {
    if (!hard_heat) {
      hard_heat = true;
      hard_since_ms = now_ms;
      hard_start_cdeg = pad_cdeg;
    } else if (elapsedMs(now_ms, hard_since_ms) >= DETACHED_WINDOW_MS) {
      if (pad_cdeg - hard_start_cdeg < DETACHED_MIN_RISE_CDEG) {
        thermistorFault(now_ms, THERMISTOR_DETACHED);
      } else {
        hard_since_ms = now_ms;
        hard_start_cdeg = pad_cdeg;
      }
    }
  } else {
    hard_heat = false;
  }
  return true;
}

/** Time passing; `heat_requested` is true while a session wants heat. */
export function thermalTick(now_ms: u32, heat_requested: bool): void {
  if (!heat_requested) {
    // Keep the silence timer fresh while no heat is asked for, so it starts at the request.
    if (!has_reading || elapsedMs(now_ms, last_reading_ms) > READING_TIMEOUT_MS) last_reading_ms = now_ms;
    hard_heat = false;
    return;
  }
  if (elapsedMs(now_ms, last_reading_ms) > READING_TIMEOUT_MS) {
    plausible_since_ms = now_ms;
    thermistorFault(now_ms, THERMISTOR_SILENT);
  }
}

/** The session has ended: the heat lock and the detached verdict are tied to it. */
export function thermalSessionEnded(now_ms: u32): void {
  heat_locked = false;
  hard_heat = false;
  if (thermistor_detail == THERMISTOR_DETACHED && clearFault(FAULT_THERMISTOR, now_ms)) thermistor_detail = 0;
}

/** True when the protective functions allow any heat at all. */
export function heatPermitted(): bool {
  return !heat_locked && has_reading && !faultActive(FAULT_THERMISTOR) && !faultActive(FAULT_OVER_TEMPERATURE);
}

/** Last plausible pad temperature, centi-°C. */
export function padTemperature(): i32 {
  return last_cdeg;
}
