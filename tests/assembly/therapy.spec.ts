import { SESSION_CAUSE_AUTO, SESSION_CAUSE_BUTTON, STATE_IDLE, STATE_RAMP_DOWN, STATE_RAMP_UP, STATE_RUNNING } from "../../assembly/abi";
import { heaterControl, heaterReset } from "../../assembly/therapy/heater";
import { sessionEnd, sessionLeftS, sessionLevel, sessionReset, sessionStart, sessionState,
  sessionVibrationDuty, sessionCompleted } from "../../assembly/therapy/session";
import { levelDuty, rampDuty, waveGain, WAVE_PERIOD_MS } from "../../assembly/therapy/vibration";

const MIN: u32 = 60_000;

describe("intensity table", () => {
  it("runs from 250 ‰ (the slowest smooth duty) at level 1 to full duty at level 9", () => {
    expect(levelDuty(1)).toBe(250);
    expect(levelDuty(9)).toBe(1000);
  });

  it("has perceptually even steps: each level is the previous one × 2^(1/4), within 1 %", () => {
    for (let l = 2; l <= 9; l++) {
      const ratio = <f64>levelDuty(l) / <f64>levelDuty(l - 1);
      expect(Math.abs(ratio - Math.pow(2, 0.25))).toBeLessThan(0.012);
    }
  });

  it("clamps levels outside 1…9", () => {
    expect(levelDuty(0)).toBe(250);
    expect(levelDuty(-7)).toBe(250);
    expect(levelDuty(10)).toBe(1000);
    expect(levelDuty(i32.MAX_VALUE)).toBe(1000);
  });
});

describe("ramps and wave", () => {
  it("a ramp is off at 0, the level's duty at full, and never below level 1 in between", () => {
    for (let l = 1; l <= 9; l++) {
      expect(rampDuty(l, 0)).toBe(0);
      expect(rampDuty(l, 1000)).toBe(levelDuty(l));
      let last = 0;
      for (let e = 1; e <= 1000; e += 7) {
        const d = rampDuty(l, e);
        expect(d).toBeGreaterThanOrEqual(250);
        expect(d).toBeGreaterThanOrEqual(last);
        last = d;
      }
    }
  });

  it("the wave breathes between 80 % and 100 % with a 6.4 s period", () => {
    for (let t: u32 = 0; t < 2 * WAVE_PERIOD_MS; t += 50) {
      const g = waveGain(t);
      expect(g).toBeGreaterThanOrEqual(800);
      expect(g).toBeLessThanOrEqual(1000);
      expect(waveGain(t + WAVE_PERIOD_MS)).toBe(g);
    }
    expect(waveGain(0)).toBe(800);
    expect(waveGain(WAVE_PERIOD_MS / 2)).toBe(1000);
  });
});

describe("a session's shape", () => {
  beforeEach(() => { sessionReset(); });

  it("a button session eases in over 5 s, runs, ramps down over the last 5 min, then completes", () => {
    sessionStart(1000, SESSION_CAUSE_BUTTON, 30, 9, false);
    expect(sessionState(1000)).toBe(STATE_RAMP_UP);
    expect(sessionVibrationDuty(1000)).toBe(0);
    expect(sessionVibrationDuty(2000)).toBeGreaterThan(0);
    expect(sessionState(6000)).toBe(STATE_RUNNING);
    expect(sessionState(1000 + 25 * MIN - 1)).toBe(STATE_RUNNING);
    expect(sessionState(1000 + 25 * MIN)).toBe(STATE_RAMP_DOWN);
    // Same wave phase (multiples of 6.4 s apart), falling envelope.
    const a = sessionVibrationDuty(1000 + 25 * MIN + 6400);
    const b = sessionVibrationDuty(1000 + 25 * MIN + 6400 * 20);
    const c = sessionVibrationDuty(1000 + 25 * MIN + 6400 * 40);
    expect(b).toBeLessThan(a);
    expect(c).toBeLessThan(b);
    expect(c).toBeGreaterThan(0);
    expect(sessionLeftS(1000 + 29 * MIN)).toBe(60);
    expect(sessionCompleted(1000 + 30 * MIN - 1)).toBe(false);
    expect(sessionCompleted(1000 + 30 * MIN)).toBe(true);
    expect(sessionVibrationDuty(1000 + 30 * MIN)).toBe(0);
  });

  it("an auto session eases in over 30 s, two levels below the user's setting", () => {
    sessionStart(0, SESSION_CAUSE_AUTO, 20, 5, false);
    expect(sessionLevel()).toBe(3);
    expect(sessionState(29_999)).toBe(STATE_RAMP_UP);
    expect(sessionState(30_000)).toBe(STATE_RUNNING);
    sessionEnd(40_000, 2);
    sessionStart(50_000, SESSION_CAUSE_AUTO, 20, 1, false);
    expect(sessionLevel()).toBe(1);
  });

  it("a 5-minute session ramps down over its second half only", () => {
    sessionStart(0, SESSION_CAUSE_BUTTON, 5, 5, false);
    expect(sessionState(150_000 - 1)).toBe(STATE_RUNNING);
    expect(sessionState(150_000)).toBe(STATE_RAMP_DOWN);
  });

  it("crosses the u32 wrap like any other moment", () => {
    const t0: u32 = 0xFFFF_0000;
    sessionStart(t0, SESSION_CAUSE_BUTTON, 10, 5, false);
    expect(sessionState(t0 + 3 * MIN)).toBe(STATE_RUNNING);
    expect(sessionLeftS(t0 + 3 * MIN)).toBe(420);
    expect(sessionCompleted(t0 + 10 * MIN)).toBe(true);
    sessionEnd(t0 + 10 * MIN, 1);
    expect(sessionState(t0 + 10 * MIN)).toBe(STATE_IDLE);
  });
});

describe("heater controller", () => {
  beforeEach(() => { heaterReset(); });

  it("full duty far below the target, none above it", () => {
    expect(heaterControl(2500, 4000, 1000)).toBe(1000);
    heaterReset();
    expect(heaterControl(4100, 4000, 1000)).toBe(0);
  });

  it("backs off while the pad is rising fast toward the target", () => {
    heaterControl(3950, 4000, 1000);
    const steady = heaterControl(3950, 4000, 1000);
    heaterReset();
    heaterControl(3900, 4000, 1000);
    heaterControl(3925, 4000, 1000);
    const rising = heaterControl(3950, 4000, 1000);
    expect(steady).toBeGreaterThan(400);
    expect(rising).toBeLessThan(steady / 2);
  });

  it("stays within 0…1000 for any plausible reading and any gap", () => {
    for (let c = -2000; c <= 9000; c += 37) {
      const d = heaterControl(c, 4200, <u32>(c & 0xFFFF));
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(1000);
    }
  });
});
