// A night on simulated devices: the leg sensor sampled at SAMPLE_HZ with the motor's duty fed
// back, the heating pad stepped and its thermistor read every second with the heater's duty fed
// back, a person's presses on a bouncing button, and, for fault nights, a board clock that jumps.
// A SimulatedNight is the NightSource the driver (driver.ts) pulls from; simulateNight and
// simulatePlan run one to the end. A night runs in well under real time; a page can step it live
// (driver.advance) and inject a press, a clock jump or a thermistor fault (pad.setFault) as it runs.

import { CONFIG } from "../abi.js";
import type { LabelledMovement, NightRecord } from "../record.js";
import { type ButtonEdge, type Press, buttonEdges } from "../sim/button.js";
import { HeatingPad } from "../sim/heatingPad.js";
import { LegSensor } from "../sim/leg.js";
import type { NightPlan } from "../sim/night.js";
import { Rng } from "../sim/rng.js";
import type { Board } from "./board.js";
import { BoardDriver, type NightSource } from "./driver.js";

/** The leg sensor as the simulation needs it: one measured sample per call, mg; null for a dropout. */
export interface SampleSource {
  sample(offset_ms: number, motor_permille: number): ArrayLike<number> | null;
}

/** The heating pad as the simulation needs it. `read()` gives null while the thermistor is silent. */
export interface PadModel {
  step(dt_ms: number, heater_permille: number): void;
  read(): number | null;
}

/** A jump of the board's clock at `at_ms` (night time) by `by_ms` (negative: backwards). */
export interface ClockJump {
  at_ms: number;
  by_ms: number;
}

/** The thermistor is read this often, ms (HAL ABI v1: at least 1 Hz while the heater may be on). */
const TEMPERATURE_PERIOD_MS = 1000;

export interface SimulatedDevices {
  sensor: SampleSource;
  sample_hz: number;
  pad?: PadModel;
  presses?: Press[];
  /** Random numbers in [0, 1) for contact bounce; a seeded source keeps nights reproducible. */
  random?: () => number;
  clockJumps?: ClockJump[];
}

/**
 * The simulated devices as a NightSource. At the same ms a clock jump comes first, then a button
 * edge, then the thermistor reading (all three before the timer's tick), and the sample last
 * (after the tick).
 */
export class SimulatedNight implements NightSource {
  readonly sensor: SampleSource;
  readonly pad: PadModel | null;
  readonly period_ms: number;
  private readonly random: () => number;
  private readonly edges: ButtonEdge[];
  private readonly jumps: ClockJump[];
  private edge = 0;
  private jump = 0;
  private nextSample_ms = 0;
  private nextTemperature_ms: number;
  /** Kind of the next input: 0 jump, 1 button edge, 2 thermistor, 3 sample. */
  private next = 3;

  constructor(devices: SimulatedDevices) {
    this.sensor = devices.sensor;
    this.pad = devices.pad ?? null;
    this.period_ms = 1000 / devices.sample_hz;
    if (!Number.isInteger(this.period_ms)) throw new Error(`sample rate ${devices.sample_hz} Hz has no whole-ms period`);
    this.random = devices.random ?? (() => 0.5);
    this.edges = buttonEdges(devices.presses ?? [], this.random);
    this.jumps = [...(devices.clockJumps ?? [])].sort((a, b) => a.at_ms - b.at_ms);
    this.nextTemperature_ms = this.pad ? 0 : Infinity;
  }

  /** A press by the person from `at_ms` (night time, not before the time reached) for `hold_ms`. */
  press(at_ms: number, hold_ms: number): void {
    const later = buttonEdges([{ at_ms, hold_ms }], this.random);
    this.edges.push(...later);
    this.edges.sort((a, b) => a.at_ms - b.at_ms);
  }

  /** The board clock jumps by `by_ms` at `at_ms` (night time, not before the time reached). */
  jumpClock(at_ms: number, by_ms: number): void {
    this.jumps.push({ at_ms, by_ms });
    this.jumps.sort((a, b) => a.at_ms - b.at_ms);
  }

  nextAt_ms(): number {
    const jump = this.jump < this.jumps.length ? this.jumps[this.jump].at_ms : Infinity;
    const edge = this.edge < this.edges.length ? this.edges[this.edge].at_ms : Infinity;
    const at = Math.min(jump, edge, this.nextTemperature_ms, this.nextSample_ms);
    this.next = at === jump ? 0 : at === edge ? 1 : at === this.nextTemperature_ms ? 2 : 3;
    return at;
  }

  nextBeforeTick(): boolean {
    return this.next !== 3;
  }

  feed(driver: BoardDriver): void {
    switch (this.next) {
      case 0:
        driver.jumpClock(this.jumps[this.jump++].by_ms);
        break;
      case 1:
        driver.button(this.edges[this.edge++].level);
        break;
      case 2: {
        const pad = this.pad!;
        pad.step(TEMPERATURE_PERIOD_MS, driver.board.heater_permille);
        const reading = pad.read();
        if (reading !== null) driver.temperature(reading);
        this.nextTemperature_ms += TEMPERATURE_PERIOD_MS;
        break;
      }
      default:
        driver.sample(this.sensor.sample(driver.night_ms, driver.board.vibration_permille));
        this.nextSample_ms += this.period_ms;
    }
  }
}

export interface NightSpec {
  source: string;
  duration_ms: number;
  presses: Press[];
  truth?: LabelledMovement[];
}

export interface SimulationOptions {
  night: NightSpec;
  /** The board to run on (a soak runs many nights through one). */
  board: Board;
  sensor: SampleSource;
  pad?: PadModel;
  sample_hz: number;
  /** Board clock at the start of the night, u32 ms (to test the wrap, start near 2^32). */
  clock0_ms?: number;
  /** Time of day at the start, ms after midnight. */
  start_ms_of_day?: number;
  /** Deliver samples through the FIFO (fw_accel_batch) in batches of this many; 0 = one by one. */
  batch?: number;
  /** Config applied after fw_init, in order. */
  config?: [number, number][];
  /** Skip fw_init (continue a running board). */
  continueBoard?: boolean;
  /** Random numbers in [0, 1) for contact bounce; a seeded source keeps nights reproducible. */
  random?: () => number;
  /** Collect the per-second trace (on by default). */
  trace?: boolean;
  /** Faults of the board itself: its clock jumps at these moments. */
  clockJumps?: ClockJump[];
  /** Called after each second of night time, for checks while the night runs. */
  everySecond?: (offset_ms: number, board: Board) => void;
}

/** A night's record, plus where the board's clock stood at its end (to continue the board). */
export type SimulationResult = NightRecord & { end_clock_ms: number };

/** A driver on `options`' devices, ready to run (or to step). */
export function simulatedNightDriver(options: SimulationOptions): BoardDriver {
  const source = new SimulatedNight({ sensor: options.sensor, sample_hz: options.sample_hz, pad: options.pad,
    presses: options.night.presses, random: options.random, clockJumps: options.clockJumps });
  return new BoardDriver(options.board, source, {
    clock0_ms: options.clock0_ms ?? 0,
    batch: options.batch,
    until_ms: options.night.duration_ms,
    init: !options.continueBoard,
    config: options.config,
    trace: options.trace !== false,
    everySecond: options.everySecond,
  });
}

/** Runs one night; returns its record (events are those emitted during this night). */
export function simulateNight(options: SimulationOptions): SimulationResult {
  return runToEnd(simulatedNightDriver(options), options);
}

function runToEnd(driver: BoardDriver, options: SimulationOptions): SimulationResult {
  driver.run();
  return nightRecord(driver, options);
}

/**
 * The record of the night `driver` ran on `options` (a night stepped to its end gives what
 * simulateNight returns). Call it once the night has ended: it closes the trace.
 */
export function nightRecord(driver: BoardDriver, options: SimulationOptions): SimulationResult {
  const { board, night } = options;
  return {
    source: night.source,
    clock0_ms: (options.clock0_ms ?? 0) >>> 0,
    start_ms_of_day: options.start_ms_of_day ?? (22 * 60 + 30) * 60_000,
    duration_ms: night.duration_ms,
    sample_hz: options.sample_hz,
    events: board.events.slice(driver.firstEvent),
    trace: driver.trace(),
    truth: night.truth,
    restarts: board.restarts.map((r) => ({ now_ms: r.now_ms, panic_code: r.panic_code })),
    end_clock_ms: driver.clockAt(night.duration_ms),
  };
}

/** As for simulateNight; `batch` defaults to 32 (a full FIFO), `config` comes after the scenario's own. */
export type PlannedNightOptions =
  Pick<SimulationOptions, "board" | "sample_hz" | "clock0_ms" | "start_ms_of_day" | "batch" | "config" | "trace">;

/**
 * A planned night (host/sim/night.ts) on the simulated devices: the leg sensor with the motor's
 * duty fed back, the heating pad, the scripted presses on a bouncing button. The one way the
 * CLI, the evaluation and the tests run a scenario; plannedNight gives its options, to step it.
 */
export function simulatePlan(plan: NightPlan, options: PlannedNightOptions): SimulationResult {
  const night = plannedNight(plan, options);
  return runToEnd(simulatedNightDriver(night), night);
}

/** A planned night's simulation: its devices are the leg sensor and the heating pad models. */
export type PlannedSimulation = SimulationOptions & { sensor: LegSensor; pad: HeatingPad };

/**
 * The simulation of a planned night, ready for simulatedNightDriver (to step it) or simulateNight.
 * To inject faults, wrap `sensor` (host/sim/sensorFaults.ts) and use `pad.setFault`.
 */
export function plannedNight(plan: NightPlan, options: PlannedNightOptions): PlannedSimulation {
  const scenarioConfig = Object.entries(plan.config).map(([k, v]) => [Number(k), v] as [number, number]);
  // Contact bounce has its own random stream, so it never shifts the night's movements.
  const bounce = new Rng(plan.seed, 0xb077);
  return {
    night: { source: `simulate ${plan.scenario} (seed ${plan.seed})`, duration_ms: plan.duration_ms, presses: plan.presses,
      truth: plan.truth },
    board: options.board,
    sensor: new LegSensor(plan, { seed: plan.seed, sample_hz: options.sample_hz }),
    pad: new HeatingPad(),
    sample_hz: options.sample_hz,
    clock0_ms: options.clock0_ms,
    start_ms_of_day: options.start_ms_of_day,
    batch: options.batch ?? 32,
    config: [[CONFIG.SAMPLE_HZ, options.sample_hz], ...scenarioConfig, ...(options.config ?? [])],
    random: () => bounce.next(),
    trace: options.trace,
  };
}
