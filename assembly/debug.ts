// Seams for the device tests, compiled into the debug build only (package.json's build:firmware
// gives this file to the debug target as a second entry; the release build never sees it, and a
// device test checks that build/firmware.wasm exports nothing of it). Each seam models a defect
// that a protective function must survive; none is reachable through HAL ABI v1.

import { sessionDebugNeverEnd } from "./therapy/session";

/** The therapy program's own timer fails: it never ramps down or ends a session by itself. */
export function fw_debug_program_never_ends(): void {
  sessionDebugNeverEnd();
}
