// Labelled nights: what a leg does over a night, as a plan of movements with their ground truth,
// for the simulator (`calmfoot simulate`) and for the detector's evaluation (`npm run eval`).
//
// A plan is pure data: every movement with the physical parameters the leg model (leg.ts)
// renders, the sensor (accelerometer.ts) and motor coupling (motor.ts) of this night, scripted
// button presses, config the night runs with, and the ground truth the detector is scored
// against. The same scenario and seed give the same plan, bit for bit.
//
// Movement statistics (the WASM/IRLSSG 2016 and AASM scoring rules; docs/night-model.md has the whole model):
//   LM       0.7–9 s (log-normal, median 2 s in sleep, 2.5 s awake), ankle dorsiflexion 6–25°
//            (awake RLS: 8–30°) about the ankle axis tilted up to ±20° by inversion; rise
//            0.15–0.4 s, return 0.2–0.5 s, a held part with 0.5–2 Hz wobble and 6–12 Hz muscle
//            tremor; 15 % are two bursts 0.1–0.4 s apart (one LM by the 0.5 s merge rule).
//            Durations within 0.2 s of the class limits (0.5 s, 10 s) are not drawn: neither a
//            scorer nor an accelerometer resolves a movement's ends that finely.
//   JERK     hypnic jerk: 75–250 ms, 8–25° about a random axis, then a damped 3–6 Hz rebound of
//            the mattress (30–120 mg, decay 60–150 ms).
//   TURN     turning over: 3–45 s (log-normal, median 8 s), the leg rolls about its long axis
//            between supine (0 ± 15°) and the sides (±70 ± 10°) in 1–4 steps, with 0.5–3 Hz
//            whole-body accelerations of 50–200 mg; the leg then rests in the new posture.
//   RUB      rhythmic rubbing while falling asleep: a train of 10–15 s, bursts of 0.3–0.7 s at
//            1–2 per second, each a 3–8° slide with 2–4 Hz friction vibration of 50–150 mg.
//   FIDGET   a small wiggle (toes, a shift of the foot): 0.15–0.45 s, 2–6°.
// PLMS: series of 5–40 LMs, onset-to-onset interval around a per-series 15–40 s (±15 %,
// within 11–85 s), series separated by minutes. RLS episodes at rest (evening): 2–5 minutes of
// LMs (65 %) and fidgets at irregular 2–15 s gaps. What the scoring rules make of the movements
// (periodic series, the moments restlessness is due) is host/scoring/truth.ts: a plan says what
// the leg did, not how it is scored.

import type { SensorSpec } from "./accelerometer.js";
import { DEG, type Vec3, normalize, rotationMatrix } from "./geometry.js";
import type { MotorCoupling } from "./motor.js";
import { Rng } from "./rng.js";

/** What a movement really was. */
export type MovementLabel = "LM" | "JERK" | "TURN" | "RUB" | "FIDGET";

/** A movement of the ground truth, ms from the start of the night. */
export interface TrueMovement {
  onset_ms: number;
  duration_ms: number;
  label: MovementLabel;
}

/** One smooth rotation pulse of a movement about its axis: raised-cosine rise, hold, raised-cosine return. */
export interface Pulse {
  /** Start, ms after the movement's onset. */
  t0_ms: number;
  rise_ms: number;
  hold_ms: number;
  /** Return time; Infinity for a step that stays (a change of posture). */
  fall_ms: number;
  amplitude_rad: number;
}

/** A linear acceleration component (foot frame): tremor, wobble, friction, rebound. */
export interface Oscillation {
  t0_ms: number;
  t1_ms: number;
  hz: number;
  amplitude_mg: number;
  phase: number;
  direction: Vec3;
  /** Exponential decay time constant from t0, ms; 0 for none (tapered window instead). */
  decay_ms: number;
}

/** A movement with everything the leg model needs to render it. */
export interface MovementPlan {
  label: MovementLabel;
  onset_ms: number;
  duration_ms: number;
  /** Rendering continues this long after the onset (a jerk's rebound outlasts the jerk). */
  render_ms: number;
  /** Rotation axis, foot frame, unit. */
  axis: Vec3;
  pulses: Pulse[];
  oscillations: Oscillation[];
  /** Episode number for RLS episodes (movements of one episode share it), else -1. */
  episode: number;
}

export interface NightPlan {
  scenario: string;
  seed: number;
  duration_ms: number;
  truth: TrueMovement[];
  presses: { at_ms: number; hold_ms: number }[];
  /** Onset of the first movement of each RLS episode at rest (the moments a session is wanted). */
  episodes: number[];
  /** The movements with their physical parameters, in onset order (truth[i] is movements[i]). */
  movements: MovementPlan[];
  sensor: SensorSpec;
  /** Rotation from the foot frame to the sensor frame (row-major 3×3). */
  mount: number[];
  /** Distance of the sensor from the ankle axis along the foot, m. */
  radius_m: number;
  /** Resting foot posture at the start: roll of the leg about its long axis, degrees (0 supine). */
  roll0_deg: number;
  motor: MotorCoupling;
  /** Config the night runs with (HAL config key → value), applied after fw_init. */
  config: Record<number, number>;
}

// ─── Geometry of the leg ─────────────────────────────────────────────────────

/**
 * The leg's long axis in the foot frame (the foot rests ~110° to the shank): the shank points
 * from the ankle toward the knee.
 */
const LEG_LONG_AXIS: Vec3 = normalize([-Math.cos(20 * DEG), 0, -Math.sin(20 * DEG)]);

// ─── Movement builders ────────────────────────────────────────────────────────

function tiltedAnkleAxis(rng: Rng, max_deg: number): Vec3 {
  const a = rng.uniform(-max_deg, max_deg) * DEG;
  const b = rng.uniform(-max_deg / 2, max_deg / 2) * DEG;
  return normalize([Math.sin(a), Math.cos(a) * Math.cos(b), Math.sin(b)]);
}

function tremor(rng: Rng, t1_ms: number): Oscillation {
  return { t0_ms: 0, t1_ms, hz: rng.uniform(6, 12), amplitude_mg: rng.uniform(3, 12), phase: rng.uniform(0, 2 * Math.PI),
    direction: rng.unitVector(), decay_ms: 0 };
}

function makeLM(rng: Rng, onset_ms: number, duration_ms: number, awake: boolean, episode = -1): MovementPlan {
  const amp = Math.exp(rng.uniform(Math.log(awake ? 8 : 6), Math.log(awake ? 30 : 25))) * DEG * (rng.chance(0.5) ? 1 : -1);
  let rise = rng.uniform(150, 400);
  let fall = rng.uniform(200, 500);
  if (rise + fall > 0.8 * duration_ms) {
    const k = (0.8 * duration_ms) / (rise + fall);
    rise *= k;
    fall *= k;
  }
  const pulses: Pulse[] = [];
  if (duration_ms > 1500 && rng.chance(0.15)) {
    // Two bursts less than 0.5 s apart: one LM by the merge rule.
    const gap = rng.uniform(100, 400);
    const first = rng.uniform(0.3, 0.6) * (duration_ms - gap);
    pulses.push({ t0_ms: 0, rise_ms: rise, hold_ms: Math.max(0, first - rise - fall), fall_ms: fall, amplitude_rad: amp });
    const t0 = first + gap;
    pulses.push({ t0_ms: t0, rise_ms: rise, hold_ms: Math.max(0, duration_ms - t0 - rise - fall), fall_ms: fall,
      amplitude_rad: amp * rng.uniform(0.6, 1.2) });
  } else {
    pulses.push({ t0_ms: 0, rise_ms: rise, hold_ms: duration_ms - rise - fall, fall_ms: fall, amplitude_rad: amp });
  }
  const wobble: Oscillation = { t0_ms: rise, t1_ms: duration_ms - fall, hz: rng.uniform(0.5, 2), amplitude_mg: rng.uniform(5, 20),
    phase: rng.uniform(0, 2 * Math.PI), direction: rng.unitVector(), decay_ms: 0 };
  return { label: "LM", onset_ms, duration_ms, render_ms: duration_ms, axis: tiltedAnkleAxis(rng, 20), pulses,
    oscillations: [tremor(rng, duration_ms), wobble], episode };
}

function lmDuration(rng: Rng, awake: boolean): number {
  return Math.round(rng.logNormal(awake ? 2500 : 2000, 1.8, 700, 9000));
}

function makeJerk(rng: Rng, onset_ms: number): MovementPlan {
  const d = Math.round(rng.uniform(75, 250));
  const decay = rng.uniform(60, 150);
  const amp = rng.uniform(8, 25) * DEG * (rng.chance(0.5) ? 1 : -1);
  return {
    label: "JERK", onset_ms, duration_ms: d, render_ms: d + 5 * decay, axis: rng.unitVector(),
    pulses: [{ t0_ms: 0, rise_ms: d / 2, hold_ms: 0, fall_ms: d / 2, amplitude_rad: amp }],
    oscillations: [{ t0_ms: d, t1_ms: d + 5 * decay, hz: rng.uniform(3, 6), amplitude_mg: rng.uniform(30, 120),
      phase: rng.uniform(0, 2 * Math.PI), direction: rng.unitVector(), decay_ms: decay }],
    episode: -1,
  };
}

function makeFidget(rng: Rng, onset_ms: number, episode = -1): MovementPlan {
  const d = Math.round(rng.uniform(150, 450));
  return {
    label: "FIDGET", onset_ms, duration_ms: d, render_ms: d, axis: rng.unitVector(),
    pulses: [{ t0_ms: 0, rise_ms: d / 2, hold_ms: 0, fall_ms: d / 2, amplitude_rad: rng.uniform(2, 6) * DEG * (rng.chance(0.5) ? 1 : -1) }],
    oscillations: [], episode,
  };
}

/** A turn from roll `from_deg` to `to_deg` about the leg's long axis. */
function makeTurn(rng: Rng, onset_ms: number, from_deg: number, to_deg: number): MovementPlan {
  const d = Math.round(rng.logNormal(8000, 1.9, 3000, 45000));
  const steps = rng.int(1, Math.min(4, Math.floor(d / 1500)));
  const total = (to_deg - from_deg) * DEG;
  const pulses: Pulse[] = [];
  // Step times: the first starts at the onset, the last ends at the end of the movement.
  const len = Math.min(2000, d / steps);
  const starts: number[] = [0];
  for (let i = 1; i < steps; i++) starts.push(rng.uniform(0, d - len));
  starts.sort((a, b) => a - b);
  starts[steps - 1] = d - rng.uniform(0.6, 1) * len;
  if (steps === 1) starts[0] = 0;
  let left = total;
  for (let i = 0; i < steps; i++) {
    const share = i === steps - 1 ? left : total * rng.uniform(0.2, 0.6);
    left -= share;
    const rise = i === steps - 1 ? d - starts[i] : rng.uniform(0.6, 1) * len;
    pulses.push({ t0_ms: starts[i], rise_ms: rise, hold_ms: 0, fall_ms: Infinity, amplitude_rad: share });
  }
  const oscillations: Oscillation[] = [];
  for (let i = 0; i < 3; i++) {
    oscillations.push({ t0_ms: 0, t1_ms: d, hz: rng.uniform(0.5, 3), amplitude_mg: rng.uniform(50, 200),
      phase: rng.uniform(0, 2 * Math.PI), direction: rng.unitVector(), decay_ms: 0 });
  }
  const axis = normalize([LEG_LONG_AXIS[0] + rng.uniform(-0.15, 0.15), LEG_LONG_AXIS[1] + rng.uniform(-0.15, 0.15), LEG_LONG_AXIS[2]]);
  return { label: "TURN", onset_ms, duration_ms: d, render_ms: d, axis, pulses, oscillations, episode: -1 };
}

function makeRub(rng: Rng, onset_ms: number): MovementPlan {
  const d_train = rng.uniform(10_000, 15_000);
  const period = 1000 / rng.uniform(1, 2);
  const axis = normalize([LEG_LONG_AXIS[0], LEG_LONG_AXIS[1] + rng.uniform(-0.3, 0.3), LEG_LONG_AXIS[2] + rng.uniform(-0.3, 0.3)]);
  const pulses: Pulse[] = [];
  const oscillations: Oscillation[] = [];
  let t = 0;
  let end = 0;
  while (t < d_train) {
    const burst = Math.min(rng.uniform(300, 700), period - 100);
    pulses.push({ t0_ms: t, rise_ms: burst / 2, hold_ms: 0, fall_ms: burst / 2, amplitude_rad: rng.uniform(3, 8) * DEG * (rng.chance(0.5) ? 1 : -1) });
    oscillations.push({ t0_ms: t, t1_ms: t + burst, hz: rng.uniform(2, 4), amplitude_mg: rng.uniform(50, 150),
      phase: rng.uniform(0, 2 * Math.PI), direction: rng.unitVector(), decay_ms: 0 });
    end = t + burst;
    t += period * rng.uniform(0.9, 1.1);
  }
  return { label: "RUB", onset_ms, duration_ms: Math.round(end), render_ms: Math.round(end), axis, pulses, oscillations, episode: -1 };
}

// ─── Night schedules ──────────────────────────────────────────────────────────

const MIN = 60_000;

/** Builds a night: movements are proposed in any order, then the overlapping ones are dropped. */
class NightBuilder {
  readonly proposed: MovementPlan[] = [];
  readonly presses: { at_ms: number; hold_ms: number }[] = [];
  private roll_deg: number;
  readonly roll0_deg: number;

  constructor(readonly rng: Rng, readonly duration_ms: number) {
    this.roll0_deg = this.roll_deg = rng.uniform(-15, 15);
  }

  add(m: MovementPlan): void {
    if (m.onset_ms >= 0 && m.onset_ms + m.render_ms < this.duration_ms - 2000) this.proposed.push(m);
  }

  /** Quiet sleep over [from, to): turning over every ~30 min, isolated LMs ~2/h. */
  sleep(from_ms: number, to_ms: number, lm_per_h = 2): void {
    const rng = this.rng;
    for (let t = from_ms + rng.exponential(20 * MIN); t < to_ms; t += Math.max(8 * MIN, rng.exponential(30 * MIN))) {
      this.addTurn(t);
    }
    let last_lm = -Infinity;
    for (let t = from_ms + rng.exponential(30 * MIN / lm_per_h); t < to_ms; t += rng.exponential(60 * MIN / lm_per_h)) {
      if (t - last_lm < 100_000) continue;
      this.add(makeLM(rng, Math.round(t), lmDuration(rng, false), false));
      last_lm = t;
    }
  }

  /** Turns are added in time order so that each starts from the posture the last one left. */
  addTurn(t_ms: number): void {
    const options = [-70, 0, 70].filter((r) => Math.abs(r - this.roll_deg) > 30);
    const target = options[this.rng.int(0, options.length - 1)] + this.rng.uniform(-12, 12);
    const m = makeTurn(this.rng, Math.round(t_ms), this.roll_deg, target);
    if (m.onset_ms + m.render_ms < this.duration_ms - 2000) {
      this.proposed.push(m);
      this.roll_deg = target;
    }
  }

  /** Sleep onset over [from, to): hypnic jerks, rubbing trains, a few fidgets. */
  sleepOnset(from_ms: number, to_ms: number, jerks: number, rubs: number): void {
    const rng = this.rng;
    for (let i = 0; i < jerks; i++) this.add(makeJerk(rng, Math.round(rng.uniform(from_ms, to_ms))));
    for (let i = 0; i < rubs; i++) this.add(makeRub(rng, Math.round(rng.uniform(from_ms, to_ms))));
    for (let i = 0; i < 3; i++) this.add(makeFidget(rng, Math.round(rng.uniform(from_ms, to_ms))));
  }

  /** PLMS over [from, to): series of 5–40 LMs separated by minutes. */
  plms(from_ms: number, to_ms: number): void {
    const rng = this.rng;
    let t = from_ms + rng.exponential(5 * MIN);
    while (t < to_ms) {
      const n = rng.int(5, 40);
      const base = rng.uniform(15_000, 40_000);
      for (let i = 0; i < n && t < to_ms; i++) {
        this.add(makeLM(rng, Math.round(t), lmDuration(rng, false), false));
        t += Math.min(85_000, Math.max(11_000, base * (1 + 0.15 * rng.normal())));
      }
      t += Math.max(3 * MIN, rng.exponential(12 * MIN));
    }
  }

  /** RLS episodes scheduled so far (episode numbers 0 … episodes − 1). */
  episodes = 0;

  /** An RLS episode at rest from `from_ms`: 2–5 min of LMs and fidgets at irregular 2–15 s gaps. */
  rlsEpisode(from_ms: number, episode: number): number {
    this.episodes = Math.max(this.episodes, episode + 1);
    const rng = this.rng;
    const end = from_ms + rng.uniform(2 * MIN, 5 * MIN);
    let t = from_ms;
    while (t < end) {
      const m = rng.chance(0.65) ? makeLM(rng, Math.round(t), lmDuration(rng, true), true, episode) : makeFidget(rng, Math.round(t), episode);
      this.add(m);
      t += m.render_ms + rng.uniform(2000, 15_000);
    }
    return t;
  }

  /** Button sessions: a press every 45–60 min from `first_ms`. */
  sessions(first_ms: number, to_ms: number): void {
    for (let t = first_ms; t < to_ms; t += this.rng.uniform(45 * MIN, 60 * MIN)) {
      this.presses.push({ at_ms: Math.round(t), hold_ms: Math.round(this.rng.uniform(150, 300)) });
    }
  }

  /** The final, non-overlapping movement list (≥ 1.5 s between one's end and the next's onset). */
  movements(): MovementPlan[] {
    const sorted = [...this.proposed].sort((a, b) => a.onset_ms - b.onset_ms);
    const kept: MovementPlan[] = [];
    for (const m of sorted) {
      const last = kept[kept.length - 1];
      if (last && m.onset_ms < last.onset_ms + last.render_ms + 1500) {
        // A turn always wins (it carries the posture); anything else that collides is dropped.
        if (m.label === "TURN" && last.label !== "TURN") kept[kept.length - 1] = m;
        continue;
      }
      kept.push(m);
    }
    return kept;
  }
}

function defaultSensor(rng: Rng): SensorSpec {
  const r = () => rng.uniform(-1, 1);
  return {
    name: "12-bit ±4 g", noise_mg: rng.uniform(1.5, 3), lsb_mg: 2, range_mg: 4000,
    offset_mg: [40 * r(), 40 * r(), 40 * r()], gain_error: [0.02 * r(), 0.02 * r(), 0.02 * r()], drift_mg_per_sqrt_h: 3,
  };
}

function coarseSensor(rng: Rng): SensorSpec {
  const r = () => rng.uniform(-1, 1);
  return {
    name: "8-bit ±2 g low-power", noise_mg: rng.uniform(6, 10), lsb_mg: 16, range_mg: 2000,
    offset_mg: [80 * r(), 80 * r(), 80 * r()], gain_error: [0.04 * r(), 0.04 * r(), 0.04 * r()], drift_mg_per_sqrt_h: 10,
  };
}

function randomRotation(rng: Rng, max_deg: number): number[] {
  return rotationMatrix(rng.unitVector(), rng.uniform(0, max_deg) * DEG);
}

function motorCoupling(rng: Rng, scale = 1): MotorCoupling {
  const u = rng.unitVector();
  let w = rng.unitVector();
  // v: the part of w perpendicular to u.
  const d = u[0] * w[0] + u[1] * w[1] + u[2] * w[2];
  w = normalize([w[0] - d * u[0], w[1] - d * u[1], w[2] - d * u[2]]);
  return { amplitude_mg: rng.uniform(60, 180) * scale, u, v: w, axial_fraction: rng.uniform(0, 0.15),
    axial_phase: rng.uniform(0, 2 * Math.PI) };
}

// ─── The scenarios ──────────────────────────────────────────────────────────

/** A night being planned, as a scenario's schedule sees it (it may swap the sensor and mounting). */
interface ScenarioNight {
  b: NightBuilder;
  rng: Rng;
  /** Length of the night, ms. */
  H: number;
  seed: number;
  sensor: SensorSpec;
  mount: number[];
  /** HAL config key → value. */
  config: Record<number, number>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Schedules the night's movements and presses; the random numbers it draws make the night. */
  schedule(n: ScenarioNight): void;
}

/** Every night the simulator knows: name, what it is, how it is scheduled. */
export const SCENARIOS: readonly Scenario[] = [
  { name: "quiet", description: "quiet sleep: turning over now and then, rare isolated LMs, a jerk or two at sleep onset",
    schedule: ({ b, rng, H }) => {
      b.sleepOnset(2 * MIN, 20 * MIN, rng.int(0, 2), 0);
      b.sleep(0, H);
    } },
  { name: "jerks", description: "sleep onset with hypnic jerks, rhythmic foot rubbing and fidgets, then quiet sleep",
    schedule: ({ b, rng, H }) => {
      b.sleepOnset(1 * MIN, 30 * MIN, rng.int(10, 20), rng.int(2, 4));
      b.sleep(30 * MIN, H);
    } },
  { name: "plms", description: "periodic limb movements in sleep: series of LMs every 15–40 s, turning over between",
    schedule: ({ b, H }) => {
      b.sleep(0, H, 1);
      b.plms(10 * MIN, H);
    } },
  { name: "rls-evening", description: "an RLS evening at rest: episodes of dense irregular LMs and fidgets, then PLMS in sleep",
    schedule: ({ b, rng, H }) => {
      let t = 3 * MIN;
      for (let e = 0; e < 3 && t < Math.min(H, 70 * MIN); e++) t = b.rlsEpisode(t, e) + rng.uniform(12 * MIN, 25 * MIN);
      if (H > 75 * MIN) {
        b.sleep(75 * MIN, H, 1);
        b.plms(75 * MIN, H);
      }
    } },
  { name: "coarse-sensor", description: "an RLS episode then PLMS, seen by a noisy 8-bit ±2 g sensor with more offset drift",
    schedule: (n) => {
      n.sensor = coarseSensor(n.rng);
      n.b.rlsEpisode(3 * MIN, 0);
      n.b.sleep(15 * MIN, n.H, 1);
      n.b.plms(15 * MIN, n.H);
    } },
  { name: "mounting", description: "sleep onset jerks then PLMS, the sensor strapped on in an arbitrary orientation",
    schedule: (n) => {
      n.mount = randomRotation(n.rng, 180);
      n.b.sleepOnset(1 * MIN, 15 * MIN, n.rng.int(5, 10), 1);
      n.b.sleep(15 * MIN, n.H, 1);
      n.b.plms(15 * MIN, n.H);
    } },
  { name: "plms-sessions", description: "PLMS while button sessions run: the motor's vibration is coupled into the sensor",
    schedule: ({ b, H, seed, config }) => {
      config[7] = 0; // AUTO_START off: the button decides when sessions run
      config[4] = [5, 7, 9][Math.abs(seed) % 3]; // INTENSITY
      b.sleep(0, H, 1);
      b.plms(5 * MIN, H);
      b.sessions(5 * MIN, H);
    } },
  { name: "quiet-sessions", description: "quiet sleep with button sessions at a high intensity, auto-start on, no cooldown",
    schedule: ({ b, rng, H, seed, config }) => {
      config[4] = [7, 9, 8][Math.abs(seed) % 3]; // INTENSITY
      config[9] = 0; // AUTO_COOLDOWN_MIN 0: nothing hides a session that re-triggers itself
      b.sleepOnset(2 * MIN, 20 * MIN, rng.int(0, 2), 0);
      b.sleep(0, H);
      b.sessions(3 * MIN, H);
    } },
  { name: "night", description: "a whole night: RLS episode in the evening, sleep onset jerks, PLMS, turning over",
    schedule: ({ b, rng, H }) => {
      b.rlsEpisode(5 * MIN, 0);
      b.sleepOnset(40 * MIN, 60 * MIN, rng.int(5, 12), rng.int(1, 3));
      b.sleep(60 * MIN, H, 1);
      b.plms(80 * MIN, H);
    } },
];

export const DEFAULT_SCENARIO = "night";

/** The plan of one night of `scenario`; throws for an unknown scenario. */
export function planNight(scenario: string, options: { hours: number; seed: number }): NightPlan {
  const known = SCENARIOS.find((s) => s.name === scenario);
  if (!known) throw new Error(`unknown scenario "${scenario}" (known: ${SCENARIOS.map((s) => s.name).join(", ")})`);
  if (!(options.hours > 0)) throw new Error(`hours must be positive, got ${options.hours}`);
  const duration_ms = Math.round(options.hours * 3_600_000);
  const rng = new Rng(options.seed, hashName(scenario));
  const b = new NightBuilder(rng, duration_ms);
  const sensor = defaultSensor(rng);
  const night: ScenarioNight = { b, rng, H: duration_ms, seed: options.seed, sensor, mount: randomRotation(rng, 20), config: {} };
  known.schedule(night);
  const movements = b.movements();
  const truth: TrueMovement[] = movements.map((m) => ({ onset_ms: m.onset_ms, duration_ms: m.duration_ms, label: m.label }));
  const episodes: number[] = [];
  for (let e = 0; e < b.episodes; e++) {
    const first = movements.find((m) => m.episode === e);
    if (first) episodes.push(first.onset_ms);
  }
  return {
    scenario, seed: options.seed, duration_ms, truth, presses: b.presses, episodes, movements, sensor: night.sensor, mount: night.mount,
    radius_m: rng.uniform(0.08, 0.16), roll0_deg: b.roll0_deg, motor: motorCoupling(rng), config: night.config,
  };
}

function hashName(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}
