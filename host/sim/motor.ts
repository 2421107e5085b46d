// The device's own vibration as the leg accelerometer feels it.
//
// Physical model. The massage motor is an eccentric rotating mass (ERM): a DC motor with an
// off-centre weight. PWM duty sets the drive voltage; the speed follows the voltage above a
// start-up threshold, with a mechanical time constant of ~40 ms:
//   duty ≥ 250 ‰ (the lowest level the firmware uses): f = 60 Hz … 220 Hz, linear in duty;
//   duty < 250 ‰ (only during ramps): the motor barely turns, f = 60 Hz · duty/250.
// The centrifugal force of the mass grows with the square of the speed, so the vibration
// amplitude reaching the sensor is A = A_ref · (f / 220 Hz)², A_ref = 60…180 mg depending on how
// well the pad couples to this foot (plan.motor.amplitude_mg). The force is a vector rotating in
// the plane perpendicular to the motor shaft, i.e. two orthogonal sinusoids in a plane of the
// sensor frame. The speed wanders by ~1 % (load, supply ripple): a slow random walk on the
// frequency. The force is planar, but the housing also rocks on its mount: a component along the
// shaft at twice the rotation frequency, `axial_fraction` (0–15 % drawn per night) of the
// in-plane amplitude. (A component at the rotation frequency itself would only tilt the plane:
// one frequency always traces an ellipse, i.e. a plane. The harmonic does not.) The sensor's
// low-power mode takes one conversion per output period with no averaging, so nothing filters
// 60–220 Hz before sampling at 25–100 Hz: the vibration arrives aliased to |f − k·fs| — anywhere
// between DC and fs/2, sweeping as the session's "breathing" wave moves the duty.

import type { Rng } from "./rng.js";

export interface MotorCoupling {
  /** Vibration amplitude at the sensor at full speed (220 Hz), mg. */
  amplitude_mg: number;
  /** Two orthogonal unit vectors (sensor frame) spanning the plane the force rotates in. */
  u: [number, number, number];
  v: [number, number, number];
  /** Out-of-plane component along the shaft (u × v), at twice the rotation frequency, as a fraction of the in-plane amplitude. */
  axial_fraction: number;
  /** Its phase relative to the in-plane rotation, rad. */
  axial_phase: number;
}

const MOTOR_MIN_HZ = 60;
const MOTOR_MAX_HZ = 220;
/** Duty at which the motor runs smoothly at its lowest speed, permille. */
const MOTOR_SMOOTH_PERMILLE = 250;
/** Mechanical time constant of the motor's speed, ms. */
const MOTOR_TAU_MS = 40;

/** Steady-state speed at `duty` permille, Hz. */
function motorHz(duty_permille: number): number {
  if (duty_permille <= 0) return 0;
  if (duty_permille < MOTOR_SMOOTH_PERMILLE) return (MOTOR_MIN_HZ * duty_permille) / MOTOR_SMOOTH_PERMILLE;
  return MOTOR_MIN_HZ + ((MOTOR_MAX_HZ - MOTOR_MIN_HZ) * (duty_permille - MOTOR_SMOOTH_PERMILLE)) / (1000 - MOTOR_SMOOTH_PERMILLE);
}

/** The motor's state while a night runs: speed, phase, speed wander. */
export class Motor {
  private hz = 0;
  private phase = 0;
  private wander = 0;
  private last_ms = NaN;
  /** Vibration at the sensor for the last call, mg (reused array). */
  readonly out: [number, number, number] = [0, 0, 0];

  constructor(private readonly coupling: MotorCoupling, private readonly rng: Rng) {}

  /** Advances to `t_ms` with duty `duty_permille` and returns the vibration vector (mg). */
  sample(t_ms: number, duty_permille: number): [number, number, number] {
    const dt_ms = Number.isNaN(this.last_ms) ? 0 : t_ms - this.last_ms;
    this.last_ms = t_ms;
    const target = motorHz(duty_permille);
    if (target === 0 && this.hz < 0.5) {
      this.hz = 0;
      this.out[0] = this.out[1] = this.out[2] = 0;
      return this.out;
    }
    // First-order approach to the target speed, and a bounded random walk of ±1 % on top.
    this.hz += (target - this.hz) * (1 - Math.exp(-dt_ms / MOTOR_TAU_MS));
    this.wander = 0.995 * this.wander + 0.001 * this.rng.normal();
    const hz = this.hz * (1 + this.wander);
    this.phase = (this.phase + 2 * Math.PI * hz * dt_ms / 1000) % (2 * Math.PI);
    const a = this.coupling.amplitude_mg * (hz / MOTOR_MAX_HZ) ** 2;
    const c = a * Math.cos(this.phase);
    const s = a * Math.sin(this.phase);
    const { u, v, axial_fraction, axial_phase } = this.coupling;
    const w = a * axial_fraction * Math.cos(2 * this.phase + axial_phase);
    this.out[0] = c * u[0] + s * v[0] + w * (u[1] * v[2] - u[2] * v[1]);
    this.out[1] = c * u[1] + s * v[1] + w * (u[2] * v[0] - u[0] * v[2]);
    this.out[2] = c * u[2] + s * v[2] + w * (u[0] * v[1] - u[1] * v[0]);
    return this.out;
  }
}
