// The leg as a physical system: renders the true specific force at the sensor (what an ideal
// accelerometer strapped to the foot would read, mg, sensor frame) from a night plan, and passes
// it through the motor coupling (motor.ts) and the sensor model (accelerometer.ts).
//
// Physical model (docs/night-model.md):
// - Posture: the foot rests with the leg rolled about its long axis (supine 0°, sides ±70°).
//   At rest the sensor reads +1 g along "up" expressed in the sensor frame: up_foot rotated by
//   the mounting rotation (plan.mount). Turning over rotates up_foot for good.
// - A movement is a rotation θ(t) of the foot about an axis (ankle dorsiflexion, a roll of the
//   leg, a random axis for a jerk), a sum of raised-cosine pulses. The sensor, r = 8–16 cm from
//   the axis, reads
//       f = 1000·R(−θ)·up  +  (r·θ'' · (axis × r̂)  −  r·θ'² · r̂) / g  +  oscillations,
//   i.e. the changed projection of gravity, the tangential and the centripetal acceleration,
//   plus linear components: muscle tremor 6–12 Hz, wobble of a held position, whole-body
//   accelerations while turning, friction while rubbing, the mattress's rebound after a jerk.
// - The motor's vibration is added (motor.ts), then the sensor's gain, offset, drift, noise,
//   quantisation and saturation (accelerometer.ts).
// Movements never overlap (the plan guarantees ≥ 1.5 s between them), so a sample looks at most
// at one movement; `sample` keeps an index into the list and is O(1) amortised.

import { Accelerometer } from "./accelerometer.js";
import { type Vec3, cross, rotate } from "./geometry.js";
import { Motor } from "./motor.js";
import type { MovementPlan, NightPlan } from "./night.js";
import { Rng } from "./rng.js";

const G_MS2 = 9.80665;

/** θ, θ', θ'' (rad, rad/s, rad/s²) of a movement's pulses at `t_ms` after its onset. */
function angle(m: MovementPlan, t_ms: number, out: number[]): void {
  let th = 0, d1 = 0, d2 = 0;
  for (const p of m.pulses) {
    let tau = t_ms - p.t0_ms;
    if (tau <= 0) continue;
    const A = p.amplitude_rad;
    if (tau < p.rise_ms) {
      const w = Math.PI / p.rise_ms;
      th += (A * (1 - Math.cos(w * tau))) / 2;
      d1 += (A * w * 1000 * Math.sin(w * tau)) / 2;
      d2 += (A * w * w * 1e6 * Math.cos(w * tau)) / 2;
      continue;
    }
    tau -= p.rise_ms;
    if (tau < p.hold_ms || p.fall_ms === Infinity) { th += A; continue; }
    tau -= p.hold_ms;
    if (tau < p.fall_ms) {
      const w = Math.PI / p.fall_ms;
      th += (A * (1 + Math.cos(w * tau))) / 2;
      d1 -= (A * w * 1000 * Math.sin(w * tau)) / 2;
      d2 -= (A * w * w * 1e6 * Math.cos(w * tau)) / 2;
    }
  }
  out[0] = th; out[1] = d1; out[2] = d2;
}

/** Total step (posture change) of a movement: the sum of its pulses that never return. */
function stepAngle(m: MovementPlan): number {
  let a = 0;
  for (const p of m.pulses) if (p.fall_ms === Infinity) a += p.amplitude_rad;
  return a;
}

export class LegSensor {
  private readonly plan: NightPlan;
  private readonly sensor: Accelerometer;
  private readonly motor: Motor;
  private readonly mount: number[];
  private readonly radius_dir: Vec3 = [1, 0, 0];
  private up: Vec3;
  private index = 0;
  private readonly th = [0, 0, 0];
  /** The last reading (integer mg); `sample` returns this same array every call. */
  private readonly out: [number, number, number] = [0, 0, 0];

  constructor(plan: NightPlan, options: { seed: number; sample_hz: number }) {
    this.plan = plan;
    this.sensor = new Accelerometer(plan.sensor, new Rng(options.seed, 1001));
    this.motor = new Motor(plan.motor, new Rng(options.seed, 1002));
    this.mount = plan.mount;
    // Supine, the foot's top faces up and slightly toward the toes; roll0 turns the leg.
    const supine: Vec3 = [Math.sin(20 * Math.PI / 180), 0, Math.cos(20 * Math.PI / 180)];
    const LEG: Vec3 = [-Math.cos(20 * Math.PI / 180), 0, -Math.sin(20 * Math.PI / 180)];
    this.up = rotate(supine, LEG, (plan.roll0_deg * Math.PI) / 180);
  }

  /**
   * Measured acceleration (integer mg, sensor frame) at `offset_ms` from the night start with the
   * motor at `motor_permille`. Offsets must increase from call to call. Returns a reused array:
   * copy it if you keep it.
   */
  sample(offset_ms: number, motor_permille: number): [number, number, number] {
    const ms = this.plan.movements;
    // Movements that ended: a turn leaves the leg in its new posture.
    while (this.index < ms.length && offset_ms >= ms[this.index].onset_ms + ms[this.index].render_ms) {
      const m = ms[this.index];
      const step = stepAngle(m);
      if (step !== 0) this.up = rotate(this.up, m.axis, -step);
      this.index++;
    }
    let fx: number, fy: number, fz: number;
    const m = this.index < ms.length ? ms[this.index] : null;
    if (m && offset_ms >= m.onset_ms) {
      const t = offset_ms - m.onset_ms;
      angle(m, t, this.th);
      const up = rotate(this.up, m.axis, -this.th[0]);
      // Tangential and centripetal acceleration of a point r from the axis, in g.
      const r = this.plan.radius_m;
      const tan = cross(m.axis, this.radius_dir);
      const at = (r * this.th[2]) / G_MS2;
      const ac = (r * this.th[1] * this.th[1]) / G_MS2;
      fx = 1000 * (up[0] + at * tan[0] - ac * this.radius_dir[0]);
      fy = 1000 * (up[1] + at * tan[1] - ac * this.radius_dir[1]);
      fz = 1000 * (up[2] + at * tan[2] - ac * this.radius_dir[2]);
      for (const o of m.oscillations) {
        if (t < o.t0_ms || t >= o.t1_ms) continue;
        let env: number;
        if (o.decay_ms > 0) {
          env = Math.exp(-(t - o.t0_ms) / o.decay_ms);
        } else {
          // 50 ms raised-cosine tapers at both ends: tremor fades in and out.
          const edge = Math.min(t - o.t0_ms, o.t1_ms - t);
          env = edge >= 50 ? 1 : (1 - Math.cos((Math.PI * edge) / 50)) / 2;
        }
        const a = o.amplitude_mg * env * Math.sin(2 * Math.PI * o.hz * t / 1000 + o.phase);
        fx += a * o.direction[0];
        fy += a * o.direction[1];
        fz += a * o.direction[2];
      }
    } else {
      fx = 1000 * this.up[0];
      fy = 1000 * this.up[1];
      fz = 1000 * this.up[2];
    }
    // Foot frame → sensor frame, then the motor's vibration (already in the sensor frame).
    const mt = this.mount;
    const sx = mt[0] * fx + mt[1] * fy + mt[2] * fz;
    const sy = mt[3] * fx + mt[4] * fy + mt[5] * fz;
    const sz = mt[6] * fx + mt[7] * fy + mt[8] * fz;
    const v = this.motor.sample(offset_ms, motor_permille);
    const r = this.sensor.read(offset_ms, sx + v[0], sy + v[1], sz + v[2]);
    this.out[0] = r[0];
    this.out[1] = r[1];
    this.out[2] = r[2];
    return this.out;
  }
}
