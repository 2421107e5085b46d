// The register of active faults. A fault is raised once (one FAULT event) and cleared once (one
// FAULT_CLEAR event), however often its cause is seen in between.

import { EVENT_FAULT, EVENT_FAULT_CLEAR } from "../abi";
import { logEvent } from "../log";

/** Everything this module keeps between calls. */
namespace faults {
  export let active_bits: i32 = 0;
}

export function faultsReset(): void {
  faults.active_bits = 0;
}

/** Raises fault `code` with `detail`; returns true if it was not already active. */
export function raiseFault(code: i32, now_ms: u32, detail: i32): bool {
  const bit = 1 << code;
  if (faults.active_bits & bit) return false;
  faults.active_bits |= bit;
  logEvent(EVENT_FAULT, now_ms, code, detail);
  return true;
}

/** Clears fault `code`; returns true if it was active. */
export function clearFault(code: i32, now_ms: u32): bool {
  const bit = 1 << code;
  if (!(faults.active_bits & bit)) return false;
  faults.active_bits &= ~bit;
  logEvent(EVENT_FAULT_CLEAR, now_ms, code, 0);
  return true;
}

@inline export function faultActive(code: i32): bool {
  return (faults.active_bits & (1 << code)) != 0;
}

/** STATUS_FAULTS: bit (1 << code) of each active fault. */
export function faultBits(): i32 {
  return faults.active_bits;
}
