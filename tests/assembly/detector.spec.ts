// The detector's rules, pinned with synthetic legs: a foot lying still with ±3 mg of sensor
// noise, tilted by scripted movements (the gravity vector turning in the x–z plane).

import { EVENT_MOVE_END, EVENT_MOVE_START, EVENT_RESTLESS, EVENT_SERIES, MOVE_CLASS_LM, MOVE_CLASS_LONG,
  MOVE_CLASS_SHORT, RESTLESS_DENSE, RESTLESS_PERIODIC } from "../../assembly/abi";
import { baselineActivity, baselinePrime, baselineReset, baselineUpdate } from "../../assembly/detector/baseline";
import { evidenceReset, evidenceSample } from "../../assembly/detector/evidence";
import { floorsReset } from "../../assembly/detector/floors";
import { detectorClearCounts, detectorLmCount, detectorPlmCount, detectorReset, detectorSample } from "../../assembly/detector/index";
import { learnMotorRest, learnQuietRest, rebaseToPosture } from "../../assembly/detector/learning";
import { motorBand, motorReset, motorUpdate } from "../../assembly/detector/motor";
import { motorAxisLearn, motorAxisProject, motorAxisReset, motorAxisValid } from "../../assembly/detector/motorAxis";
import { smoothingPrime, smoothingPrimed, smoothingReset, smoothingUpdate } from "../../assembly/detector/smoothing";
import { eventCount, forgetCalls, lastEventArg } from "./spy";

@external("spy", "count") declare function spyCount(): i32;
@external("spy", "fn") declare function spyFn(i: i32): i32;
@external("spy", "arg") declare function spyArg(i: i32, j: i32): i32;

// ─── A synthetic leg ──────────────────────────────────────────────────────────

const KIND_RETURN: i32 = 0; // tilt and return (LM, jerk)
const KIND_STEP: i32 = 1;   // tilt and stay (turning over)

let move_at: i32[] = [];
let move_len: i32[] = [];
let move_deg: f64[] = [];
let move_kind: i32[] = [];
let noise_state: u32 = 1;
let t0_ms: u32 = 0;
let period_ms: u32 = 20;
let motor_mg: f64 = 0;
let motor_hz: f64 = 0;
let motor_duty: i32 = 0;
/** The plane the motor's force turns in: false x–y (shaft along z), true y–z (shaft along x). */
let motor_plane_yz: bool = false;
let restless_seen: i32 = 0;
/** A shake along the z axis (the resting gravity's axis: it changes the norm), no rotation. */
let shake_at: i32 = -1;
let shake_len: i32 = 0;
let shake_mg: f64 = 0;
let shake_hz: f64 = 0;
/** A coarse sensor: noise ×noise_gain, readings quantised to lsb_mg (1: the fine sensor). */
let lsb_mg: i32 = 1;
let noise_gain: i32 = 1;

/** An LM lasts at least 0.5 s (WASM/IRLSSG 2016). */
const LM_MIN_MS: i32 = 500;

function leg(t0: u32, hz: i32, sensitivity: i32 = 3): void {
  move_at = [];
  move_len = [];
  move_deg = [];
  move_kind = [];
  noise_state = 1;
  t0_ms = t0;
  period_ms = <u32>(1000 / hz);
  motor_mg = 0;
  motor_duty = 0;
  motor_plane_yz = false;
  restless_seen = 0;
  shake_at = -1;
  lsb_mg = 1;
  noise_gain = 1;
  forgetCalls();
  detectorClearCounts();
  detectorReset(t0, period_ms, sensitivity);
}

function move(at_ms: i32, len_ms: i32, deg: f64, kind: i32 = KIND_RETURN): void {
  move_at.push(at_ms);
  move_len.push(len_ms);
  move_deg.push(deg);
  move_kind.push(kind);
}

function noise(): i32 {
  noise_state = noise_state * 1664525 + 1013904223;
  return <i32>(noise_state >> 29) - 3; // −3 … +4 mg
}

/** Tilt of the foot at `t` ms after the start, degrees. */
function tilt(t: i32): f64 {
  let deg = 0.0;
  for (let i = 0; i < move_at.length; i++) {
    const tau = t - move_at[i];
    if (tau <= 0) continue;
    const len = move_len[i];
    const a = move_deg[i];
    if (move_kind[i] == KIND_STEP) {
      deg += tau >= len ? a : a * (1 - Math.cos(Math.PI * tau / len)) / 2;
      continue;
    }
    if (tau >= len) continue;
    const edge = min(250, len / 2);
    if (tau < edge) deg += a * (1 - Math.cos(Math.PI * tau / edge)) / 2;
    else if (tau > len - edge) deg += a * (1 - Math.cos(Math.PI * (len - tau) / edge)) / 2;
    else deg += a;
  }
  return deg;
}

/** What the sensor reports for `mg`: plus its noise, quantised to its LSB. */
function reading(mg: f64): i32 {
  const v = <i32>Math.round(mg) + noise() * noise_gain;
  return <i32>Math.round(<f64>v / lsb_mg) * lsb_mg;
}

/** Feeds samples from `from_ms` to `to_ms` (ms after the start); counts RESTLESS returns. */
function run(from_ms: i32, to_ms: i32): void {
  for (let t = from_ms; t < to_ms; t += <i32>period_ms) {
    const r = tilt(t) * Math.PI / 180;
    let x = 1000 * Math.sin(r);
    let z = 1000 * Math.cos(r);
    let y = 0.0;
    if (shake_at >= 0 && t > shake_at && t < shake_at + shake_len) {
      z += shake_mg * Math.sin(2 * Math.PI * shake_hz * <f64>(t - shake_at) / 1000);
    }
    if (motor_mg > 0) {
      // An eccentric motor's vibration, sampled without an anti-alias filter.
      const ph = 2 * Math.PI * motor_hz * <f64>t / 1000;
      if (motor_plane_yz) {
        y += motor_mg * Math.cos(ph);
        z += motor_mg * Math.sin(ph);
      } else {
        x += motor_mg * Math.cos(ph);
        y += motor_mg * Math.sin(ph);
      }
    }
    const reason = detectorSample(t0_ms + <u32>t, reading(x), reading(y), reading(z), motor_duty);
    if (reason != 0) restless_seen = reason;
  }
}

/** Classes of all MOVE_END events so far, as a number: one decimal digit per movement. */
function classes(): i64 {
  let out: i64 = 0;
  for (let i = 0, c = spyCount(); i < c; i++) if (spyFn(i) == 3 && spyArg(i, 0) == EVENT_MOVE_END) out = out * 10 + spyArg(i, 3);
  return out;
}

/** A fingerprint of the event log with times relative to the start: equal logs, equal prints. */
function fingerprint(): i64 {
  let h: i64 = 1469598103;
  for (let i = 0, c = spyCount(); i < c; i++) {
    if (spyFn(i) != 3) continue;
    const kind = spyArg(i, 0);
    const now = <u32>spyArg(i, 1) - t0_ms;
    let a = spyArg(i, 2);
    if (kind == EVENT_MOVE_START) a = <i32>(<u32>a - t0_ms);
    h = (h ^ kind) * 1099511628211;
    h = (h ^ <i64>now) * 1099511628211;
    h = (h ^ <i64>a) * 1099511628211;
    h = (h ^ <i64>spyArg(i, 3)) * 1099511628211;
  }
  return h;
}

/** A `len_ms` oscillation of `mg` at `hz` along z (the resting gravity's axis) from `at_ms`. */
function shake(at_ms: i32, len_ms: i32, mg: f64, hz: f64): void {
  shake_at = at_ms;
  shake_len = len_ms;
  shake_mg = mg;
  shake_hz = hz;
}

/**
 * The motor at duty 450 ‰: 60 mg at `hz`, sampled at 50 Hz without an anti-alias filter (101 Hz
 * aliases to 1 Hz, 110 Hz to 10 Hz); false stops it at once.
 */
function motor(on: bool, hz: f64 = 101, mg: f64 = 60): void {
  motor_mg = on ? mg : 0;
  motor_hz = hz;
  motor_duty = on ? 450 : 0;
}

/**
 * Runs the motor (`hz`) from `from_ms` to `to_ms`, its duty first visiting the bands next to
 * 450 ‰ as the program's breathing does (each band's floor is learnt where it is used; a band
 * never seen keeps its deliberately high initial floor), then held at 450 ‰.
 */
function runMotor(from_ms: i32, to_ms: i32, hz: f64 = 101, mg: f64 = 60): void {
  motor(true, hz, mg);
  const duties: i32[] = [420, 440, 470];
  for (let i = 0; i < 3; i++) {
    motor_duty = duties[i];
    run(from_ms + i * 5000, from_ms + (i + 1) * 5000);
  }
  motor_duty = 450;
  run(from_ms + 15_000, to_ms);
}

/**
 * From 20 s to 100 s: 150 mg turning in the y–z plane (shaft along x) at 100.3 Hz, at 50 Hz an
 * alias of 0.3 Hz (a slow swing of the motor's full amplitude), the duty visiting the bands
 * around 450 ‰.
 */
function nearDcAlias(): void {
  motor_plane_yz = true;
  motor_mg = 150;
  motor_hz = 100.3;
  const duties: i32[] = [420, 440, 470, 450];
  for (let i = 0; i < 4; i++) {
    motor_duty = duties[i];
    run(20_000 + i * 20_000, 40_000 + i * 20_000);
  }
}

/** Number of MOVE_END events of class `cls` so far. */
function endsOfClass(cls: i32): i32 {
  let n = 0;
  for (let i = 0, c = spyCount(); i < c; i++) if (spyFn(i) == 3 && spyArg(i, 0) == EVENT_MOVE_END && spyArg(i, 3) == cls) n++;
  return n;
}

/** Number of RESTLESS events with reason `reason` so far. */
function restlessOf(reason: i32): i32 {
  let n = 0;
  for (let i = 0, c = spyCount(); i < c; i++) if (spyFn(i) == 3 && spyArg(i, 0) == EVENT_RESTLESS && spyArg(i, 2) == reason) n++;
  return n;
}

// Bouts 12 s apart: an LM (2 s, 12°) or a fidget (0.3 s, 5°, SHORT). Never 4 LMs in a row, so
// no periodic series can be what fires.
function boutsOf(kinds: string, at0: i32 = 20_000): i32 {
  for (let i = 0; i < kinds.length; i++) {
    const at = at0 + i * 12_000;
    if (kinds.charAt(i) == "L") move(at, 2000, 12);
    else move(at, 300, 5);
  }
  return at0 + kinds.length * 12_000;
}

function series(at0: i32, n: i32, interval_ms: i32, deg: f64 = 12): void {
  for (let i = 0; i < n; i++) move(at0 + i * interval_ms, 2000, deg);
}

// ─── Rules ────────────────────────────────────────────────────────────────────

describe("leg movements", () => {
  it("a still foot makes no movement", () => {
    leg(1000, 50);
    run(0, 300_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(0);
  });

  it("a 0.3 s jerk is SHORT, not a leg movement", () => {
    leg(1000, 50);
    move(30_000, 300, 15);
    run(0, 40_000);
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_SHORT);
    expect(detectorLmCount()).toBe(0);
  });

  it("a 2 s dorsiflexion is an LM, announced within 100 ms of its onset", () => {
    leg(1000, 50);
    move(30_000, 2000, 10);
    run(0, 40_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1);
    const detected = <u32>lastEventArg(EVENT_MOVE_START, 1) - 1000;
    const onset = <u32>lastEventArg(EVENT_MOVE_START, 2) - 1000;
    expect(detected).toBeGreaterThanOrEqual(30_000);
    expect(detected).toBeLessThanOrEqual(30_100);
    expect(abs(<i32>onset - 30_000)).toBeLessThanOrEqual(100, "estimated onset");
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM);
    expect(abs(lastEventArg(EVENT_MOVE_END, 2) - 2000)).toBeLessThanOrEqual(400, "duration");
    expect(detectorLmCount()).toBe(1);
  });

  it("two bursts 0.3 s apart are one movement", () => {
    leg(1000, 50);
    move(30_000, 800, 10);
    move(31_100, 800, 10);
    run(0, 40_000);
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM);
  });

  it("15 s of continuous movement that returns to rest is LONG", () => {
    leg(1000, 50);
    for (let i = 0; i < 15; i++) move(30_000 + i * 1000, 900, 10);
    run(0, 60_000);
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LONG);
    expect(detectorLmCount()).toBe(0);
  });

  it("turning over is LONG and the next minute is quiet", () => {
    leg(1000, 50);
    move(30_000, 4000, 70, KIND_STEP);
    move(31_000, 1500, 8); // a kick of the leg while turning
    run(0, 110_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1);
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LONG);
    // The new posture is the new rest: an LM from there is seen as usual.
    move(120_000, 2000, 10);
    run(110_000, 130_000);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM);
  });
});

describe("leg movements around a turn", () => {
  it("on a coarse sensor, a turn ends 10 s after the foot came to rest (quantisation does not keep it going)", () => {
    leg(1000, 50);
    lsb_mg = 16;
    noise_gain = 2;
    move(30_000, 4000, 50, KIND_STEP);
    run(0, 60_000);
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LONG);
    // Recognised POSTURE_STILL_MS after the foot settled (34 s), within a second's margin.
    expect(<i32>(<u32>lastEventArg(EVENT_MOVE_END, 1) - 1000)).toBeLessThanOrEqual(45_000, "recognised at");
  });

  it("an LM 3 s after a long turn is its own movement, not part of the turn", () => {
    leg(1000, 50);
    move(30_000, 12_000, 60, KIND_STEP);
    move(45_000, 2000, 10);
    run(0, 80_000);
    expect(classes()).toBe(MOVE_CLASS_LONG * 10 + MOVE_CLASS_LM);
    expect(detectorLmCount()).toBe(1);
    // The LM's onset is announced at once and estimated near its true onset.
    expect(abs(<i32>(<u32>lastEventArg(EVENT_MOVE_START, 2) - 1000) - 45_000)).toBeLessThanOrEqual(150, "LM onset");
    expect(abs(lastEventArg(EVENT_MOVE_END, 2) - 2000)).toBeLessThanOrEqual(400, "LM duration");
  });

  it("an LM 3 s after a short turn of 70° is its own movement too (no LM tilts the foot that far)", () => {
    leg(1000, 50);
    move(30_000, 4000, 70, KIND_STEP);
    move(37_000, 2000, 10);
    run(0, 70_000);
    expect(classes()).toBe(MOVE_CLASS_LONG * 10 + MOVE_CLASS_LM);
    expect(detectorLmCount()).toBe(1);
  });

  it("an LM of 25° held still for 2 s stays one LM (its return is no new movement)", () => {
    leg(1000, 50);
    move(30_000, 4000, 25);
    run(0, 60_000);
    expect(classes()).toBe(MOVE_CLASS_LM);
  });

  it("a long turn with a 0.3 s pause in it stays one LONG", () => {
    leg(1000, 50);
    move(30_000, 11_000, 70, KIND_STEP);
    move(41_300, 3000, 20, KIND_STEP);
    run(0, 80_000);
    expect(classes()).toBe(MOVE_CLASS_LONG);
  });

  it("a small LM that rises slowly is found (its rise does not lift the noise floor over it)", () => {
    leg(1000, 50);
    move(30_000, 600, 1.2, KIND_STEP);
    move(32_000, 300, -1.2, KIND_STEP);
    run(0, 40_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM);
  });
});

describe("periodic series", () => {
  it("4 LMs 20 s apart make a series", () => {
    leg(1000, 50);
    series(20_000, 4, 20_000);
    run(0, 85_000);
    expect(eventCount(EVENT_SERIES)).toBe(1);
    expect(lastEventArg(EVENT_SERIES, 2)).toBe(4);
    expect(abs(lastEventArg(EVENT_SERIES, 3) - 20_000)).toBeLessThanOrEqual(100, "mean interval");
    expect(detectorPlmCount()).toBe(4);
    expect(restless_seen).toBe(RESTLESS_PERIODIC);
    expect(lastEventArg(EVENT_RESTLESS, 2)).toBe(RESTLESS_PERIODIC);
    // The series goes on: each further LM counts.
    series(100_000, 1, 20_000);
    run(85_000, 110_000);
    expect(lastEventArg(EVENT_SERIES, 2)).toBe(5);
    expect(detectorPlmCount()).toBe(5);
    expect(eventCount(EVENT_RESTLESS)).toBe(1, "restlessness is recognised once per series");
  });

  it("3 LMs are no series", () => {
    leg(1000, 50);
    series(20_000, 3, 20_000);
    run(0, 90_000);
    expect(eventCount(EVENT_SERIES)).toBe(0);
    expect(detectorPlmCount()).toBe(0);
    expect(detectorLmCount()).toBe(3);
  });

  it("an interval of 95 s breaks it", () => {
    leg(1000, 50);
    move(20_000, 2000, 12);
    move(40_000, 2000, 12);
    move(60_000, 2000, 12);
    move(155_000, 2000, 12);
    move(175_000, 2000, 12);
    run(0, 190_000);
    expect(detectorLmCount()).toBe(5);
    expect(eventCount(EVENT_SERIES)).toBe(0);
    expect(detectorPlmCount()).toBe(0);
  });

  it("an interval under 10 s breaks it", () => {
    leg(1000, 50);
    series(20_000, 3, 20_000);
    move(68_000, 2000, 12); // 8 s after the third
    move(88_000, 2000, 12);
    run(0, 100_000);
    expect(detectorLmCount()).toBe(5);
    expect(eventCount(EVENT_SERIES)).toBe(0);
  });

  it("turning over in between breaks it", () => {
    leg(1000, 50);
    series(20_000, 2, 25_000);
    move(50_000, 3000, 70, KIND_STEP);
    series(70_000, 2, 25_000);
    run(0, 110_000);
    expect(detectorLmCount()).toBe(4);
    expect(eventCount(EVENT_SERIES)).toBe(0);
  });

  it("a 0.3 s jerk between LMs breaks the series (a non-LM movement in between)", () => {
    leg(1000, 50);
    series(20_000, 2, 20_000);
    move(50_000, 300, 15);
    series(60_000, 2, 20_000);
    run(0, 90_000);
    expect(detectorLmCount()).toBe(4);
    expect(classes()).toBe(1_1_2_1_1);
    expect(eventCount(EVENT_SERIES)).toBe(0);
    expect(detectorPlmCount()).toBe(0);
    // The run starts afresh after the jerk: two more LMs make 4 since it.
    series(100_000, 2, 20_000);
    run(90_000, 130_000);
    expect(eventCount(EVENT_SERIES)).toBe(1);
    expect(detectorPlmCount()).toBe(4);
  });

  it("a fidget-sized 0.2 s movement between LMs breaks it too", () => {
    leg(1000, 50);
    series(20_000, 2, 20_000);
    move(48_000, 200, 6);
    series(60_000, 2, 20_000);
    run(0, 90_000);
    expect(classes()).toBe(1_1_2_1_1);
    expect(eventCount(EVENT_SERIES)).toBe(0);
  });
});

describe("restlessness", () => {
  it("dense irregular LMs and fidgets at rest are an RLS episode", () => {
    leg(1000, 50);
    const at: i32[] = [20_000, 27_000, 39_000, 44_000, 58_000, 63_000, 75_000];
    const len: i32[] = [1500, 300, 2500, 250, 1200, 3000, 400];
    for (let i = 0; i < at.length; i++) move(at[i], len[i], len[i] < 500 ? 5 : 12);
    run(0, 90_000);
    expect(restless_seen).toBe(RESTLESS_DENSE);
    expect(eventCount(EVENT_RESTLESS)).toBe(1);
  });

  it("isolated LMs and jerks are not restlessness", () => {
    leg(1000, 50);
    for (let i = 0; i < 10; i++) move(20_000 + i * 100_000, i % 2 == 0 ? 2000 : 200, 12);
    run(0, 1_030_000);
    expect(restless_seen).toBe(0);
    expect(eventCount(EVENT_RESTLESS)).toBe(0);
  });

  it("rhythmic rubbing (0.5 s bursts at 1.5/s for 12 s) is not restlessness", () => {
    leg(1000, 50);
    for (let k = 0; k < 3; k++) {
      for (let i = 0; i < 18; i++) move(20_000 + k * 40_000 + i * 667, 500, 6);
    }
    run(0, 150_000);
    expect(restless_seen).toBe(0);
  });
});

describe("sensitivity", () => {
  it("a higher SENSITIVITY finds smaller movements, and still nothing in noise", () => {
    const found = new StaticArray<i32>(6);
    for (let s = 1; s <= 5; s += 4) {
      leg(1000, 50, s);
      for (let i = 0; i < 12; i++) move(20_000 + i * 20_000, 2000, 0.4 + 0.2 * <f64>i);
      run(0, 270_000);
      found[s] = detectorLmCount();
      // The same time of noise only.
      forgetCalls();
      run(270_000, 570_000);
      expect(eventCount(EVENT_MOVE_START)).toBe(0, "noise alone");
    }
    expect(found[5]).toBeGreaterThan(found[1]);
    expect(found[1]).toBeGreaterThan(0);
  });
});

describe("the motor's own vibration", () => {
  it("is not taken for movement, and LMs during it are still found", () => {
    leg(1000, 50);
    run(0, 30_000);
    // 60 mg at 101 Hz sampled at 50 Hz: aliased to 1 Hz, right in the band of leg movements.
    motor_mg = 60;
    motor_hz = 101;
    motor_duty = 450;
    forgetCalls();
    run(30_000, 330_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(0, "vibration alone");
    // Dorsiflexions of 20° (≈ 340 mg): four times the vibration.
    series(340_000, 4, 20_000, 20);
    run(330_000, 430_000);
    expect(detectorLmCount()).toBe(4);
    expect(restless_seen).toBe(RESTLESS_PERIODIC);
  });
});

/** Feeds `n` samples of a vibration: a·cos in `u`, a·sin in `v` (unit vectors ×1000), plus `w`·cos(3φ+1) along x. */
function vibrate(n: i32, a: f64, ux: f64, uy: f64, uz: f64, vx: f64, vy: f64, vz: f64, w: f64): void {
  for (let i = 0; i < n; i++) {
    const ph = 2.3 * <f64>i; // an alias that steps 2.3 rad per learnt sample
    const c = a * Math.cos(ph) / 1000;
    const s = a * Math.sin(ph) / 1000;
    const o = w * Math.cos(3 * ph + 1);
    motorAxisLearn(<i32>Math.round(c * ux + s * vx + o), <i32>Math.round(c * uy + s * vy),
      <i32>Math.round(c * uz + s * vz) + noise());
  }
}

describe("the motor's shaft axis", () => {
  it("is learnt as the normal of the vibration's plane", () => {
    motorAxisReset(20);
    expect(motorAxisValid()).toBe(false, "unknown before any vibration");
    // The plane spanned by (0, 0.6, 0.8) and (1, 0, 0): its normal is (0, 0.8, −0.6).
    vibrate(2000, 120, 0, 600, 800, 1000, 0, 0, 0);
    expect(motorAxisValid()).toBe(true);
    expect(motorAxisProject(0, 800, -600)).toBeGreaterThanOrEqual(990, "the normal projects whole");
    expect(motorAxisProject(1000, 0, 0)).toBeLessThanOrEqual(15, "in the plane: nothing");
    expect(motorAxisProject(0, 600, 800)).toBeLessThanOrEqual(15, "in the plane: nothing");
  });

  it("is not trusted when the vibration is not planar", () => {
    motorAxisReset(20);
    // As much off the plane (along x, at three times the frequency) as in it.
    vibrate(2000, 120, 0, 0, 1000, 0, 1000, 0, 120);
    expect(motorAxisValid()).toBe(false);
  });

  it("finds a small LM that the vibration's alias near DC hides, within 250 ms, and ends it when the foot is back", () => {
    leg(1000, 50);
    run(0, 20_000);
    nearDcAlias();
    forgetCalls();
    run(100_000, 160_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(0, "the vibration alone");
    expect(motorAxisValid()).toBe(true, "the shaft axis is known");
    // A 6° dorsiflexion for 2 s: ≈ 105 mg along x, the shaft; the band's floor is ~190 mg.
    move(170_000, 2000, 6);
    run(160_000, 180_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1);
    const detected_ms = <i32>(<u32>lastEventArg(EVENT_MOVE_START, 1) - 1000);
    expect(detected_ms - 170_000).toBeLessThanOrEqual(250, "found within 250 ms of its onset");
    // …and it ends when the foot is back, judged along the shaft axis (the vibration's swing
    // elsewhere would keep it going): an LM of about its true length.
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM);
    expect(abs(lastEventArg(EVENT_MOVE_END, 2) - 2000)).toBeLessThanOrEqual(400, "duration");
    expect(<i32>(<u32>lastEventArg(EVENT_MOVE_END, 1) - 1000) - 172_000).toBeLessThanOrEqual(1000, "ended within 1 s of the foot's return");
  });

  it("under a near-DC alias, a small change of posture is LONG once the foot has been still 10 s, and the next LM is found", () => {
    leg(1000, 50);
    run(0, 20_000);
    nearDcAlias();
    forgetCalls();
    // A 10° change of posture over 2 s: ≈ 175 mg along x, the shaft, for good.
    move(170_000, 2000, 10, KIND_STEP);
    run(100_000, 186_000);
    expect(eventCount(EVENT_MOVE_END)).toBe(1, "one movement, ended by the posture rule");
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LONG);
    // Still from ~172 s: LONG at ~182 s (the vibration's swing alone would keep it going 120 s).
    expect(<i32>(<u32>lastEventArg(EVENT_MOVE_END, 1) - 1000)).toBeLessThanOrEqual(184_000, "settled");
    move(190_000, 2000, 6);
    run(186_000, 200_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(2);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM, "the LM from the new posture");
  });

  it("at a duty whose neighbouring bands were never visited, a 3° LM is found along the axis", () => {
    // The program's duty never leaves its range, so the bands just outside it never learn: their
    // initial floors must not blind the edge of the range (the axis floor starts at 24 mg, which
    // would put the onset threshold at 60 mg; a 3° tilt is ~52 mg along the shaft).
    leg(1000, 50);
    run(0, 20_000);
    motor_plane_yz = true;
    motor_mg = 150;
    motor_hz = 101;
    motor_duty = 450;
    run(20_000, 100_000);
    forgetCalls();
    move(110_000, 2000, 3);
    run(100_000, 120_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM);
  });

});

describe("under the motor, an LM must turn the foot", () => {
  it("with the motor on, a 2 s rotation of gravity by 15° is an LM", () => {
    leg(1000, 50);
    run(0, 10_000);
    runMotor(10_000, 70_000);
    forgetCalls();
    move(80_000, 2000, 15);
    run(70_000, 90_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1);
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM);
    expect(abs(lastEventArg(EVENT_MOVE_END, 2) - 2000)).toBeLessThanOrEqual(400, "duration");
    expect(detectorLmCount()).toBe(1);
  });

  it("with the motor on, a 2 s oscillation of the same size along a fixed axis (norm changing) is not an LM", () => {
    leg(1000, 50);
    run(0, 10_000);
    runMotor(10_000, 70_000);
    forgetCalls();
    // 260 mg at 2 Hz along the resting gravity: the L1 size of a 15° turn, but the norm swings.
    shake(80_000, 2000, 260, 2);
    run(70_000, 90_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1, "it is seen as a movement");
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    // Long enough for an LM by duration, but closed as an artefact: SHORT, and no LM counted.
    expect(lastEventArg(EVENT_MOVE_END, 2)).toBeGreaterThanOrEqual(LM_MIN_MS, "duration of an LM");
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_SHORT);
    expect(detectorLmCount()).toBe(0);
  });

  it("the same oscillation with the motor off is an LM (the rule applies under the motor only)", () => {
    leg(1000, 50);
    shake(80_000, 2000, 260, 2);
    run(0, 90_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1);
    expect(eventCount(EVENT_MOVE_END)).toBe(1);
    expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_LM);
    expect(abs(lastEventArg(EVENT_MOVE_END, 2) - 2000)).toBeLessThanOrEqual(400, "duration");
    expect(detectorLmCount()).toBe(1);
  });

  it("within 1 s after the motor stopped the rule still applies; 2 s after, it doesn't", () => {
    // A motor aliased to 10 Hz: its stop leaves no step of its own in the rest level (a 1 Hz
    // alias stopped at full amplitude does, and opens a movement of its own: not this rule).
    const starts: i32[] = [800, 2000];
    const lms = new StaticArray<i32>(2);
    const shorts = new StaticArray<i32>(2);
    for (let k = 0; k < 2; k++) {
      leg(1000, 50);
      run(0, 10_000);
      runMotor(10_000, 70_000, 110);
      motor(false);
      shake(70_000 + starts[k], 2000, 260, 2);
      // The stop itself: the short average's window still holds vibration for 80 ms, a blip
      // that closes SHORT (0 ms) by 70.54 s. Only what follows is the shake.
      run(70_000, 70_700);
      forgetCalls();
      run(70_700, 90_000);
      expect(eventCount(EVENT_MOVE_START)).toBe(1);
      expect(eventCount(EVENT_MOVE_END)).toBe(1);
      lms[k] = detectorLmCount();
      shorts[k] = endsOfClass(MOVE_CLASS_SHORT);
    }
    expect(lms[0]).toBe(0, "0.8 s after the motor: not an LM");
    expect(shorts[0]).toBe(1, "0.8 s after the motor: closed as SHORT");
    expect(lms[1]).toBe(1, "2 s after the motor: an LM");
    expect(shorts[1]).toBe(0, "2 s after the motor: no SHORT");
  });
});

describe("dense restlessness", () => {
  it("5 bouts with 2 LMs in 90 s make RESTLESS dense (at SENSITIVITY 3 from the 4th: 4 bouts in 100 s)", () => {
    leg(1000, 50);
    const end = boutsOf("LffLf");
    run(0, 50_000); // the first 3 bouts
    expect(eventCount(EVENT_RESTLESS)).toBe(0, "3 bouts are not enough");
    run(50_000, end + 10_000);
    expect(endsOfClass(MOVE_CLASS_LM)).toBe(2);
    expect(endsOfClass(MOVE_CLASS_SHORT)).toBe(3);
    expect(eventCount(EVENT_RESTLESS)).toBe(1, "once: the record starts afresh");
    expect(restlessOf(RESTLESS_DENSE)).toBe(1);
    expect(restless_seen).toBe(RESTLESS_DENSE);
    // Recognised at the end of the 4th bout (the 2nd LM, onset 56 s, 2 s long), not before.
    const at = <i32>(<u32>lastEventArg(EVENT_RESTLESS, 1) - 1000);
    expect(at).toBeGreaterThanOrEqual(58_000);
    expect(at).toBeLessThanOrEqual(59_500);
  });

  it("5 bouts with 1 LM do not (at sensitivity 3)", () => {
    leg(1000, 50);
    const end = boutsOf("Lffff");
    run(0, end + 10_000);
    expect(endsOfClass(MOVE_CLASS_LM)).toBe(1);
    expect(endsOfClass(MOVE_CLASS_SHORT)).toBe(4);
    expect(eventCount(EVENT_RESTLESS)).toBe(0);
    expect(restless_seen).toBe(0);
  });

  it("a rubbing train of 12 bursts is not restlessness", () => {
    // An LM, a fidget, then a train or a single fidget, then an LM: 4 bouts with 2 LMs (an
    // episode at SENSITIVITY 3) only if the train counted as a bout.
    for (let k = 0; k < 2; k++) {
      leg(1000, 50);
      move(20_000, 2000, 12);
      move(32_000, 300, 5);
      // The train: 12 bursts of 0.3 s at 1/s, each its own SHORT movement, all in one bout.
      if (k == 0) for (let i = 0; i < 12; i++) move(44_000 + i * 1000, 300, 6);
      else move(44_000, 300, 6);
      move(66_000, 2000, 12);
      run(0, 80_000);
      expect(endsOfClass(MOVE_CLASS_LM)).toBe(2);
      if (k == 0) {
        expect(endsOfClass(MOVE_CLASS_SHORT)).toBe(13, "each burst is a movement");
        expect(eventCount(EVENT_RESTLESS)).toBe(0, "with the train");
        expect(restless_seen).toBe(0);
      } else {
        expect(endsOfClass(MOVE_CLASS_SHORT)).toBe(2);
        expect(restlessOf(RESTLESS_DENSE)).toBe(1, "with a single fidget instead");
      }
    }
  });

  it("at SENSITIVITY 5, 3 bouts with 1 LM are an episode (at 3 they are not)", () => {
    const fired = new StaticArray<i32>(6);
    for (let s = 3; s <= 5; s += 2) {
      leg(1000, 50, s);
      const end = boutsOf("Lff");
      run(0, end + 10_000);
      expect(endsOfClass(MOVE_CLASS_LM)).toBe(1);
      expect(endsOfClass(MOVE_CLASS_SHORT)).toBe(2);
      fired[s] = restlessOf(RESTLESS_DENSE);
    }
    expect(fired[3]).toBe(0);
    expect(fired[5]).toBe(1);
  });

  it("at SENSITIVITY 1, 5 bouts with 2 LMs are not an episode; 6 bouts with 3 LMs are", () => {
    leg(1000, 50, 1);
    let end = boutsOf("LffLf");
    run(0, end + 10_000);
    expect(endsOfClass(MOVE_CLASS_LM)).toBe(2);
    expect(eventCount(EVENT_RESTLESS)).toBe(0, "5 bouts, 2 LMs");
    leg(1000, 50, 1);
    end = boutsOf("LfLfLf");
    run(0, end + 10_000);
    expect(endsOfClass(MOVE_CLASS_LM)).toBe(3);
    expect(eventCount(EVENT_RESTLESS)).toBe(1, "6 bouts, 3 LMs");
    expect(restlessOf(RESTLESS_DENSE)).toBe(1);
  });
});

describe("sample rates and the clock", () => {
  it("25, 50 and 100 Hz see the same movements", () => {
    const seen = new StaticArray<i64>(3);
    const rates: i32[] = [25, 50, 100];
    for (let k = 0; k < 3; k++) {
      leg(1000, rates[k]);
      move(20_000, 250, 15);
      series(30_000, 4, 20_000);
      move(120_000, 4000, 70, KIND_STEP);
      run(0, 150_000);
      seen[k] = classes();
      expect(detectorPlmCount()).toBe(4);
    }
    expect(seen[0]).toBe(2_1111_3);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
  });

  it("a night started just before 2^32 ms behaves identically", () => {
    const prints = new StaticArray<i64>(2);
    const starts: u32[] = [1000, <u32>0xFFFF_0000];
    for (let k = 0; k < 2; k++) {
      leg(starts[k], 50);
      move(20_000, 250, 15);
      series(30_000, 5, 20_000);
      move(135_000, 4000, 70, KIND_STEP);
      run(0, 160_000);
      prints[k] = fingerprint();
      expect(detectorPlmCount()).toBe(5);
    }
    expect(prints[1]).toBe(prints[0]);
  });
});

/**
 * A fidget (`len_ms`, `deg`) under a weak vibration: `mg` at 110 Hz (aliased to 10 Hz), the duty
 * visiting the bands around 450 ‰. It must be one SHORT movement.
 */
function fidgetUnderWeakVibration(mg: f64, len_ms: i32, deg: f64): void {
  leg(1000, 50);
  run(0, 10_000);
  runMotor(10_000, 70_000, 110, mg);
  forgetCalls();
  move(80_000, len_ms, deg);
  run(70_000, 90_000);
  expect(eventCount(EVENT_MOVE_START)).toBe(1);
  expect(lastEventArg(EVENT_MOVE_END, 3)).toBe(MOVE_CLASS_SHORT);
  expect(lastEventArg(EVENT_MOVE_END, 2)).toBeLessThan(LM_MIN_MS, "duration");
}

describe("the motor's soft start and short movements under it", () => {
  it("a fidget while the duty climbs into bands never visited is found (a new band starts from the last one's floor)", () => {
    leg(1000, 50);
    run(0, 20_000);
    // A soft start: 20 mg at 110 Hz (aliased to 10 Hz), the duty one band higher every second.
    motor_mg = 20;
    motor_hz = 110;
    for (let i = 0; i < 10; i++) {
      motor_duty = 300 + 16 * i;
      run(20_000 + i * 1000, 21_000 + i * 1000);
    }
    expect(eventCount(EVENT_MOVE_START)).toBe(0, "the climbing vibration alone");
    // 0.2 s into a band never seen (its initial floor, 150 mg, would hide a 5° fidget ≈ 87 mg).
    motor_duty = 460;
    move(30_200, 300, 5);
    run(30_000, 31_000);
    motor_duty = 476;
    run(31_000, 32_000);
    expect(eventCount(EVENT_MOVE_START)).toBe(1);
    expect(<i32>(<u32>lastEventArg(EVENT_MOVE_START, 2) - 1000) - 30_200).toBeLessThanOrEqual(100, "onset estimate");
    expect(eventCount(EVENT_MOVE_END)).toBe(1, "and it ends");
  });

  it("under a weak vibration, a 0.4 s fidget is SHORT (the slow low-pass's tail after it is no held part)", () => {
    fidgetUnderWeakVibration(8, 400, 5);
  });

  it("under a weak vibration, a 0.3 s fidget of 8° is SHORT too (a tail near the vibration's noise is no held part)", () => {
    fidgetUnderWeakVibration(14, 300, 8);
  });
});

/** The detector's stages up to the evidence (index.ts's order), at 50 Hz: for the rest level's own rules. */
function stagesReset(): void {
  motorReset(20);
  smoothingReset(20);
  baselineReset(20);
  floorsReset(20);
  motorAxisReset(20);
  evidenceReset(20, 3);
}

function stagesSample(x: i32, y: i32, z: i32, duty: i32): void {
  motorUpdate(duty);
  const motor_on = motorBand() >= 0;
  if (!smoothingPrimed()) {
    smoothingPrime(x, y, z);
    baselinePrime(x, y, z);
  }
  smoothingUpdate(x, y, z, motor_on);
  baselineUpdate(motor_on);
  evidenceSample(motorBand());
}

describe("a new rest level under the motor", () => {
  it("is where the foot lies, not where the vibration's swing was at that moment", () => {
    // The foot at (0, 0, 1000) mg; 150 mg at a 2 Hz alias swinging along x. The rest level is
    // moved (a change of posture) at 10 phases of the swing; then the vibration stops and the
    // activity is how far the rest level is from the foot.
    let worst = 0;
    for (let k = 0; k < 10; k++) {
      stagesReset();
      for (let i = 0; i < 250 + k * 5; i++) {
        stagesSample(<i32>Math.round(150 * Math.sin(2 * Math.PI * 2 * <f64>(i * 20) / 1000)), 0, 1000, 450);
      }
      rebaseToPosture();
      for (let i = 0; i < 8; i++) stagesSample(0, 0, 1000, 450);
      worst = max(worst, baselineActivity() >> 8);
    }
    // The swing passes the averages at ~0.84 of its size (≈ 125 mg); the slow low-pass at ~0.2.
    expect(worst).toBeLessThan(60, "mg");
  });

  it("follows a step four times slower than with the motor off (a swing at rest moves it less)", () => {
    // The foot steps 100 mg along x and stays; 1.28 s (the rest level's time constant) later,
    // how much of the step is still activity, with the motor off and under the motor.
    const left = new StaticArray<i32>(2);
    for (let m = 0; m < 2; m++) {
      stagesReset();
      for (let i = 0; i < 100; i++) stagesSample(0, 0, 1000, m * 450);
      for (let i = 0; i < 64; i++) {
        stagesSample(100, 0, 1000, m * 450);
        if (m == 0) learnQuietRest(false);
        else learnMotorRest();
      }
      left[m] = baselineActivity() >> 8;
    }
    expect(left[0]).toBeLessThan(45, "motor off: about 1/e of the step left");
    expect(left[1]).toBeGreaterThan(75, "under the motor: most of it");
  });
});
