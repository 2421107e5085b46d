// The web simulator's night, without a browser: the page's LiveNight is the command line's night
// (same plan, same board, same driver), stepped in the page's slices; what a person does on the
// page reaches the firmware through the simulation (a bouncing button, the pad's thermistor, the
// sensor's faults, the board clock) and is answered by the firmware's own events. The page's URL
// reproduces the settings.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONFIG, EVENT, FAULT, GESTURE, SESSION_CAUSE } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { simulatePlan } from "../../host/board/simulatedNight.js";
import { type DeviceEvent, logLine } from "../../host/eventLog.js";
import { firmwareModule } from "../../host/firmwareFile.js";
import { planNight } from "../../host/sim/night.js";
import { FaultableSensor } from "../../host/sim/sensorFaults.js";
import { LiveNight, deviceState } from "../../web/liveNight.js";
import { DEFAULT_SETTINGS, type Settings, cliCommand, formatSettings, parseSettings } from "../../web/settings.js";

const S = 1000;
const settings = (over: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, config: {}, ...over });
const kinds = (events: DeviceEvent[], from = 0) => events.slice(from).map((e) => e.kind);
/** A night that ends with nothing happening in the first minutes (the scenario's first movement comes later). */
const quiet = () => new LiveNight(firmwareModule(), settings({ scenario: "quiet", seed: 2, hours: 1 }));

describe("the web simulator's night", () => {
  it("stepped in uneven slices, gives the event log of the command line's night, byte for byte", () => {
    const s = settings({ scenario: "plms-sessions", seed: 3, hours: 0.5, clock0_ms: 2 ** 32 - 600_000, config: { INTENSITY: 7, SENSITIVITY: 4 } });
    const live = new LiveNight(firmwareModule(), s);
    let step = 1;
    while (live.runUntil(live.night_ms + step) !== "ended") step = (step * 7 + 13) % 40_000;
    const cli = simulatePlan(planNight(s.scenario, { hours: s.hours, seed: s.seed }), {
      board: new Board(firmwareModule()), sample_hz: 50, start_ms_of_day: s.start_minute_of_day * 60_000, clock0_ms: 2 ** 32 - 600_000,
      config: [[CONFIG.INTENSITY, 7], [CONFIG.SENSITIVITY, 4]],
    });
    const page = live.record();
    assert.ok(cli.events.length > 50, `${cli.events.length} events`);
    assert.equal(page.events.map(logLine).join("\n"), cli.events.map(logLine).join("\n"));
    assert.deepEqual(page.trace, cli.trace);
    assert.equal(cliCommand(s), "npx calmfoot simulate --scenario plms-sessions --seed 3 --hours 0.5 --clock0 4294367296 " +
      "--config INTENSITY=7 --config SENSITIVITY=4");
  });

  it("a click is a short press that starts a button session; holding is a long press; a double click a double press", () => {
    const live = quiet();
    live.runUntil(10 * S);
    const from = live.board.events.length;
    live.press("short");
    live.runUntil(12 * S);
    const after = live.board.events.slice(from);
    assert.deepEqual(after.map((e) => [e.kind, e.a]), [[EVENT.BUTTON, GESTURE.SHORT], [EVENT.SESSION_START, SESSION_CAUSE.BUTTON]]);
    const n = live.board.events.length;
    live.press("long");
    live.press("double");
    live.runUntil(20 * S);
    const gestures = live.board.events.slice(n).filter((e) => e.kind === EVENT.BUTTON).map((e) => e.a);
    assert.deepEqual(gestures, [GESTURE.LONG, GESTURE.DOUBLE]);
    assert.equal(deviceState(live.board).state, "RUNNING", "the 5 s soft start is over");
  });

  it("an unplugged accelerometer raises FAULT 1 after 2 s without samples, and clears when it is plugged back", () => {
    const live = quiet();
    live.runUntil(60 * S);
    live.accelerometerFault("unplugged");
    live.runUntil(62 * S);
    assert.ok(!kinds(live.board.events).includes(EVENT.FAULT), "not within 2 s");
    live.runUntil(63 * S);
    const fault = live.board.events.find((e) => e.kind === EVENT.FAULT);
    assert.deepEqual([fault?.a, fault?.b], [FAULT.ACCEL_MISSING, 0]);
    assert.deepEqual(deviceState(live.board).faults, ["ACCEL_MISSING"]);
    live.accelerometerFault(null);
    live.runUntil(70 * S);
    assert.ok(live.board.events.some((e) => e.kind === EVENT.FAULT_CLEAR && e.a === FAULT.ACCEL_MISSING));
  });

  it("a frozen accelerometer raises FAULT 2 (frozen) after 30 s of identical samples, not a second before", () => {
    const live = quiet();
    live.runUntil(60 * S);
    live.accelerometerFault("frozen");
    live.runUntil(89 * S);
    assert.ok(!kinds(live.board.events).includes(EVENT.FAULT));
    live.runUntil(91 * S);
    const fault = live.board.events.find((e) => e.kind === EVENT.FAULT);
    assert.deepEqual([fault?.a, fault?.b], [FAULT.ACCEL_IMPLAUSIBLE, 2]);
  });

  it("an open or shorted thermistor is FAULT 3 (out of range) at its next reading; a clock jump is FAULT 5, backwards or forwards", () => {
    for (const fault of ["open", "shorted"] as const) {
      const live = quiet();
      live.runUntil(30 * S);
      live.thermistorFault(fault);
      live.runUntil(31 * S + 1);
      const e = live.board.events.find((x) => x.kind === EVENT.FAULT);
      assert.deepEqual([e?.a, e?.b], [FAULT.THERMISTOR, 1], fault);
    }
    for (const [by_ms, detail] of [[-60 * S, 1], [3_600 * S, 2]]) {
      const live = quiet();
      live.runUntil(30 * S);
      live.jumpClock(by_ms);
      live.runUntil(30 * S + 100);
      const e = live.board.events.find((x) => x.kind === EVENT.FAULT);
      assert.deepEqual([e?.a, e?.b], [FAULT.CLOCK, detail], `jump ${by_ms}`);
    }
  });

  it("the sample log holds what the board was given, thinned by min and max", () => {
    const live = quiet();
    live.runUntil(60 * S);
    assert.equal(live.samples.count, 60 * 50);
    const all = live.samples.window(0, 60 * S, 10_000);
    assert.equal(all.t_s.length, 3000);
    assert.equal(all.t_s[1] - all.t_s[0], 0.02);
    const thin = live.samples.window(0, 60 * S, 100);
    assert.equal(thin.t_s.length, 200);
    const z = all.values[2] as number[];
    assert.equal(Math.max(...(thin.values[2] as number[])), Math.max(...z));
    assert.equal(Math.min(...(thin.values[2] as number[])), Math.min(...z));
  });
});

describe("the accelerometer's faults (host/sim/sensorFaults.ts)", () => {
  it("passes readings through untouched, gives nothing while unplugged and the last reading while frozen", () => {
    let i = 0;
    const sensor = new FaultableSensor({ sample: () => [i, -i, 1000 + i] });
    const read = () => { i++; const r = sensor.sample(i * 20, 0); return r && Array.from(r); };
    assert.deepEqual(read(), [1, -1, 1001]);
    sensor.setFault("frozen");
    assert.deepEqual([read(), read()], [[1, -1, 1001], [1, -1, 1001]]);
    sensor.setFault("unplugged");
    assert.equal(read(), null);
    sensor.setFault(null);
    assert.deepEqual(read(), [5, -5, 1005], "the leg went on moving meanwhile");
  });
});

describe("the page's address", () => {
  it("reads scenario, seed, hours, speed and config from the query, and writes them back", () => {
    const { settings: s, problems } = parseSettings("?scenario=plms&seed=3&hours=2&speed=600&intensity=7&start=21:45&clock0=4294367296");
    assert.deepEqual(problems, []);
    assert.deepEqual(s, { ...DEFAULT_SETTINGS, scenario: "plms", seed: 3, hours: 2, speed: "600", start_minute_of_day: 21 * 60 + 45,
      clock0_ms: 4294367296, config: { INTENSITY: 7 } });
    assert.equal(formatSettings(s), "scenario=plms&seed=3&hours=2&start=21%3A45&clock0=4294367296&speed=600&intensity=7");
    assert.deepEqual(parseSettings(formatSettings(s)).settings, s);
  });

  it("names what it cannot read and keeps the default", () => {
    const { settings: s, problems } = parseSettings("scenario=nap&seed=x&hours=25&speed=2&sample_hz=60");
    assert.deepEqual(s, DEFAULT_SETTINGS);
    assert.equal(problems.length, 5);
    assert.match(problems[0], /scenario=nap: unknown/);
  });
});
