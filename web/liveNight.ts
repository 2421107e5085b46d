// A night the page runs live: the firmware on the one board (host/board) driven by the one driver,
// on the simulated devices of a planned night (host/sim), exactly as `calmfoot simulate` runs it
// (plannedNight + simulatedNightDriver), stepped in slices by the page's clock. What a person does
// meanwhile goes into the same simulation: a press on the bouncing button, a thermistor fault
// (the pad model's own), an accelerometer unplugged or frozen (host/sim/sensorFaults.ts), a jump
// of the board clock. Without them, the night's event log is the command line's, byte for byte.
// Platform-neutral: no DOM (the tests run it in Node).

import { FAULT, LED, STATE, STATUS, nameOf } from "../host/abi.js";
import { Board } from "../host/board/board.js";
import { type BoardDriver, type SliceEnd, TICK_MS } from "../host/board/driver.js";
import { type PlannedSimulation, type SimulatedNight, nightRecord, plannedNight, simulatedNightDriver }
  from "../host/board/simulatedNight.js";
import type { NightRecord, LabelledMovement } from "../host/record.js";
import type { ThermistorFault } from "../host/sim/heatingPad.js";
import { planNight } from "../host/sim/night.js";
import { type AccelerometerFault, FaultableSensor } from "../host/sim/sensorFaults.js";
import { NightMarks } from "./marks.js";
import { SampleLog } from "./sampleLog.js";
import { type Settings, configPairs } from "./settings.js";

/** The longest chart window, ms: the sample log holds this much at the highest rate. */
export const LONGEST_WINDOW_MS = 30 * 60_000;

/** What the page shows, whatever drives it: a simulated night (LiveNight) or a replayed recording. */
export interface LiveRun {
  readonly title: string;
  readonly board: Board;
  /** Time of day at the start, ms after midnight. */
  readonly start_ms_of_day: number;
  /** Board clock at the start, u32 ms. */
  readonly clock0_ms: number;
  /** Length of the night, ms (a recording: as far as known). */
  readonly duration_ms: number;
  readonly samples: SampleLog;
  readonly marks: NightMarks;
  /** Ground truth: the plan's movements, or a recording's annotations. */
  readonly truth: readonly LabelledMovement[];
  /** Night time reached, ms. */
  readonly night_ms: number;
  readonly ended: boolean;
  /** Whether a person can press, and inject faults (a recording is what it is). */
  readonly interactive: boolean;
  /** Runs on by itself once allowed (a recording read as a stream): runUntil only lets it go further. */
  readonly streaming?: boolean;
  /** Why the run stopped early (a recording's bad row), else null. */
  readonly error?: string | null;
  /** Runs everything due before night time `target_ms`; "starved" while a recording waits for data. */
  runUntil(target_ms: number): SliceEnd;
  /** The night's record for the summary and the report, once it has ended. */
  record(): NightRecord;
}

/** What a person does with the bedside button, as the page tells it from a click, a hold or a double click. */
export type Gesture = "short" | "long" | "double";

/**
 * How long a person holds the button for each gesture, and the gap between the two presses of a
 * double, ms: well inside the firmware's gesture rules (a press held ≥ 1 s is long; a second
 * press within 400 ms of a release makes a double), whatever the speed of the page.
 */
const GESTURE_PRESSES: Record<Gesture, { hold_ms: number; gap_ms?: number }> = {
  short: { hold_ms: 200 },
  long: { hold_ms: 1500 },
  double: { hold_ms: 150, gap_ms: 150 },
};
/** After a gesture, the next starts no sooner than this (it is not the second half of a double). */
const GESTURE_SPACING_MS = 600;

export class LiveNight implements LiveRun {
  readonly title: string;
  readonly board: Board;
  readonly start_ms_of_day: number;
  readonly clock0_ms: number;
  readonly duration_ms: number;
  readonly samples: SampleLog;
  readonly marks = new NightMarks();
  readonly truth: readonly LabelledMovement[];
  readonly interactive = true;
  readonly sensor: FaultableSensor;
  private readonly simulation: PlannedSimulation;
  private readonly driver: BoardDriver;
  private readonly source: SimulatedNight;
  private nextGesture_ms = 0;
  private finished: NightRecord | null = null;

  constructor(module: WebAssembly.Module, readonly settings: Settings) {
    const plan = planNight(settings.scenario, { hours: settings.hours, seed: settings.seed });
    // (The driver exists before the firmware can emit anything: fw_init emits no event.)
    this.board = new Board(module, { onEvent: (e) => this.marks.add(e, this.driver?.night_ms ?? 0) });
    const simulation = plannedNight(plan, {
      board: this.board, sample_hz: settings.sample_hz, start_ms_of_day: settings.start_minute_of_day * 60_000, clock0_ms: settings.clock0_ms,
      config: configPairs(settings),
    });
    this.sensor = new FaultableSensor(simulation.sensor);
    this.samples = new SampleLog(Math.ceil((LONGEST_WINDOW_MS * settings.sample_hz) / 1000));
    // The charts see every sample the board is given, with the actuators as they were when it was taken.
    const tap = {
      sample: (offset_ms: number, motor_permille: number) => {
        const xyz = this.sensor.sample(offset_ms, motor_permille);
        if (xyz !== null) {
          this.samples.push(offset_ms, xyz[0], xyz[1], xyz[2], motor_permille, this.board.heater_permille, this.driver.pad_cdeg);
        }
        return xyz;
      },
    };
    this.simulation = simulation;
    this.driver = simulatedNightDriver({ ...simulation, sensor: tap });
    this.source = this.driver.source as SimulatedNight;
    this.title = simulation.night.source;
    this.start_ms_of_day = settings.start_minute_of_day * 60_000;
    this.clock0_ms = settings.clock0_ms;
    this.duration_ms = plan.duration_ms;
    this.truth = plan.truth;
  }

  get night_ms(): number {
    return this.driver.night_ms;
  }

  get ended(): boolean {
    return this.finished !== null;
  }

  runUntil(target_ms: number): SliceEnd {
    if (this.finished) return "ended";
    const end = this.driver.runUntil(target_ms);
    if (end === "ended") this.finished = nightRecord(this.driver, this.simulation);
    return end;
  }

  record(): NightRecord {
    if (!this.finished) throw new Error("the night has not ended yet");
    return this.finished;
  }

  // ─── What a person does, from now on ──────────────────────────────────────────────

  /** A gesture on the bedside button, starting now (or once the last one is over). */
  press(gesture: Gesture): void {
    const { hold_ms, gap_ms } = GESTURE_PRESSES[gesture];
    let at = Math.max(this.driver.night_ms, this.nextGesture_ms);
    this.source.press(at, hold_ms);
    if (gap_ms !== undefined) {
      at += hold_ms + gap_ms;
      this.source.press(at, hold_ms);
    }
    this.nextGesture_ms = at + hold_ms + GESTURE_SPACING_MS;
  }

  /** A thermistor fault from now on; null repairs it. */
  thermistorFault(fault: ThermistorFault | null): void {
    this.simulation.pad.setFault(fault);
  }

  /** An accelerometer fault from the next sample on; null repairs it. */
  accelerometerFault(fault: AccelerometerFault | null): void {
    // The driver gives a sample after the tick of the same ms, and a dropout hands the FIFO over
    // when the missing sample was due: a dropout beginning on a tick's ms would hand the batch,
    // stamped with the sample before, to the firmware after that tick, a step back of the board
    // clock (FAULT 5). So a fault begins with the next sample that is not due on a tick.
    const period = 1000 / this.settings.sample_hz;
    let at = Math.ceil(this.driver.night_ms / period) * period;
    while (at % TICK_MS === 0) at += period;
    this.sensor.setFault(fault, at);
  }

  /** The board clock jumps by `by_ms` now (negative: backwards). */
  jumpClock(by_ms: number): void {
    this.source.jumpClock(this.driver.night_ms, by_ms);
  }
}

/** The device as a person (or a screen reader) reads it. */
export interface DeviceState {
  state: string;
  /** Seconds left in the running session (0 when none runs). */
  session_left_s: number;
  vibration_permille: number;
  heater_permille: number;
  led: string;
  /** Last plausible pad temperature, cdeg; null before the first. */
  pad_cdeg: number | null;
  /** Names of the active faults. */
  faults: string[];
  lm_count: number;
  plm_count: number;
  intensity: number;
  heat_on: boolean;
}

/** Reads the device's state through its status calls (which change nothing). */
export function deviceState(board: Board): DeviceState {
  const faultBits = board.status(STATUS.FAULTS);
  const pad = board.status(STATUS.PAD_CDEG);
  const faults: string[] = [];
  for (let code = 1; code < 32; code++) if (faultBits & (1 << code)) faults.push(nameOf(FAULT, code));
  return {
    state: nameOf(STATE, board.status(STATUS.STATE)),
    session_left_s: board.status(STATUS.SESSION_LEFT_S),
    vibration_permille: board.vibration_permille,
    heater_permille: board.heater_permille,
    led: nameOf(LED, board.led),
    pad_cdeg: pad === -2147483648 ? null : pad,
    faults,
    lm_count: board.status(STATUS.LM_COUNT),
    plm_count: board.status(STATUS.PLM_COUNT),
    intensity: board.status(STATUS.INTENSITY_NOW),
    heat_on: board.status(STATUS.HEAT_NOW) !== 0,
  };
}
