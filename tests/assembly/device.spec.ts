import { CONFIG_HEAT_ENABLED, CONFIG_INTENSITY, CONFIG_SESSION_MIN, EVENT_SESSION_END, EVENT_SESSION_START,
  STATE_FAULT_LOCKOUT, STATE_IDLE, STATE_RAMP_DOWN, STATE_RUNNING, STATUS_FAULTS, STATUS_HEATER, STATUS_STATE,
  STATUS_VIBRATION, STATUS_INTENSITY_NOW, STATUS_HEAT_NOW } from "../../assembly/abi";
import { configGet } from "../../assembly/config";
import { deviceAccel, deviceButton, deviceConfigSet, deviceInit, deviceStatus, deviceTemperature, deviceTick } from "../../assembly/device";
import { LED_FAULT, LED_IDLE, LED_RAMP_DOWN, LED_SESSION } from "../../assembly/hal";
import { eventCount, forgetCalls, HAL_SET_HEATER, HAL_SET_LED, HAL_SET_VIBRATION, lastEventArg, lastValue } from "./spy";

let now: u32 = 0;

/** Ticks every 100 ms for `ms`, with a live accelerometer sample and a reading of `cdeg` each second. */
function run(ms: u32, cdeg: i32 = 3000): void {
  const end = now + ms;
  while (now < end) {
    now += 100;
    deviceTick(now);
    if (now % 1000 == 0) {
      deviceAccel(now, <i32>(now / 1000 % 5), 0, 1000);
      deviceTemperature(now, cdeg);
    }
  }
}

function press(hold_ms: u32): void {
  deviceButton(now, 1);
  run(hold_ms);
  deviceButton(now, 0);
}

describe("the device", () => {
  beforeEach(() => { now = 0; forgetCalls(); deviceInit(0); });

  it("fw_init turns both actuators off and shows idle", () => {
    expect(lastValue(HAL_SET_VIBRATION)).toBe(0);
    expect(lastValue(HAL_SET_HEATER)).toBe(0);
    expect(lastValue(HAL_SET_LED)).toBe(LED_IDLE);
  });

  it("a press starts a session of the configured length ±1 s, with the LED through session, ramp-down, idle", () => {
    deviceConfigSet(CONFIG_SESSION_MIN, 10);
    // A constant reading under full heat would (rightly) be a detached thermistor: no heat here.
    deviceConfigSet(CONFIG_HEAT_ENABLED, 0);
    run(1000);
    press(200);
    run(1000);
    expect(eventCount(EVENT_SESSION_START)).toBe(1);
    const started = <u32>lastEventArg(EVENT_SESSION_START, 1);
    expect(lastEventArg(EVENT_SESSION_START, 3)).toBe(600);
    expect(lastValue(HAL_SET_LED)).toBe(LED_SESSION);
    run(3 * 60_000);
    expect(deviceStatus(STATUS_STATE)).toBe(STATE_RUNNING);
    run(2 * 60_000);
    expect(deviceStatus(STATUS_STATE)).toBe(STATE_RAMP_DOWN);
    expect(lastValue(HAL_SET_LED)).toBe(LED_RAMP_DOWN);
    while (eventCount(EVENT_SESSION_END) == 0 && now < 20 * 60_000) run(100);
    const ended = <u32>lastEventArg(EVENT_SESSION_END, 1);
    expect(<i32>(ended - started - 600_000)).toBeLessThanOrEqual(1000);
    expect(<i32>(ended - started - 600_000)).toBeGreaterThanOrEqual(-1000);
    expect(deviceStatus(STATUS_STATE)).toBe(STATE_IDLE);
    expect(lastValue(HAL_SET_VIBRATION)).toBe(0);
    expect(lastValue(HAL_SET_HEATER)).toBe(0);
    expect(lastValue(HAL_SET_LED)).toBe(LED_IDLE);
  });

  it("a long press steps the intensity, 9 wraps to 1", () => {
    deviceConfigSet(CONFIG_INTENSITY, 8);
    run(1000);
    press(1200);
    run(1000);
    expect(configGet(CONFIG_INTENSITY)).toBe(9);
    press(1200);
    run(1000);
    expect(configGet(CONFIG_INTENSITY)).toBe(1);
    expect(eventCount(EVENT_SESSION_START)).toBe(0);
  });

  it("a long press during a session changes the level it runs at", () => {
    run(1000);
    press(200);
    run(10_000);
    expect(deviceStatus(STATUS_INTENSITY_NOW)).toBe(5);
    press(1200);
    run(1000);
    expect(deviceStatus(STATUS_INTENSITY_NOW)).toBe(6);
  });

  it("a double press toggles the heat of the running session", () => {
    run(1000);
    press(200);
    run(10_000);
    expect(deviceStatus(STATUS_HEAT_NOW)).toBe(1);
    expect(deviceStatus(STATUS_HEATER)).toBeGreaterThan(0);
    press(100);
    run(200);
    press(100);
    run(1000);
    expect(configGet(CONFIG_HEAT_ENABLED)).toBe(0);
    expect(deviceStatus(STATUS_HEATER)).toBe(0);
    expect(deviceStatus(STATUS_STATE)).toBe(STATE_RUNNING);
  });

  it("the heater is off within one call of 43 °C, and the LED shows the fault", () => {
    run(1000);
    press(200);
    run(10_000);
    expect(deviceStatus(STATUS_HEATER)).toBeGreaterThan(0);
    deviceTemperature(now, 4300);
    expect(deviceStatus(STATUS_HEATER)).toBe(0);
    expect(lastValue(HAL_SET_HEATER)).toBe(0);
    expect(lastValue(HAL_SET_LED)).toBe(LED_FAULT);
    expect(deviceStatus(STATUS_VIBRATION)).toBeGreaterThan(0);
  });

  it("a silent thermistor for 3 s stops the heat but not the vibration", () => {
    run(1000);
    press(200);
    run(10_000);
    expect(deviceStatus(STATUS_HEATER)).toBeGreaterThan(0);
    const last_reading = now;
    while (now - last_reading <= 3000) { now += 100; deviceTick(now); deviceAccel(now, <i32>(now % 3), 0, 1000); }
    expect(deviceStatus(STATUS_FAULTS) & (1 << 3)).toBe(1 << 3);
    expect(deviceStatus(STATUS_HEATER)).toBe(0);
    expect(deviceStatus(STATUS_VIBRATION)).toBeGreaterThan(0);
  });

  it("a clock jump ends the session and locks out with both actuators off in that call", () => {
    run(1000);
    press(200);
    run(10_000);
    deviceTick(now - 5000);
    expect(deviceStatus(STATUS_STATE)).toBe(STATE_FAULT_LOCKOUT);
    expect(lastValue(HAL_SET_VIBRATION)).toBe(0);
    expect(lastValue(HAL_SET_HEATER)).toBe(0);
    expect(lastEventArg(EVENT_SESSION_END, 2)).toBe(3);
  });
});
