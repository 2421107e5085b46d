// The device: routes each board call through the safety layer to the detector and the therapy
// program, and has the last word on the actuators. Every export that can change what the
// actuators must do ends in applyOutputs(), which runs the time-based supervision and then the
// final gate, so no call can leave an actuator in a state the protective functions forbid. A
// plain sample (the hot path) applies them only when it started a session or changed a fault;
// time passing is judged on the 100 ms tick.

import * as abi from "./abi";
import { actuatorsReset, heaterDuty, setHeater, setLed, setVibration, vibrationDuty } from "./actuators";
import { buttonInput, buttonPoll, buttonReset } from "./button";
import { elapsedMs } from "./clock";
import { configGet, configReset, configSet } from "./config";
import { detectorClearCounts, detectorLmCount, detectorPlmCount, detectorReset, detectorSample } from "./detector/index";
import { LED_FAULT, LED_IDLE, LED_RAMP_DOWN, LED_SESSION } from "./hal";
import { logEvent } from "./log";
import { accelTrusted, accelWatchReset, accelWatchResync, accelWatchSample, accelWatchTick } from "./safety/accelWatch";
import { clockObserve, clockWatchReset } from "./safety/clockWatch";
import { faultActive, faultBits, faultsReset } from "./safety/faults";
import { limitsArm, limitsDisarm, limitsExpired, limitsPermit, limitsReset } from "./safety/limits";
import { heatPermitted, padTemperature, thermalReading, thermalReset, thermalResync, thermalHeatRequested,
  thermalSessionEnded, thermalTick } from "./safety/thermal";
import { heaterControl, heaterReset } from "./therapy/heater";
import { sessionActive, sessionCompleted, sessionCooledDown, sessionEnd, sessionHeats, sessionLeftS,
  sessionLevel, sessionPlannedMs, sessionReset, sessionSetHeat, sessionSetLevel, sessionStart, sessionState,
  sessionVibrationDuty } from "./therapy/session";

/**
 * Samples the FIFO area holds (HAL ABI v1: at least 32). 32 keeps a full FIFO at 25 Hz (1.28 s)
 * well inside the 2 s accelerometer timeout, so batching can never look like a silent sensor.
 */
export const ACCEL_CAPACITY: i32 = 32;
/** Bytes per FIFO sample: i16 x, y, z. */
const ACCEL_SAMPLE_BYTES: i32 = 6;
/** The FIFO area the board fills before fw_accel_batch: static, never allocated. */
export const ACCEL_FIFO: usize = memory.data(ACCEL_CAPACITY * ACCEL_SAMPLE_BYTES, 4);

/** Everything this module keeps between calls. */
namespace device {
  /** The latest `now` seen, for config changes (fw_config_set carries no time). */
  export let now_last_ms: u32 = 0;
  /** Duty the heater controller asks for; the safety layer decides whether it is applied. */
  export let heater_command_permille: i32 = 0;
  /** When the last thermistor reading came (the heater controller's time step). */
  export let last_temperature_ms: u32 = 0;
  /** STATUS_REJECTED_INPUTS. */
  export let rejected_inputs: i32 = 0;
  /** Something a sample did (a session started, a fault changed) that the actuators must follow now. */
  export let outputs_stale: bool = false;
  /** The motor duty the detector is told, taken at motor_since_ms and held for MOTOR_HOLD_MS while valid. */
  export let motor_permille: i32 = 0;
  export let motor_since_ms: u32 = 0;
  export let motor_valid: bool = false;
  /**
   * When the motor last stopped and the duty it had then. A FIFO batch is handed over after the
   * samples in it were taken: samples from before the stop were shaken by the motor even though
   * the session is over when the detector sees them.
   */
  export let motor_stop_ms: u32 = 0;
  export let motor_stop_permille: i32 = 0;
}

/**
 * The motor duty the detector is told, held for MOTOR_HOLD_MS: the program's duty changes slowly
 * (ramps over seconds, a 6.4 s wave), and recomputing it for every sample would cost more than
 * the detector itself. Invalidated whenever a session starts or ends.
 */
const MOTOR_HOLD_MS: u32 = 100;
/** A batch never spans more than this (32 samples at 25 Hz is 1.28 s). */
const MOTOR_STOP_MEMORY_MS: u32 = 2000;

function samplePeriodMs(): u32 {
  return <u32>(1000 / configGet(abi.CONFIG_SAMPLE_HZ));
}

function lockedOut(): bool {
  return faultActive(abi.FAULT_CLOCK);
}

// ─── Power-on and time ────────────────────────────────────────────────────────

export function deviceInit(now_ms: u32): void {
  device.now_last_ms = now_ms;
  device.outputs_stale = false;
  device.motor_valid = false;
  device.motor_stop_permille = 0;
  configReset();
  faultsReset();
  limitsReset();
  sessionReset();
  heaterReset();
  device.heater_command_permille = 0;
  device.last_temperature_ms = now_ms;
  device.rejected_inputs = 0;
  buttonReset(now_ms);
  accelWatchReset(now_ms);
  thermalReset(now_ms);
  clockWatchReset(now_ms);
  detectorClearCounts();
  detectorReset(now_ms, samplePeriodMs(), configGet(abi.CONFIG_SENSITIVITY));
  actuatorsReset(LED_IDLE);
}

/**
 * Every call starts here: a clock that jumped invalidates every timer, so all restart from now.
 * Inlined (the orderly clock is a few instructions, paid on every sample); the jump is not.
 */
@inline function enter(now_ms: u32): void {
  device.now_last_ms = now_ms;
  if (!clockObserve(now_ms)) resync(now_ms);
}

function resync(now_ms: u32): void {
  endSession(now_ms, abi.SESSION_END_FAULT);
  device.motor_valid = false;
  buttonReset(now_ms);
  accelWatchResync(now_ms);
  thermalResync(now_ms);
  device.last_temperature_ms = now_ms;
  detectorReset(now_ms, samplePeriodMs(), configGet(abi.CONFIG_SENSITIVITY));
}

// ─── Sessions ─────────────────────────────────────────────────────────────────

function startSession(now_ms: u32, cause: i32, length_min: i32): void {
  heaterReset();
  device.heater_command_permille = 0;
  sessionStart(now_ms, cause, length_min, configGet(abi.CONFIG_INTENSITY), configGet(abi.CONFIG_HEAT_ENABLED) == 1);
  device.motor_valid = false;
  device.outputs_stale = true;
  limitsArm(now_ms, sessionPlannedMs());
  if (sessionHeats()) thermalHeatRequested(now_ms);
}

function endSession(now_ms: u32, reason: i32): void {
  if (!sessionActive()) return;
  sessionEnd(now_ms, reason);
  device.motor_valid = false;
  device.outputs_stale = true;
  limitsDisarm();
  heaterReset();
  device.heater_command_permille = 0;
  thermalSessionEnded(now_ms);
}

function onGesture(now_ms: u32, gesture: i32): void {
  logEvent(abi.EVENT_BUTTON, now_ms, gesture, 0);
  if (gesture == abi.GESTURE_SHORT) {
    if (sessionActive()) endSession(now_ms, abi.SESSION_END_BUTTON);
    else if (!lockedOut()) startSession(now_ms, abi.SESSION_CAUSE_BUTTON, configGet(abi.CONFIG_SESSION_MIN));
  } else if (gesture == abi.GESTURE_LONG) {
    deviceConfigSet(abi.CONFIG_INTENSITY, configGet(abi.CONFIG_INTENSITY) % 9 + 1);
  } else if (gesture == abi.GESTURE_DOUBLE) {
    deviceConfigSet(abi.CONFIG_HEAT_ENABLED, 1 - configGet(abi.CONFIG_HEAT_ENABLED));
  }
}

function onRestless(now_ms: u32): void {
  if (configGet(abi.CONFIG_AUTO_START) != 1 || sessionActive() || lockedOut() || !accelTrusted()) return;
  const cooldown_ms = <u32>configGet(abi.CONFIG_AUTO_COOLDOWN_MIN) * 60_000;
  if (!sessionCooledDown(now_ms, cooldown_ms)) return;
  startSession(now_ms, abi.SESSION_CAUSE_AUTO, configGet(abi.CONFIG_AUTO_SESSION_MIN));
}

// ─── Outputs: the one place that decides what the actuators do ───────────────

function applyOutputs(now_ms: u32): void {
  device.outputs_stale = false;
  if (sessionCompleted(now_ms)) endSession(now_ms, abi.SESSION_END_COMPLETED);
  // The independent off timer: a session the program failed to end is ended here.
  if (sessionActive() && limitsExpired(now_ms)) endSession(now_ms, abi.SESSION_END_OTHER);
  const running = sessionActive() && !lockedOut() && limitsPermit(now_ms);
  const vibration_before = vibrationDuty();
  setVibration(running ? sessionVibrationDuty(now_ms) : 0);
  if (vibration_before != 0 && vibrationDuty() == 0) {
    device.motor_stop_ms = now_ms;
    device.motor_stop_permille = vibration_before;
    device.motor_valid = false;
  }
  const heat = running && sessionHeats() && heatPermitted();
  if (!heat && device.heater_command_permille != 0) {
    heaterReset();
    device.heater_command_permille = 0;
  }
  setHeater(heat ? device.heater_command_permille : 0);
  const state = deviceState(now_ms);
  if (faultBits() != 0) setLed(LED_FAULT);
  else if (state == abi.STATE_RAMP_DOWN) setLed(LED_RAMP_DOWN);
  else if (state != abi.STATE_IDLE) setLed(LED_SESSION);
  else setLed(LED_IDLE);
}

function deviceState(now_ms: u32): i32 {
  return lockedOut() ? abi.STATE_FAULT_LOCKOUT : sessionState(now_ms);
}

// ─── Board calls ──────────────────────────────────────────────────────────────

/** The motor duty at sample time `t_ms`, for the detector (held for MOTOR_HOLD_MS). */
function motorDutyAt(t_ms: u32): void {
  device.motor_permille = sessionActive() && !lockedOut() && limitsPermit(t_ms) ? sessionVibrationDuty(t_ms) : 0;
  // t in [stop − 2 s, stop): taken while the motor still ran (u32: t ≥ stop wraps to huge).
  if (device.motor_permille == 0 && device.motor_stop_ms - t_ms - 1 < MOTOR_STOP_MEMORY_MS) device.motor_permille = device.motor_stop_permille;
  device.motor_since_ms = t_ms;
  device.motor_valid = true;
}

/** One sample through supervision to the detector; an implausible one is counted, not used. */
@inline function takeSample(t_ms: u32, x_mg: i32, y_mg: i32, z_mg: i32): void {
  if (!accelWatchSample(t_ms, x_mg, y_mg, z_mg)) {
    device.rejected_inputs++;
    return;
  }
  // The motor duty at the sample's own time (not the last one applied), so the detector sees the
  // same input whether samples come one by one or in a FIFO batch.
  if (!device.motor_valid || elapsedMs(t_ms, device.motor_since_ms) >= MOTOR_HOLD_MS) motorDutyAt(t_ms);
  const restless = detectorSample(t_ms, x_mg, y_mg, z_mg, device.motor_permille);
  if (restless != 0) onRestless(t_ms);
}

/**
 * A sample changes the actuators only by starting a session or changing a fault (the LED); time
 * passing is the tick's job. So the sample path re-applies the outputs only when one of those
 * happened: the per-sample cost stays that of the detector.
 */
export function deviceAccel(now_ms: u32, x_mg: i32, y_mg: i32, z_mg: i32): void {
  const faults_before = faultBits();
  enter(now_ms);
  takeSample(now_ms, x_mg, y_mg, z_mg);
  if (device.outputs_stale || faultBits() != faults_before) applyOutputs(now_ms);
}

export function deviceAccelBatch(now_ms: u32, count: i32): void {
  enter(now_ms);
  if (count < 1 || count > ACCEL_CAPACITY) {
    device.rejected_inputs++;
  } else {
    const period_ms = samplePeriodMs();
    for (let i = 0; i < count; i++) {
      const p = ACCEL_FIFO + <usize>(i * ACCEL_SAMPLE_BYTES);
      const t_ms = now_ms - <u32>(count - 1 - i) * period_ms;
      takeSample(t_ms, <i32>load<i16>(p), <i32>load<i16>(p, 2), <i32>load<i16>(p, 4));
    }
  }
  applyOutputs(now_ms);
}

export function deviceButton(now_ms: u32, pressed: i32): void {
  enter(now_ms);
  const gesture = buttonInput(now_ms, pressed);
  if (gesture != 0) onGesture(now_ms, gesture);
  applyOutputs(now_ms);
}

export function deviceTemperature(now_ms: u32, pad_cdeg: i32): void {
  enter(now_ms);
  const dt_ms = elapsedMs(now_ms, device.last_temperature_ms);
  device.last_temperature_ms = now_ms;
  if (thermalReading(now_ms, pad_cdeg, heaterDuty()) && sessionHeats() && heatPermitted()) {
    device.heater_command_permille = heaterControl(pad_cdeg, configGet(abi.CONFIG_HEAT_TARGET_DC) * 10, dt_ms);
  }
  applyOutputs(now_ms);
}

export function deviceTick(now_ms: u32): void {
  enter(now_ms);
  const gesture = buttonPoll(now_ms);
  if (gesture != 0) onGesture(now_ms, gesture);
  // Timeouts are judged on the tick grid only, so fw_accel and fw_accel_batch (whose calls come at
  // different moments) give the same event log for the same samples.
  accelWatchTick(now_ms);
  thermalTick(now_ms, sessionHeats());
  applyOutputs(now_ms);
}

/** fw_config_set: validates, stores, and lets a running session follow the new value. */
export function deviceConfigSet(key: i32, value: i32): i32 {
  const result = configSet(key, value);
  if (result != abi.CONFIG_OK) return result;
  if (key == abi.CONFIG_SAMPLE_HZ || key == abi.CONFIG_SENSITIVITY) {
    // A new rate or sensitivity: detection starts afresh with it (the counts stay).
    detectorReset(device.now_last_ms, samplePeriodMs(), configGet(abi.CONFIG_SENSITIVITY));
  } else if (key == abi.CONFIG_INTENSITY) {
    if (sessionActive()) sessionSetLevel(value);
  } else if (key == abi.CONFIG_HEAT_ENABLED) {
    if (sessionActive()) {
      if (value == 1 && !sessionHeats()) thermalHeatRequested(device.now_last_ms);
      sessionSetHeat(value == 1);
    }
  }
  applyOutputs(device.now_last_ms);
  return result;
}

export function deviceStatus(key: i32): i32 {
  switch (key) {
    case abi.STATUS_STATE: return deviceState(device.now_last_ms);
    case abi.STATUS_SESSION_LEFT_S: return sessionLeftS(device.now_last_ms);
    case abi.STATUS_LM_COUNT: return detectorLmCount();
    case abi.STATUS_PLM_COUNT: return detectorPlmCount();
    case abi.STATUS_FAULTS: return faultBits();
    case abi.STATUS_VIBRATION: return vibrationDuty();
    case abi.STATUS_HEATER: return heaterDuty();
    case abi.STATUS_REJECTED_INPUTS: return device.rejected_inputs;
    case abi.STATUS_ABI_VERSION: return abi.ABI_VERSION;
    case abi.STATUS_INTENSITY_NOW: return sessionLevel();
    case abi.STATUS_HEAT_NOW: return sessionHeats() && heatPermitted() ? 1 : 0;
    case abi.STATUS_PAD_CDEG: return padTemperature();
  }
  return 0;
}
