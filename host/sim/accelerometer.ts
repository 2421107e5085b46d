// The accelerometer as a sensor, not an ideal instrument: what turns the true specific force at
// the foot (mg, sensor frame) into the integers its registers give.
//
// Model, per axis, in this order:
//   gain error   (1 + g_i), g_i ~ ±2 % (trim tolerance of consumer MEMS parts);
//   zero-g offset o_i: a constant of up to ±40 mg (±80 mg for the coarse part) plus a slow
//                 drift (temperature, bed warming up): a random walk of drift_mg_per_sqrt_h;
//   noise         white, Gaussian, noise_mg RMS at the output data rate;
//   quantisation  rounding to lsb_mg (12-bit at ±4 g: 2 mg; 8-bit low-power at ±2 g: 16 mg);
//   saturation    clipping at ±range_mg (a hypnic jerk's spike can clip a ±2 g part).
// Mounting (which way the sensor sits on the foot) is not here: it is part of the geometry the
// leg model renders in (plan.mount), because it decides how gravity projects on the axes.

import type { Rng } from "./rng.js";

export interface SensorSpec {
  /** A short description for reports: "12-bit ±4 g", "8-bit ±2 g low-power". */
  name: string;
  noise_mg: number;
  lsb_mg: number;
  range_mg: number;
  /** Constant zero-g offset per axis, mg. */
  offset_mg: [number, number, number];
  /** Gain error per axis, fraction (0.01 = +1 %). */
  gain_error: [number, number, number];
  /** Random-walk offset drift, mg per √hour. */
  drift_mg_per_sqrt_h: number;
}

export class Accelerometer {
  private readonly drift: [number, number, number] = [0, 0, 0];
  private last_ms = NaN;
  /** The last reading, integer mg (a reused array). */
  readonly out: [number, number, number] = [0, 0, 0];

  constructor(private readonly spec: SensorSpec, private readonly rng: Rng) {}

  /** Registers' reading of true specific force (fx, fy, fz) mg at `t_ms`. */
  read(t_ms: number, fx: number, fy: number, fz: number): [number, number, number] {
    const s = this.spec;
    const dt_h = Number.isNaN(this.last_ms) ? 0 : (t_ms - this.last_ms) / 3_600_000;
    this.last_ms = t_ms;
    const step = s.drift_mg_per_sqrt_h * Math.sqrt(dt_h);
    for (let i = 0; i < 3; i++) {
      this.drift[i] += step * this.rng.normal();
      const f = i === 0 ? fx : i === 1 ? fy : fz;
      const v = f * (1 + s.gain_error[i]) + s.offset_mg[i] + this.drift[i] + s.noise_mg * this.rng.normal();
      let q = Math.round(v / s.lsb_mg) * s.lsb_mg;
      if (q > s.range_mg) q = s.range_mg;
      else if (q < -s.range_mg) q = -s.range_mg;
      this.out[i] = q;
    }
    return this.out;
  }
}
