// The massage motor's shaft axis, learnt from its vibration at the sensor. An eccentric rotating
// mass pushes with a force that turns in the plane perpendicular to its shaft, so the vibration
// the accelerometer feels (however it is aliased by the sample rate) lies in that plane: along
// the shaft there is none. A leg movement turns gravity, and its change has in general a part
// along the shaft too. Projected on the shaft axis, the signal is free of the motor: a small
// leg movement is seen there against the sensor's own noise, not against the vibration, even
// when the alias sits near DC and looks like a slow movement of the motor's full amplitude.
//
// Learning, on every AXIS_DECIMATE-th rest sample while the motor runs (a statistic needs no
// more, and it keeps the sample path's cost down): the covariance of the raw deviation from the
// rest level (mg², exponential forgetting over ~COV_TAU_MS). Every AXIS_EVERY such samples the
// axis is recomputed as the null direction of that covariance: the cross product of two of its
// rows (for a planar vibration every row lies in the plane), the pair with the longest product.
// The axis is used only while the covariance is clearly planar (the least variance, along the
// axis, below 1/PLANAR_RATIO of the total): a vibration that is not planar, or not strong enough
// against the sensor's isotropic noise to look planar, leaves the detector on its other motor
// paths. Below VIBRATION_MIN_MG the covariance is not judged at all: the axis stays as it was.
//
// Fixed point: the axis is a unit vector × 2^AXIS_Q. No division or sqrt per sample; one isqrt
// and three divisions per axis update.

import { log2Nearest, periodAtLeast1 } from "./fixed";

const AXIS_Q: i32 = 10;
/** The covariance forgets with this time constant, ms: several breaths of the session's wave. */
const COV_TAU_MS: u32 = 20_480;
/** The covariance learns from one rest sample under the motor in this many (a power of two). */
const AXIS_DECIMATE: i32 = 16;
/** Learnt samples between two axis updates. */
const AXIS_EVERY: i32 = 4;
/** Samples learnt before the first axis is trusted (the covariance must have filled), ×AXIS_EVERY. */
const AXIS_WARMUP_UPDATES: i32 = 4;
/** Planar: the variance along the axis is below the total over this. */
const PLANAR_RATIO: i32 = 16;
/** A deviation larger than this is no vibration at rest (and would overflow the products), mg. */
const DEV_MAX_MG: i32 = 1024;
/** Fractional bits of the covariance (mg² · 2^COV_FRAC ≤ 2^28): small vibrations still register. */
const COV_FRAC: i32 = 8;
/**
 * Below this RMS (summed over the axes), mg, the vibration is too weak to tell its plane from the
 * sensor's noise, and too weak to matter: the axis learnt so far is kept as it is.
 */
const VIBRATION_MIN_MG: i32 = 8;

/** Everything this stage keeps between samples. */
namespace axis {
  /** Covariance of the deviation from rest, mg² · 2^COV_FRAC. */
  export let cov_xx: i32 = 0;
  export let cov_yy: i32 = 0;
  export let cov_zz: i32 = 0;
  export let cov_xy: i32 = 0;
  export let cov_xz: i32 = 0;
  export let cov_yz: i32 = 0;
  export let shift_cov: i32 = 9;
  /** Rest samples under the motor seen (one in AXIS_DECIMATE is learnt); never reset. */
  export let rest_samples: i32 = 0;
  /** Samples learnt since the last axis update. */
  export let learnt: i32 = 0;
  /** Axis updates in a row that found a planar vibration (up to AXIS_WARMUP_UPDATES). */
  export let updates: i32 = 0;
  /** The axis, a unit vector × 2^AXIS_Q. */
  export let x: i32 = 0;
  export let y: i32 = 0;
  export let z: i32 = 0;
  /** The axis is known and the vibration is planar around it. */
  export let valid: bool = false;
}

export function motorAxisReset(sample_period_ms: u32): void {
  axis.shift_cov = log2Nearest(COV_TAU_MS / (periodAtLeast1(sample_period_ms) * AXIS_DECIMATE), 14);
  axis.cov_xx = axis.cov_yy = axis.cov_zz = axis.cov_xy = axis.cov_xz = axis.cov_yz = 0;
  axis.learnt = 0;
  axis.updates = 0;
  axis.x = axis.y = axis.z = 0;
  axis.valid = false;
}

/** A rest sample under the motor: true when it is the one in AXIS_DECIMATE to learn from (motorAxisLearn). */
@inline export function motorAxisDue(): bool {
  return (++axis.rest_samples & (AXIS_DECIMATE - 1)) == 0;
}

@inline function clampDev(d: i32): i32 {
  return d > DEV_MAX_MG ? DEV_MAX_MG : d < -DEV_MAX_MG ? -DEV_MAX_MG : d;
}

/** A rest sample with the motor running (one in AXIS_DECIMATE): raw deviation from the rest level, mg. */
export function motorAxisLearn(dx: i32, dy: i32, dz: i32): void {
  const x = clampDev(dx);
  const y = clampDev(dy);
  const z = clampDev(dz);
  axis.cov_xx += (((x * x) << COV_FRAC) - axis.cov_xx) >> axis.shift_cov;
  axis.cov_yy += (((y * y) << COV_FRAC) - axis.cov_yy) >> axis.shift_cov;
  axis.cov_zz += (((z * z) << COV_FRAC) - axis.cov_zz) >> axis.shift_cov;
  axis.cov_xy += (((x * y) << COV_FRAC) - axis.cov_xy) >> axis.shift_cov;
  axis.cov_xz += (((x * z) << COV_FRAC) - axis.cov_xz) >> axis.shift_cov;
  axis.cov_yz += (((y * z) << COV_FRAC) - axis.cov_yz) >> axis.shift_cov;
  if (++axis.learnt >= AXIS_EVERY) {
    axis.learnt = 0;
    update();
  }
}

/** Integer square root (floor) of a non-negative i32. */
function isqrt(v: i32): i32 {
  let r: i32 = 0;
  let bit: i32 = 1 << 30;
  while (bit > v) bit >>= 2;
  while (bit != 0) {
    if (v >= r + bit) {
      v -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return r;
}

/** Bits to shift right so that |v| ≤ 2^bits. */
function excess(v: i32, bits: i32): i32 {
  let s = 0;
  while ((abs(v) >> s) > (1 << bits)) s++;
  return s;
}

/**
 * A new estimate of the axis from the covariance. Taken when the vibration is strong and planar
 * around it; a vibration that is strong but not planar (the model does not hold: a loose pad, a
 * second resonance) switches the axis path off; a weak one changes nothing (the shaft has not
 * turned because the motor slowed down).
 */
function update(): void {
  if (axis.cov_xx + axis.cov_yy + axis.cov_zz < (VIBRATION_MIN_MG * VIBRATION_MIN_MG) << COV_FRAC) return;
  // Rows of the covariance, scaled so that every entry is ≤ 2^14 (products ≤ 2^28, their
  // differences ≤ 2^29: no i32 overflow).
  const big = max(max(axis.cov_xx, axis.cov_yy), axis.cov_zz); // the diagonal bounds every entry
  const s = excess(big, 14);
  const xx = axis.cov_xx >> s, yy = axis.cov_yy >> s, zz = axis.cov_zz >> s;
  const xy = axis.cov_xy >> s, xz = axis.cov_xz >> s, yz = axis.cov_yz >> s;
  // The three pairwise cross products of the rows (xx xy xz), (xy yy yz), (xz yz zz).
  const ax = xy * yz - xz * yy, ay = xz * xy - xx * yz, az = xx * yy - xy * xy; // row0 × row1
  const bx = xy * zz - xz * yz, by = xz * xz - xx * zz, bz = xx * yz - xy * xz; // row0 × row2
  const cx = yy * zz - yz * yz, cy = yz * xz - xy * zz, cz = xy * yz - yy * xz; // row1 × row2
  const la = abs(ax) + abs(ay) + abs(az);
  const lb = abs(bx) + abs(by) + abs(bz);
  const lc = abs(cx) + abs(cy) + abs(cz);
  let nx = ax, ny = ay, nz = az, l = la;
  if (lb > l) { nx = bx; ny = by; nz = bz; l = lb; }
  if (lc > l) { nx = cx; ny = cy; nz = cz; l = lc; }
  if (l == 0) return;
  // Normalise to 2^AXIS_Q: components ≤ 2^14 first, so their squares sum below 2^30.
  const t = excess(max(max(abs(nx), abs(ny)), abs(nz)), 14);
  nx >>= t;
  ny >>= t;
  nz >>= t;
  const len = isqrt(nx * nx + ny * ny + nz * nz);
  if (len == 0) return;
  const ux = (nx << AXIS_Q) / len;
  const uy = (ny << AXIS_Q) / len;
  const uz = (nz << AXIS_Q) / len;
  // Variance along it: uᵀ·C·u, with C as scaled above (≤ 2^14 · 2^10 · 3 per term).
  const wx = (xx * ux + xy * uy + xz * uz) >> AXIS_Q;
  const wy = (xy * ux + yy * uy + yz * uz) >> AXIS_Q;
  const wz = (xz * ux + yz * uy + zz * uz) >> AXIS_Q;
  const along = (ux * wx + uy * wy + uz * wz) >> AXIS_Q;
  if (along * PLANAR_RATIO >= xx + yy + zz) {
    axis.valid = false;
    axis.updates = 0;
    return;
  }
  axis.x = ux;
  axis.y = uy;
  axis.z = uz;
  if (axis.updates < AXIS_WARMUP_UPDATES) axis.updates++;
  axis.valid = axis.updates >= AXIS_WARMUP_UPDATES;
}

/** The axis is known and the vibration is planar around it. */
@inline export function motorAxisValid(): bool {
  return axis.valid;
}

/**
 * |d · axis| for a deviation d in units of 1/2^frac mg, returned in the same units. The caller
 * keeps |d| ≤ 2^18 per component (±32 g at 1/8 mg): 3 · 2^18 · 2^10 < 2^31.
 */
@inline export function motorAxisProject(dx: i32, dy: i32, dz: i32): i32 {
  return abs(dx * axis.x + dy * axis.y + dz * axis.z) >> AXIS_Q;
}
