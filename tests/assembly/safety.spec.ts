import { EVENT_FAULT, EVENT_FAULT_CLEAR, FAULT_ACCEL_IMPLAUSIBLE, FAULT_ACCEL_MISSING, FAULT_CLOCK,
  FAULT_OVER_TEMPERATURE, FAULT_THERMISTOR } from "../../assembly/abi";
import { accelTrusted, accelWatchReset, accelWatchSample, accelWatchTick } from "../../assembly/safety/accelWatch";
import { clockObserve, clockWatchReset } from "../../assembly/safety/clockWatch";
import { faultActive, faultsReset } from "../../assembly/safety/faults";
import { limitsArm, limitsDisarm, limitsExpired, limitsPermit, limitsReset } from "../../assembly/safety/limits";
import { heatPermitted, thermalReading, thermalReset, thermalSessionEnded, thermalTick, THERMISTOR_DETACHED,
  THERMISTOR_DROPPED, THERMISTOR_OUT_OF_RANGE, THERMISTOR_SILENT } from "../../assembly/safety/thermal";
import { eventCount, forgetCalls, lastEventArg } from "./spy";

describe("over-temperature", () => {
  beforeEach(() => { faultsReset(); thermalReset(0); forgetCalls(); });

  it("43.0 °C vetoes heat in the same reading and raises FAULT 4 with the reading", () => {
    thermalReading(1000, 4000, 300);
    expect(heatPermitted()).toBe(true);
    thermalReading(2000, 4299, 300);
    expect(heatPermitted()).toBe(true);
    thermalReading(3000, 4300, 300);
    expect(heatPermitted()).toBe(false);
    expect(faultActive(FAULT_OVER_TEMPERATURE)).toBe(true);
    expect(lastEventArg(EVENT_FAULT, 3)).toBe(4300);
  });

  it("heat stays off until the pad is below 40.0 °C, then FAULT_CLEAR", () => {
    thermalReading(1000, 4350, 0);
    thermalReading(2000, 4000, 0);
    expect(heatPermitted()).toBe(false);
    expect(eventCount(EVENT_FAULT_CLEAR)).toBe(0);
    thermalReading(3000, 3999, 0);
    expect(heatPermitted()).toBe(true);
    expect(eventCount(EVENT_FAULT_CLEAR)).toBe(1);
  });
});

describe("thermistor supervision", () => {
  beforeEach(() => { faultsReset(); thermalReset(0); forgetCalls(); });

  it("no heat before the first reading", () => {
    expect(heatPermitted()).toBe(false);
  });

  it("readings outside −20.00…90.00 °C are a fault; 5 s of good readings clear it", () => {
    expect(thermalReading(1000, 9001, 0)).toBe(false);
    expect(lastEventArg(EVENT_FAULT, 3)).toBe(THERMISTOR_OUT_OF_RANGE);
    expect(heatPermitted()).toBe(false);
    for (let t: u32 = 2000; t < 7000; t += 1000) thermalReading(t, 3000, 0);
    expect(faultActive(FAULT_THERMISTOR)).toBe(true);
    thermalReading(7000, 3000, 0);
    expect(faultActive(FAULT_THERMISTOR)).toBe(false);
    faultsReset(); thermalReset(0);
    expect(thermalReading(1000, -2001, 0)).toBe(false);
    expect(faultActive(FAULT_THERMISTOR)).toBe(true);
    faultsReset(); thermalReset(0);
    expect(thermalReading(1000, -2000, 0)).toBe(true);
    expect(thermalReading(2000, 9000, 0)).toBe(true);
    expect(faultActive(FAULT_THERMISTOR)).toBe(false);
  });

  it("silence for more than 3 s while heat is requested is a fault; not while none is", () => {
    thermalReading(1000, 3500, 500);
    thermalTick(4000, true);
    expect(faultActive(FAULT_THERMISTOR)).toBe(false);
    thermalTick(4001, true);
    expect(faultActive(FAULT_THERMISTOR)).toBe(true);
    expect(lastEventArg(EVENT_FAULT, 3)).toBe(THERMISTOR_SILENT);
    faultsReset(); thermalReset(0);
    thermalReading(1000, 3500, 0);
    thermalTick(60_000, false);
    expect(faultActive(FAULT_THERMISTOR)).toBe(false);
  });

  it("a reading that does not rise under hard heat for 2 minutes is a detached sensor, latched", () => {
    for (let t: u32 = 0; t <= 120_000; t += 1000) thermalReading(t, 3000 + <i32>(t / 20_000), 1000);
    expect(faultActive(FAULT_THERMISTOR)).toBe(true);
    expect(lastEventArg(EVENT_FAULT, 3)).toBe(THERMISTOR_DETACHED);
    thermalSessionEnded(130_000);
    for (let t: u32 = 131_000; t <= 200_000; t += 1000) thermalReading(t, 3000, 0);
    expect(faultActive(FAULT_THERMISTOR)).toBe(true);
    expect(heatPermitted()).toBe(false);
  });

  it("a pad that warms under hard heat is not detached", () => {
    for (let t: u32 = 0; t <= 600_000; t += 1000) thermalReading(t, 3000 + <i32>(t / 1000), 1000);
    expect(faultActive(FAULT_THERMISTOR)).toBe(false);
  });

  it("a reading that falls faster than the pad can cool while heating is a sensor come off", () => {
    for (let t: u32 = 0; t <= 10_000; t += 1000) thermalReading(t, 4000, 300);
    expect(faultActive(FAULT_THERMISTOR)).toBe(false);
    thermalReading(11_000, 3900, 300);
    expect(faultActive(FAULT_THERMISTOR)).toBe(false);
    thermalReading(12_000, 3700, 300);
    expect(faultActive(FAULT_THERMISTOR)).toBe(true);
    expect(lastEventArg(EVENT_FAULT, 3)).toBe(THERMISTOR_DROPPED);
  });

  it("a pad cooling slowly with the heater on is not a fault", () => {
    for (let t: u32 = 0; t <= 600_000; t += 1000) thermalReading(t, 4200 - <i32>(t / 500), 200);
    expect(faultActive(FAULT_THERMISTOR)).toBe(false);
  });
});

describe("accelerometer supervision", () => {
  beforeEach(() => { faultsReset(); accelWatchReset(0); forgetCalls(); });

  it("no sample for more than 2 s is FAULT 1; the next sample clears it", () => {
    accelWatchSample(100, 1, 2, 1000);
    accelWatchTick(2100);
    expect(faultActive(FAULT_ACCEL_MISSING)).toBe(false);
    accelWatchTick(2101);
    expect(faultActive(FAULT_ACCEL_MISSING)).toBe(true);
    expect(accelTrusted()).toBe(false);
    accelWatchSample(2200, 1, 2, 1000);
    expect(faultActive(FAULT_ACCEL_MISSING)).toBe(false);
    expect(eventCount(EVENT_FAULT_CLEAR)).toBe(1);
  });

  it("25 out-of-range samples in a row are FAULT 2; they never reach the detector", () => {
    for (let i = 0; i < 24; i++) expect(accelWatchSample(<u32>(i * 20), 16001, 0, 0)).toBe(false);
    expect(faultActive(FAULT_ACCEL_IMPLAUSIBLE)).toBe(false);
    accelWatchSample(500, 0, i32.MIN_VALUE, 0);
    expect(faultActive(FAULT_ACCEL_IMPLAUSIBLE)).toBe(true);
  });

  it("bit-identical samples for 30 s are frozen (FAULT 2); 1 s of live data clears it", () => {
    for (let t: u32 = 0; t <= 30_000; t += 20) accelWatchSample(t, 5, 5, 1000);
    expect(faultActive(FAULT_ACCEL_IMPLAUSIBLE)).toBe(true);
    for (let t: u32 = 30_020; t < 31_000; t += 20) accelWatchSample(t, <i32>(t % 7), 5, 1000);
    expect(faultActive(FAULT_ACCEL_IMPLAUSIBLE)).toBe(true);
    for (let t: u32 = 31_000; t < 31_100; t += 20) accelWatchSample(t, <i32>(t % 7), 5, 1000);
    expect(faultActive(FAULT_ACCEL_IMPLAUSIBLE)).toBe(false);
  });
});

describe("clock supervision", () => {
  beforeEach(() => { faultsReset(); forgetCalls(); });

  it("steps up to 2 s are orderly, longer or backwards ones are FAULT 5", () => {
    clockWatchReset(0);
    expect(clockObserve(2000)).toBe(true);
    expect(clockObserve(4001)).toBe(false);
    expect(lastEventArg(EVENT_FAULT, 3)).toBe(2);
    faultsReset(); clockWatchReset(10_000);
    expect(clockObserve(9_999)).toBe(false);
    expect(lastEventArg(EVENT_FAULT, 3)).toBe(1);
  });

  it("the u32 wrap is an orderly step", () => {
    clockWatchReset(0xFFFF_FF00);
    expect(clockObserve(0x0000_0010)).toBe(true);
    expect(faultActive(FAULT_CLOCK)).toBe(false);
  });

  it("5 s of orderly calls clear FAULT 5", () => {
    clockWatchReset(0);
    clockObserve(50_000);
    for (let t: u32 = 50_100; t < 55_000; t += 100) clockObserve(t);
    expect(faultActive(FAULT_CLOCK)).toBe(true);
    clockObserve(55_000);
    expect(faultActive(FAULT_CLOCK)).toBe(false);
  });
});

describe("absolute limits", () => {
  beforeEach(() => { limitsReset(); });

  it("nothing may run before a session is armed or after it is disarmed", () => {
    expect(limitsPermit(0)).toBe(false);
    limitsArm(1000, 600_000);
    expect(limitsPermit(1000)).toBe(true);
    limitsDisarm();
    expect(limitsPermit(2000)).toBe(false);
  });

  it("a session may run its planned length plus 1 s, not more, across the wrap too", () => {
    const t0: u32 = 0xFFFF_0000;
    limitsArm(t0, 600_000);
    expect(limitsPermit(t0 + 600_999)).toBe(true);
    expect(limitsPermit(t0 + 601_000)).toBe(false);
    expect(limitsExpired(t0 + 601_000)).toBe(true);
  });

  it("never longer than 60 minutes whatever is planned", () => {
    limitsArm(0, 0xFFFF_FFF0);
    expect(limitsPermit(3_601_000)).toBe(false);
  });
});
