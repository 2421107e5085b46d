import { GESTURE_DOUBLE, GESTURE_LONG, GESTURE_SHORT } from "../../assembly/abi";
import { buttonInput, buttonPoll, buttonReset } from "../../assembly/button";

/** Feeds a level, then polls every 10 ms up to `until_ms`; returns the first gesture seen (or 0). */
function holdUntil(from_ms: u32, until_ms: u32): i32 {
  for (let t = from_ms; t <= until_ms; t += 10) {
    const g = buttonPoll(t);
    if (g != 0) return g;
  }
  return 0;
}

describe("bedside button", () => {
  beforeEach(() => { buttonReset(0); });

  it("a clean 200 ms press is one short press, after the double-press window", () => {
    expect(buttonInput(1000, 1)).toBe(0);
    expect(holdUntil(1000, 1190)).toBe(0);
    expect(buttonInput(1200, 0)).toBe(0);
    expect(holdUntil(1200, 1590)).toBe(0, "still inside the double window");
    expect(holdUntil(1600, 1700)).toBe(GESTURE_SHORT);
    expect(holdUntil(1700, 3000)).toBe(0, "reported once");
  });

  it("20 ms of contact bounce on press and release makes one short press", () => {
    let gestures = 0;
    for (let t: u32 = 1000; t < 1020; t += 2) if (buttonInput(t, (t / 2) % 2 == 0 ? 1 : 0) != 0) gestures++;
    buttonInput(1020, 1);
    for (let t: u32 = 1020; t < 1300; t += 10) if (buttonPoll(t) != 0) gestures++;
    for (let t: u32 = 1300; t < 1320; t += 2) if (buttonInput(t, (t / 2) % 2 == 0 ? 0 : 1) != 0) gestures++;
    buttonInput(1320, 0);
    let shorts = 0;
    for (let t: u32 = 1320; t < 3000; t += 10) {
      const g = buttonPoll(t);
      if (g == GESTURE_SHORT) shorts++;
      else if (g != 0) gestures++;
    }
    expect(shorts).toBe(1);
    expect(gestures).toBe(0);
  });

  it("a glitch shorter than the debounce time is no press", () => {
    buttonInput(1000, 1);
    buttonInput(1015, 0);
    expect(holdUntil(1015, 3000)).toBe(0);
  });

  it("holding for 1 s is a long press, reported while held, and its release adds nothing", () => {
    buttonInput(1000, 1);
    expect(holdUntil(1000, 1990)).toBe(0);
    expect(buttonPoll(2000)).toBe(GESTURE_LONG);
    buttonInput(2500, 0);
    expect(holdUntil(2500, 4000)).toBe(0);
  });

  it("two presses 200 ms apart are one double press and no short press", () => {
    buttonInput(1000, 1);
    holdUntil(1000, 1100);
    buttonInput(1100, 0);
    holdUntil(1100, 1290);
    buttonInput(1300, 1);
    expect(holdUntil(1300, 1400)).toBe(GESTURE_DOUBLE);
    buttonInput(1400, 0);
    expect(holdUntil(1400, 3000)).toBe(0);
  });

  it("a press after the window closed is a new press, not a double", () => {
    buttonInput(1000, 1);
    holdUntil(1000, 1100);
    buttonInput(1100, 0);
    holdUntil(1100, 1200);
    // No poll in the window's last moments: the next call is the next press, 450 ms after release.
    expect(buttonInput(1550, 1)).toBe(GESTURE_SHORT, "the window had closed: the first press was short");
    expect(holdUntil(1560, 2540)).toBe(0, "the new press is no double");
    expect(buttonPoll(2550)).toBe(GESTURE_LONG);
  });

  it("a press whose release arrives before any tick still counts (edges are timed, not polled)", () => {
    expect(buttonInput(1000, 1)).toBe(0);
    expect(buttonInput(1080, 0)).toBe(0, "80 ms held: accepted as a press on the release edge");
    expect(holdUntil(1090, 1470)).toBe(0);
    expect(holdUntil(1480, 1600)).toBe(GESTURE_SHORT);
  });

  it("behaves the same across the u32 clock wrap", () => {
    const t0: u32 = <u32>0xFFFFFF00;
    buttonReset(t0);
    buttonInput(t0, 1);
    expect(holdUntil(t0, t0 + 990)).toBe(0);
    expect(buttonPoll(t0 + 1000)).toBe(GESTURE_LONG);
  });
});
