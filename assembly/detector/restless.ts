// Stage 8 of the detector: restlessness that is not periodic — the dense, irregular movement of
// an RLS episode at rest: several bouts of movement within a couple of minutes, some of them with
// an LM (at the default SENSITIVITY 3: 4 bouts within 100 s, 2 of them with an LM). A bout is a
// movement (or a cluster of them) starting at least BOUT_GAP_MS after the previous movement
// ended; turning over (LONG) neither counts nor breaks anything. An episode often begins with
// fidgets, which count as bouts (a hypnic jerk too: jerks alone never make an episode, they have
// no LM). A bout of RHYTHMIC_MOVES or more movements is a rhythmic train — rubbing the feet while
// falling asleep (bursts 0.3–0.7 s at 1–2/s for 10–15 s), not restlessness — and does not count
// at all, whatever its movements' classes. SENSITIVITY trades missed episodes for false alarms
// through the bouts needed and the window.

import { MOVE_CLASS_LM, MOVE_CLASS_LONG } from "../abi";
import { elapsedMs } from "../clock";

export const BOUT_GAP_MS: u32 = 3_000;
/** Bouts kept (a power of two); more than any criterion needs. */
const BOUTS: i32 = 8;
/** Per SENSITIVITY 1…5 (index 0 unused): bouts needed, bouts with an LM needed, window s. */
const NEED_BOUTS: StaticArray<i32> = [5, 6, 5, 4, 4, 3];
const NEED_LM_BOUTS: StaticArray<i32> = [3, 3, 2, 2, 1, 1];
/** A bout with this many movements (each < BOUT_GAP_MS after the last) is a rhythmic train. */
const RHYTHMIC_MOVES: i32 = 4;
const WINDOW_S: StaticArray<i32> = [90, 90, 90, 100, 120, 150];

/**
 * The bout ring as static areas (a module-level `new StaticArray` would be bump-allocated by a
 * start function, which the HAL ABI forbids): BOUTS u32 onsets (ms), then BOUTS u8: bit 0 the
 * bout has an LM, bits 1… its movements (saturating at RHYTHMIC_MOVES).
 */
const BOUT_ONSET_AREA: usize = memory.data(BOUTS * 4, 4);
const BOUT_LM_AREA: usize = memory.data(BOUTS);
/** Everything this stage keeps between movements: the bout ring (above), and: */
namespace restless {
  /** Bouts in the ring (up to BOUTS), and where the next goes. */
  export let bouts: i32 = 0;
  export let head: i32 = 0;
  /** Offset of the last movement, ms: the next starts a new bout BOUT_GAP_MS after it. */
  export let last_offset_ms: u32 = 0;
  /** The criterion for the SENSITIVITY in effect. */
  export let need_bouts: i32 = 5;
  export let need_lm_bouts: i32 = 3;
  export let window_ms: u32 = 90_000;
}

@inline function boutOnset(k: i32): u32 {
  return load<u32>(BOUT_ONSET_AREA + (<usize>k << 2));
}
@inline function boutFlags(k: i32): i32 {
  return load<u8>(BOUT_LM_AREA + <usize>k);
}
@inline function setBout(k: i32, onset_ms: u32, flags: i32): void {
  store<u32>(BOUT_ONSET_AREA + (<usize>k << 2), onset_ms);
  store<u8>(BOUT_LM_AREA + <usize>k, flags);
}

export function restlessReset(sensitivity: i32): void {
  restless.bouts = 0;
  restless.head = 0;
  restlessSetSensitivity(sensitivity);
}

function restlessSetSensitivity(sensitivity: i32): void {
  const s = sensitivity < 1 ? 1 : sensitivity > 5 ? 5 : sensitivity;
  restless.need_bouts = unchecked(NEED_BOUTS[s]);
  restless.need_lm_bouts = unchecked(NEED_LM_BOUTS[s]);
  restless.window_ms = <u32>unchecked(WINDOW_S[s]) * 1000;
}

/**
 * A movement ended (class, onset, offset). Returns true when the recent bouts make an episode of
 * dense movement; the record then starts afresh, so one episode is recognised once.
 */
export function restlessMovement(now_ms: u32, cls: i32, onset_ms: u32, offset_ms: u32): bool {
  if (cls == MOVE_CLASS_LONG) return false;
  const is_lm = cls == MOVE_CLASS_LM;
  if (restless.bouts > 0 && <i32>(onset_ms - restless.last_offset_ms) < <i32>BOUT_GAP_MS) {
    // Part of the current bout: one more movement, and perhaps an LM.
    const k = (restless.head - 1) & (BOUTS - 1);
    const f = boutFlags(k);
    const moves = min((f >> 1) + 1, RHYTHMIC_MOVES);
    setBout(k, boutOnset(k), (moves << 1) | (f & 1) | (is_lm ? 1 : 0));
  } else {
    setBout(restless.head, onset_ms, (1 << 1) | (is_lm ? 1 : 0));
    restless.head = (restless.head + 1) & (BOUTS - 1);
    if (restless.bouts < BOUTS) restless.bouts++;
  }
  restless.last_offset_ms = offset_ms;
  // Count the bouts that started within the window (newest first; they are in time order),
  // leaving rhythmic trains out.
  let n = 0;
  let n_lm = 0;
  for (let i = 1; i <= restless.bouts; i++) {
    const k = (restless.head - i) & (BOUTS - 1);
    if (elapsedMs(now_ms, boutOnset(k)) > restless.window_ms) break;
    const f = boutFlags(k);
    if ((f >> 1) >= RHYTHMIC_MOVES) continue;
    n++;
    if (f & 1) n_lm++;
  }
  if (n >= restless.need_bouts && n_lm >= restless.need_lm_bouts) {
    restless.bouts = 0;
    return true;
  }
  return false;
}
