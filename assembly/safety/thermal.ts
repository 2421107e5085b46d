// Protective functions of the heating pad (IEC 60730 class B/C in spirit): over-temperature
// cut-off and thermistor fault detection. Each holds on its own: they only ever veto heat, and
// the device asks heatPermitted() on every call before the heater may be driven.

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
/**
 * Heating at or above this duty for DETACHED_WINDOW_MS must warm the pad by at least
 * DETACHED_MIN_RISE_CDEG. A pad on a foot warms by several °C per minute at full power, so a
 * reading that stays put is a thermistor that no longer touches the pad: it is heating blind.
 */
export const HARD_HEAT_PERMILLE: i32 = 800;
export const DETACHED_WINDOW_MS: u32 = 120_000;
export const DETACHED_MIN_RISE_CDEG: i32 = 100;
/**
 * While the heater is on, the pad cannot cool faster than its loss to the foot allows (well under
 * 3 °C a minute). A reading that falls more than DROP_LIMIT_CDEG below what that allows has come
 * off the pad (it now sees the air): caught in seconds, before blind full power could overheat it.
 */
export const PAD_MAX_COOLING_CDEG_PER_S: i32 = 5;
export const DROP_LIMIT_CDEG: i32 = 200;

// FAULT 3 detail codes.
export const THERMISTOR_OUT_OF_RANGE: i32 = 1;
export const THERMISTOR_SILENT: i32 = 2;
/** No rise under hard heat: latched until power-on (a detached sensor does not reattach itself). */
export const THERMISTOR_DETACHED: i32 = 3;
/** A fall faster than the pad can cool while heating: latched like THERMISTOR_DETACHED. */
export const THERMISTOR_DROPPED: i32 = 4;

/** STATUS_PAD_CDEG before the first plausible reading. */
export const NO_READING: i32 = i32.MIN_VALUE;

/** Everything this module keeps between calls. */
namespace thermal {
  export let has_reading: bool = false;
  export let last_reading_ms: u32 = 0;
  // NO_READING spelt out below: asc does not fold i32.MIN_VALUE into a global's initialiser and
  // would set it in a start function instead (HAL ABI: no start-function side effects).
  export let last_cdeg: i32 = -2147483648; // NO_READING
  export let plausible_since_ms: u32 = 0;
  export let thermistor_detail: i32 = 0;
  /** Once the thermistor has failed in a session, that session heats no more. */
  export let heat_locked: bool = false;
  export let hard_heat: bool = false;
  export let hard_since_ms: u32 = 0;
  export let hard_start_cdeg: i32 = 0;
  /** Lowest reading the pad could plausibly show by now while heating, milli-cdeg; NO_READING when not heating. */
  export let drop_ref_mcdeg: i32 = -2147483648; // NO_READING
  export let drop_ref_ms: u32 = 0;
}

/** Power-on: no reading yet, no fault, nothing latched. */
export function thermalReset(now_ms: u32): void {
  thermal.has_reading = false;
  thermal.last_cdeg = NO_READING;
  thermal.thermistor_detail = 0;
  thermal.heat_locked = false;
  thermalResync(now_ms);
}

/**
 * The clock jumped: every timer restarts from `now_ms`. Active faults, the latched detached
 * verdict and the last reading stay (the next reading must still be fresh to heat).
 */
export function thermalResync(now_ms: u32): void {
  thermal.last_reading_ms = now_ms;
  thermal.plausible_since_ms = now_ms;
  thermal.hard_heat = false;
  thermal.drop_ref_mcdeg = NO_READING;
}

@inline function latched(): bool {
  return thermal.thermistor_detail == THERMISTOR_DETACHED || thermal.thermistor_detail == THERMISTOR_DROPPED;
}

function thermistorFault(now_ms: u32, detail: i32): void {
  thermal.heat_locked = true;
  thermal.hard_heat = false;
  thermal.drop_ref_mcdeg = NO_READING;
  if (raiseFault(FAULT_THERMISTOR, now_ms, detail)) thermal.thermistor_detail = detail;
  else if (detail == THERMISTOR_DETACHED || detail == THERMISTOR_DROPPED) thermal.thermistor_detail = detail;
}

/**
 * One thermistor reading; `heater_permille` is the duty that was applied up to now.
 * Returns true when the reading is plausible and may be used for control.
 */
export function thermalReading(now_ms: u32, pad_cdeg: i32, heater_permille: i32): bool {
  if (pad_cdeg < THERMISTOR_MIN_CDEG || pad_cdeg > THERMISTOR_MAX_CDEG) {
    thermal.plausible_since_ms = now_ms;
    thermistorFault(now_ms, THERMISTOR_OUT_OF_RANGE);
    return false;
  }
  // The recovery time counts from the first reading after a gap, not from the fault.
  if (!thermal.has_reading || elapsedMs(now_ms, thermal.last_reading_ms) > READING_TIMEOUT_MS) thermal.plausible_since_ms = now_ms;
  thermal.has_reading = true;
  thermal.last_reading_ms = now_ms;
  thermal.last_cdeg = pad_cdeg;

  // Over-temperature first: whatever else this reading means, it stops the heat now.
  if (pad_cdeg >= OVER_TEMPERATURE_CDEG) {
    raiseFault(FAULT_OVER_TEMPERATURE, now_ms, pad_cdeg);
  } else if (pad_cdeg < OVER_TEMPERATURE_CLEAR_CDEG) {
    clearFault(FAULT_OVER_TEMPERATURE, now_ms);
  }

  if (faultActive(FAULT_THERMISTOR) && !latched()
      && elapsedMs(now_ms, thermal.plausible_since_ms) >= THERMISTOR_RECOVERY_MS) {
    clearFault(FAULT_THERMISTOR, now_ms);
    thermal.thermistor_detail = 0;
  }

  if (padDropped(now_ms, pad_cdeg, heater_permille)) return true;
  detachedCheck(now_ms, pad_cdeg, heater_permille);
  return true;
}

/** While heating, a fall faster than the pad can cool: the sensor has come off the pad (latched FAULT 3). */
function padDropped(now_ms: u32, pad_cdeg: i32, heater_permille: i32): bool {
  if (heater_permille <= 0) {
    thermal.drop_ref_mcdeg = NO_READING;
    return false;
  }
  if (thermal.drop_ref_mcdeg == NO_READING) {
    thermal.drop_ref_mcdeg = pad_cdeg * 1000;
  } else {
    const dt_ms = <i32>min<u32>(elapsedMs(now_ms, thermal.drop_ref_ms), 600_000);
    thermal.drop_ref_mcdeg = max(thermal.drop_ref_mcdeg - dt_ms * PAD_MAX_COOLING_CDEG_PER_S, pad_cdeg * 1000);
  }
  thermal.drop_ref_ms = now_ms;
  if (pad_cdeg * 1000 >= thermal.drop_ref_mcdeg - DROP_LIMIT_CDEG * 1000) return false;
  thermistorFault(now_ms, THERMISTOR_DROPPED);
  return true;
}

/** A pad that does not warm under hard heating has lost its thermistor: it is heating blind (latched FAULT 3). */
function detachedCheck(now_ms: u32, pad_cdeg: i32, heater_permille: i32): void {
  if (heater_permille < HARD_HEAT_PERMILLE) {
    thermal.hard_heat = false;
  } else if (!thermal.hard_heat) {
    thermal.hard_heat = true;
    thermal.hard_since_ms = now_ms;
    thermal.hard_start_cdeg = pad_cdeg;
  } else if (elapsedMs(now_ms, thermal.hard_since_ms) >= DETACHED_WINDOW_MS) {
    if (pad_cdeg - thermal.hard_start_cdeg < DETACHED_MIN_RISE_CDEG) {
      thermistorFault(now_ms, THERMISTOR_DETACHED);
    } else {
      thermal.hard_since_ms = now_ms;
      thermal.hard_start_cdeg = pad_cdeg;
    }
  }
}

/**
 * Heat is asked for from `now_ms` (a session with heat starts, or heat is switched on): the
 * silence timer starts then, at the request's own time, unless a fresh reading is already there.
 */
export function thermalHeatRequested(now_ms: u32): void {
  if (!thermal.has_reading || elapsedMs(now_ms, thermal.last_reading_ms) > READING_TIMEOUT_MS) thermal.last_reading_ms = now_ms;
}

/** Time passing (fw_tick); `heat_requested` is true while a session wants heat. */
export function thermalTick(now_ms: u32, heat_requested: bool): void {
  if (!heat_requested) {
    thermal.hard_heat = false;
    return;
  }
  if (elapsedMs(now_ms, thermal.last_reading_ms) > READING_TIMEOUT_MS) {
    thermal.plausible_since_ms = now_ms;
    thermistorFault(now_ms, THERMISTOR_SILENT);
  }
}

/** The session has ended: the per-session heat lock is lifted (latched faults stay). */
export function thermalSessionEnded(now_ms: u32): void {
  thermal.heat_locked = false;
  thermal.hard_heat = false;
  thermal.drop_ref_mcdeg = NO_READING;
}

/** True when the protective functions allow any heat at all. */
export function heatPermitted(): bool {
  return !thermal.heat_locked && thermal.has_reading && !faultActive(FAULT_THERMISTOR) && !faultActive(FAULT_OVER_TEMPERATURE)
    && thermal.last_cdeg < OVER_TEMPERATURE_CDEG;
}

/** Last plausible pad temperature, centi-°C; NO_READING before the first. */
export function padTemperature(): i32 {
  return thermal.last_cdeg;
}
