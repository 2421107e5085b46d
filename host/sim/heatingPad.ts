// A foot heating pad on a foot, as the firmware's heater controller meets it: one thermal mass
// heated by a resistive element and losing heat to the foot and the bedding around it, read by a
// thermistor that lags the pad and is quantised by the ADC. Faults of the thermistor can be
// injected at any time.
//
// Model (first order, lumped):
//   C · dT/dt = P · duty − G · (T − T_env)
// with C the pad's heat capacity (J/K), P the element's power at full duty (W), G the thermal
// conductance to the foot and bedding (W/K) and T_env the foot/ambient temperature (≈ 30 °C under
// the covers). Time constant τ = C/G ≈ 10 min; full duty would settle at T_env + P/G ≈ 67 °C, so an
// uncontrolled heater does reach burning temperatures (what the protective functions are for).
// At full duty from 30 °C the pad warms by ≈ 3.6 °C a minute.
//
// The thermistor sits in the pad behind some insulation: a first-order lag of τ_s ≈ 8 s, then the
// ADC's quantisation step. Its reading is what the firmware gets; `temperature_cdeg` is the truth
// the tests judge overshoot by.
//
// Each step is integrated exactly for a constant duty (exponential solution) in sub-steps of at
// most 100 ms, so the result does not depend on how the caller slices time.

import { THERMISTOR_OPEN_CDEG, THERMISTOR_SHORTED_CDEG } from "./thermistor.js";

/** What can go wrong with the thermistor. */
export type ThermistorFault =
  /** Open circuit: it reads THERMISTOR_OPEN_CDEG (thermistor.ts). */
  | "open"
  /** Short circuit: it reads THERMISTOR_SHORTED_CDEG. */
  | "shorted"
  /** Fell off the pad: it reads the air around it, whatever the heater does. */
  | "detached"
  /** Wire or ADC dead: no readings at all. */
  | "silent";

export interface HeatingPadOptions {
  /** Heat capacity of the pad, J/K [250]. */
  heat_capacity_j_per_k?: number;
  /** Element power at 1000 ‰, W [15]. */
  heater_w?: number;
  /** Conductance to the foot and bedding, W/K [0.4]. */
  loss_w_per_k?: number;
  /** Foot/ambient temperature the pad loses heat to, cdeg [3000]. */
  ambient_cdeg?: number;
  /** Pad (and thermistor) temperature at the start, cdeg [ambient]. */
  start_cdeg?: number;
  /** Thermistor time constant, s [8]. */
  sensor_tau_s?: number;
  /** ADC quantisation step, cdeg [5]. */
  quantum_cdeg?: number;
  /** Peak-to-peak reading noise, cdeg [0]; needs `random`. */
  noise_cdeg?: number;
  /** Random numbers in [0, 1) for the noise (seeded, for reproducible nights). */
  random?: () => number;
  /** A thermistor fault, from `fault_at_ms` of simulated time on (default from the start). */
  fault?: ThermistorFault | null;
  fault_at_ms?: number;
  /** What a detached thermistor reads (the air under the covers), cdeg [ambient]. */
  detached_cdeg?: number;
}

const SUBSTEP_MS = 100;

export class HeatingPad {
  /** True pad temperature, cdeg (not quantised). */
  temperature_cdeg: number;
  /** Temperature the thermistor itself has reached, cdeg. */
  sensor_cdeg: number;
  /** Simulated time since construction, ms. */
  elapsed_ms = 0;
  fault: ThermistorFault | null;
  fault_at_ms: number;
  private readonly C: number;
  private readonly P: number;
  private readonly G: number;
  private readonly ambient: number;
  private readonly tauSensor_ms: number;
  private readonly quantum: number;
  private readonly noise: number;
  private readonly random: () => number;
  private readonly detached: number;

  constructor(options: HeatingPadOptions = {}) {
    this.C = options.heat_capacity_j_per_k ?? 250;
    this.P = options.heater_w ?? 15;
    this.G = options.loss_w_per_k ?? 0.4;
    this.ambient = options.ambient_cdeg ?? 3000;
    this.temperature_cdeg = options.start_cdeg ?? this.ambient;
    this.sensor_cdeg = this.temperature_cdeg;
    this.tauSensor_ms = (options.sensor_tau_s ?? 8) * 1000;
    this.quantum = options.quantum_cdeg ?? 5;
    this.noise = options.noise_cdeg ?? 0;
    this.random = options.random ?? (() => 0.5);
    this.fault = options.fault ?? null;
    this.fault_at_ms = options.fault_at_ms ?? 0;
    this.detached = options.detached_cdeg ?? this.ambient;
  }

  /** The temperature full duty would settle at, cdeg. */
  get fullDutySteadyCdeg(): number {
    return this.ambient + (this.P / this.G) * 100;
  }

  /** Injects (or with null, removes) a thermistor fault from now on. */
  setFault(fault: ThermistorFault | null): void {
    this.fault = fault;
    this.fault_at_ms = this.elapsed_ms;
  }

  private faultNow(): ThermistorFault | null {
    return this.fault !== null && this.elapsed_ms >= this.fault_at_ms ? this.fault : null;
  }

  /** Advances `dt_ms` with the heater at `heater_permille` (clamped to 0…1000) throughout. */
  step(dt_ms: number, heater_permille: number): void {
    const duty = Math.max(0, Math.min(1000, heater_permille)) / 1000;
    // Steady state for this duty, cdeg: T_env + P·duty/G (in K, ×100 for cdeg).
    const steady = this.ambient + ((this.P * duty) / this.G) * 100;
    const tauPad_ms = (this.C / this.G) * 1000;
    let left = dt_ms;
    while (left > 0) {
      const h = Math.min(SUBSTEP_MS, left);
      this.temperature_cdeg = steady + (this.temperature_cdeg - steady) * Math.exp(-h / tauPad_ms);
      const seen = this.faultNow() === "detached" ? this.detached : this.temperature_cdeg;
      this.sensor_cdeg = seen + (this.sensor_cdeg - seen) * Math.exp(-h / this.tauSensor_ms);
      this.elapsed_ms += h;
      left -= h;
    }
  }

  /** The thermistor reading, integer cdeg, or null while the thermistor is silent. */
  read(): number | null {
    switch (this.faultNow()) {
      case "open": return THERMISTOR_OPEN_CDEG;
      case "shorted": return THERMISTOR_SHORTED_CDEG;
      case "silent": return null;
      default: {
        const noisy = this.sensor_cdeg + (this.noise > 0 ? (this.random() - 0.5) * this.noise : 0);
        return Math.round(noisy / this.quantum) * this.quantum;
      }
    }
  }
}
