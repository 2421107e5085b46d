// Stage 1 of the detector: a short moving average per axis, which removes sensor noise and the
// motor's aliased vibration above ~6 Hz; while the motor runs, an average twice as long, which
// also cancels its aliases down to ~3 Hz. O(1) per sample by running sums over a ring of the last
// RING samples.

import { FRAC, log2Nearest, periodAtLeast1 } from "./fixed";

/** The moving average spans about this long (a power of two in samples: 2, 4, 8 at 25/50/100 Hz). */
const SMOOTH_MS: u32 = 80;
/** Ring of the last RING samples per axis (interleaved x, y, z), for the moving averages. */
const RING: i32 = 16;
/** The long average (used while the motor runs) spans 2^LONG_SHIFT short ones: ~160 ms. */
const LONG_SHIFT: i32 = 1;

/**
 * Everything this stage keeps between samples: the ring (a static area, not a StaticArray: a
 * module-level `new StaticArray` would be bump-allocated by a start function, HAL ABI), and:
 */
const RING_AREA: usize = memory.data(RING * 3 * 4, 4);
namespace smoothing {
  /** The ring holds the first sample everywhere (set by the first sample after a reset). */
  export let primed: bool = false;
  export let ring_pos: i32 = 0;
  /** The short average spans 2^shift_short = n_short samples. */
  export let shift_short: i32 = 2;
  export let n_short: i32 = 4;
  /** Running sums over the short and the long window, mg. */
  export let sum_sx: i32 = 0;
  export let sum_sy: i32 = 0;
  export let sum_sz: i32 = 0;
  export let sum_lx: i32 = 0;
  export let sum_ly: i32 = 0;
  export let sum_lz: i32 = 0;
  /** The smoothed sample (short average, or long while the motor runs), 1/256 mg. */
  export let x: i32 = 0;
  export let y: i32 = 0;
  export let z: i32 = 0;
}

@inline function ringGet(i: i32): i32 {
  return load<i32>(RING_AREA + (<usize>i << 2));
}
@inline function ringSet(i: i32, v: i32): void {
  store<i32>(RING_AREA + (<usize>i << 2), v);
}

export function smoothingReset(sample_period_ms: u32): void {
  smoothing.shift_short = log2Nearest(SMOOTH_MS / periodAtLeast1(sample_period_ms), 3);
  smoothing.n_short = 1 << smoothing.shift_short;
  smoothing.primed = false;
}

@inline export function smoothingPrimed(): bool {
  return smoothing.primed;
}

/** The first sample after a reset fills the ring: the averages start where the foot is. */
export function smoothingPrime(x: i32, y: i32, z: i32): void {
  for (let i = 0; i < RING; i++) {
    ringSet(i * 3, x);
    ringSet(i * 3 + 1, y);
    ringSet(i * 3 + 2, z);
  }
  const s = smoothing.shift_short;
  smoothing.sum_sx = x << s;
  smoothing.sum_sy = y << s;
  smoothing.sum_sz = z << s;
  smoothing.sum_lx = x << (s + LONG_SHIFT);
  smoothing.sum_ly = y << (s + LONG_SHIFT);
  smoothing.sum_lz = z << (s + LONG_SHIFT);
  smoothing.primed = true;
}

/** One sample, mg; `long` (the motor runs) selects the long average. */
@inline export function smoothingUpdate(x: i32, y: i32, z: i32, long: bool): void {
  // Moving averages over the last n_short and 2·n_short samples, O(1) by running sums.
  const pos = smoothing.ring_pos;
  const old_s = ((pos - smoothing.n_short) & (RING - 1)) * 3;
  const old_l = ((pos - (smoothing.n_short << LONG_SHIFT)) & (RING - 1)) * 3;
  smoothing.sum_sx += x - ringGet(old_s);
  smoothing.sum_sy += y - ringGet(old_s + 1);
  smoothing.sum_sz += z - ringGet(old_s + 2);
  smoothing.sum_lx += x - ringGet(old_l);
  smoothing.sum_ly += y - ringGet(old_l + 1);
  smoothing.sum_lz += z - ringGet(old_l + 2);
  const at = pos * 3;
  ringSet(at, x);
  ringSet(at + 1, y);
  ringSet(at + 2, z);
  smoothing.ring_pos = (pos + 1) & (RING - 1);
  const s = smoothing.shift_short;
  if (!long) {
    smoothing.x = smoothing.sum_sx << (FRAC - s);
    smoothing.y = smoothing.sum_sy << (FRAC - s);
    smoothing.z = smoothing.sum_sz << (FRAC - s);
  } else {
    smoothing.x = smoothing.sum_lx << (FRAC - s - LONG_SHIFT);
    smoothing.y = smoothing.sum_ly << (FRAC - s - LONG_SHIFT);
    smoothing.z = smoothing.sum_lz << (FRAC - s - LONG_SHIFT);
  }
}

/** The last raw sample (the newest in the ring), mg: `axis` 0, 1, 2 for x, y, z. */
@inline export function smoothingLastRaw(axis: i32): i32 {
  return ringGet(((smoothing.ring_pos - 1) & (RING - 1)) * 3 + axis);
}

/** The smoothed sample, 1/256 mg. */
@inline export function smoothedX(): i32 { return smoothing.x; }
@inline export function smoothedY(): i32 { return smoothing.y; }
@inline export function smoothedZ(): i32 { return smoothing.z; }

/**
 * How long the moving average in use (`long`: the motor's) keeps showing a movement after it
 * has ended, ms: its window less one sample. The average is causal (no look-ahead), so it starts
 * to move at a movement's first sample but lets go of it only a window later: a movement's end
 * is seen this much late, its onset is not.
 */
export function smoothingLagMs(sample_period_ms: u32, long: bool): u32 {
  const n: u32 = long ? <u32>smoothing.n_short << LONG_SHIFT : <u32>smoothing.n_short;
  return (n - 1) * sample_period_ms;
}
