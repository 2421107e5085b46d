// The bedside button as a real <button>: a person's click, hold or double click (mouse, touch,
// Space or Enter) told apart in real time, then handed to the night as the device's gesture
// (a short, long or double press on the simulated, bouncing contact). The firmware decides what
// the press means; the page only says how the person pressed, whatever the night's speed.

import type { Gesture } from "../liveNight.js";

/** Held this long (real time), a press is a long press, answered while still held. */
const HOLD_MS = 1000;
/** A second click within this time (real time) after the first makes a double click. */
const DOUBLE_MS = 400;

export class BedsideButton {
  private downAt: number | null = null;
  private holdTimer: number | undefined;
  private singleTimer: number | undefined;
  /** This press has been answered (a long press while held, or the second click of a double). */
  private consumed = false;
  private pendingDouble = false;

  constructor(private readonly button: HTMLButtonElement, private readonly onGesture: (g: Gesture) => void) {
    button.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      button.setPointerCapture(e.pointerId);
      this.down();
    });
    button.addEventListener("pointerup", () => this.up());
    button.addEventListener("pointercancel", () => this.cancel());
    button.addEventListener("keydown", (e) => {
      if (e.key !== " " && e.key !== "Enter") return;
      e.preventDefault();
      if (!e.repeat) this.down();
    });
    button.addEventListener("keyup", (e) => {
      if (e.key !== " " && e.key !== "Enter") return;
      e.preventDefault();
      this.up();
    });
    // A click with no pointer or key behind it (assistive technology, element.click()): a short press.
    button.addEventListener("click", (e) => {
      if (e.detail === 0 && this.downAt === null && this.singleTimer === undefined) this.onGesture("short");
    });
  }

  private down(): void {
    if (this.downAt !== null) return;
    this.downAt = performance.now();
    this.consumed = false;
    this.button.classList.add("down");
    if (this.singleTimer !== undefined) {
      // The second click of a double: the double is answered on its release.
      window.clearTimeout(this.singleTimer);
      this.singleTimer = undefined;
      this.consumed = true;
      this.pendingDouble = true;
      return;
    }
    this.holdTimer = window.setTimeout(() => {
      this.holdTimer = undefined;
      this.consumed = true;
      this.onGesture("long");
    }, HOLD_MS);
  }

  private up(): void {
    if (this.downAt === null) return;
    this.downAt = null;
    this.button.classList.remove("down");
    window.clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    if (this.pendingDouble) {
      this.pendingDouble = false;
      this.onGesture("double");
      return;
    }
    if (this.consumed) return;
    this.singleTimer = window.setTimeout(() => {
      this.singleTimer = undefined;
      this.onGesture("short");
    }, DOUBLE_MS);
  }

  private cancel(): void {
    this.downAt = null;
    this.button.classList.remove("down");
    window.clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
  }
}
