// A night on the desktop board: a virtual clock drives the firmware through the same calls a
// real board makes (accelerometer samples or FIFO batches, ticks every 100 ms, a thermistor
// reading every second, raw button edges), while simulated devices close the loop: the motor
// shakes the sensor, the heater warms the pad. A night runs in well under real time.

import { CONFIG } from "./abi.js";
import { Board } from "./board.js";
import { type NightRecord, TraceRecorder, type LabelledMovement } from "./record.js";
import { type Press, buttonEdges } from "./sim/button.js";
import { HeatingPad } from "./sim/heatingPad.js";
import { LegSensor, type NightPlan } from "./sim/night.js";
import { Rng } from "./sim/rng.js";

/** The leg sensor as the simulation needs it: one measured sample per call, mg; null for a dropout. */
export interface SampleSource {
  sample(offset_ms: number, motor_permille: number): ArrayLike<number> | null;
}

/** A jump of the board's clock at `at_ms` (night time) by `by_ms` (negative: backwards). */
export interface ClockJump {
  at_ms: number;
  by_ms: number;
}

/** The heating pad as the simulation needs it. `read()` gives null while the thermistor is silent. */
export interface PadModel {
  step(dt_ms: number, heater_permille: number): void;
  read(): number | null;
}

export interface NightSpec {
  source: string;
  duration_ms: number;
  presses: Press[];
  truth?: LabelledMovement[];
}

export interface SimulationOptions {
  night: NightSpec;
  sensor: SampleSource;
  pad?: PadModel;
  sample_hz: number;
  /** Board clock at the start of the night, u32 ms (to test the wrap, start near 2^32). */
  clock0_ms?: number;
  /** Time of day at the start, minutes after midnight. */
  start_minute_of_day?: number;
  /** Deliver samples through the FIFO (fw_accel_batch) in batches of this many; 0 = one by one. */
  batch?: number;
  /** Config applied after fw_init, in order. */
  config?: [number, number][];
  /** An existing board to run on (a soak runs many nights through one instance); else a new one. */
  board?: Board;
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

export const TICK_MS = 100;
export const TEMPERATURE_PERIOD_MS = 1000;

/** Runs one night; returns its record (events are those emitted during this night). */
export function simulateNight(options: SimulationOptions): SimulationResult {
  const { night, sensor, pad, sample_hz } = options;
  const clock0 = (options.clock0_ms ?? 0) >>> 0;
  const board = options.board ?? new Board();
  const firstEvent = board.events.length;
  if (!options.continueBoard) {
    board.init(clock0);
    for (const [key, value] of options.config ?? []) board.configSet(key, value);
  }
  const period_ms = 1000 / sample_hz;
  if (!Number.isInteger(period_ms)) throw new Error(`sample rate ${sample_hz} Hz has no whole-ms period`);
  const batch = Math.max(0, Math.min(options.batch ?? 0, board.capacity));
  const fifo = new Float64Array(Math.max(batch, 1) * 3);
  let queued = 0;
  const edges = buttonEdges(night.presses, options.random ?? (() => 0.5));
  const recorder = options.trace === false ? null : new TraceRecorder();

  let nextSample = 0;
  let nextTick = TICK_MS;
  let nextTemperature = 0;
  let nextSecond = 1000;
  let edge = 0;
  let jump = 0;
  let pad_cdeg = NaN;
  const jumps = [...(options.clockJumps ?? [])].sort((a, b) => a.at_ms - b.at_ms);
  // The board clock is night time plus an offset, which each clock jump changes.
  let offset = clock0;
  const at = (t: number) => (offset + t) >>> 0;
  let lastSample = 0;
  const flush = () => {
    board.accelBatch(at(lastSample), fifo, queued);
    queued = 0;
  };

  while (true) {
    const nextEdge = edge < edges.length ? edges[edge].at_ms : Infinity;
    const nextJump = jump < jumps.length ? jumps[jump].at_ms : Infinity;
    const t = Math.min(nextSample, nextTick, nextTemperature, nextEdge, nextJump, nextSecond);
    if (t >= night.duration_ms) break;
    if (nextJump === t) {
      if (queued > 0) flush();
      offset = (offset + jumps[jump].by_ms) >>> 0;
      jump++;
    } else if (nextEdge === t) {
      board.button(at(t), edges[edge].level);
      edge++;
    } else if (nextTemperature === t) {
      if (pad) {
        pad.step(TEMPERATURE_PERIOD_MS, board.heater_permille);
        const reading = pad.read();
        if (reading !== null) {
          pad_cdeg = reading;
          board.temperature(at(t), reading);
        }
      }
      nextTemperature += TEMPERATURE_PERIOD_MS;
    } else if (nextTick === t) {
      board.tick(at(t));
      nextTick += TICK_MS;
    } else if (nextSecond === t) {
      options.everySecond?.(t, board);
      nextSecond += 1000;
    } else {
      const xyz = sensor.sample(t, board.vibration_permille);
      if (xyz === null) {
        // A dropout: the FIFO holds only evenly spaced samples, so what waits in it goes first.
        if (queued > 0) flush();
      } else {
        recorder?.sample(t, xyz[0], xyz[1], xyz[2], board.vibration_permille, board.heater_permille, pad_cdeg);
        if (batch > 0) {
          fifo[queued * 3] = xyz[0];
          fifo[queued * 3 + 1] = xyz[1];
          fifo[queued * 3 + 2] = xyz[2];
          lastSample = t;
          if (++queued === batch) flush();
        } else {
          board.accel(at(t), xyz[0], xyz[1], xyz[2]);
        }
      }
      nextSample += period_ms;
    }
  }
  if (queued > 0) flush();

  return {
    source: night.source,
    clock0_ms: clock0,
    start_minute_of_day: options.start_minute_of_day ?? 22 * 60 + 30,
    duration_ms: night.duration_ms,
    sample_hz,
    events: board.events.slice(firstEvent),
    trace: recorder ? recorder.finish() : { activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] },
    truth: night.truth,
    restarts: board.restarts.map((r) => ({ now_ms: r.now_ms, panic_code: r.panic_code })),
    end_clock_ms: at(night.duration_ms),
  };
}

/** As for simulateNight; `batch` defaults to 32 (a full FIFO), `config` comes after the scenario's own. */
export type PlannedNightOptions =
  Pick<SimulationOptions, "sample_hz" | "clock0_ms" | "start_minute_of_day" | "batch" | "config" | "board" | "trace">;

/**
 * A planned night (host/sim/night.ts) on the simulated devices: the leg sensor with the motor's
 * duty fed back, the heating pad, the scripted presses on a bouncing button. The one way the
 * CLI, the evaluation and the tests run a scenario.
 */
export function simulatePlan(plan: NightPlan, options: PlannedNightOptions): SimulationResult {
  const scenarioConfig = Object.entries(plan.config).map(([k, v]) => [Number(k), v] as [number, number]);
  // Contact bounce has its own random stream, so it never shifts the night's movements.
  const bounce = new Rng(plan.seed, 0xb077);
  return simulateNight({
    night: { source: `simulate ${plan.scenario} (seed ${plan.seed})`, duration_ms: plan.duration_ms, presses: plan.presses, truth: plan.truth },
    sensor: new LegSensor(plan, { seed: plan.seed, sample_hz: options.sample_hz }),
    pad: new HeatingPad(),
    sample_hz: options.sample_hz,
    clock0_ms: options.clock0_ms,
    start_minute_of_day: options.start_minute_of_day,
    batch: options.batch ?? 32,
    config: [[CONFIG.SAMPLE_HZ, options.sample_hz], ...scenarioConfig, ...(options.config ?? [])],
    board: options.board,
    random: () => bounce.next(),
    trace: options.trace,
  });
}
