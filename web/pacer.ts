// The page's clock: each animation frame the night runs on by the real time that passed times the
// speed ("max": as much as fits in the frame's compute budget), in slices small enough that the
// page never stops drawing. Platform-neutral: the caller gives the frame times.

import type { SliceEnd } from "../host/board/driver.js";
import type { LiveRun } from "./liveNight.js";
import type { Speed } from "./settings.js";

/** Compute time the night may take per frame, ms (a 60 Hz frame is 16.7 ms; the rest is for drawing). */
const FRAME_BUDGET_MS = 10;
/** Night time run per slice between two looks at the budget, ms. */
const SLICE_MS = 5_000;
/** A frame later than this after the last (a hidden tab) counts as this long. */
const LONGEST_FRAME_MS = 100;

export class Pacer {
  playing = false;
  /** Night time the clock has reached (the run may lag behind it when the machine is too slow), ms. */
  private target_ms = 0;
  private last_ms: number | null = null;
  /** Real time the night has been playing, ms (frame to frame, a hidden tab's gap counted short). */
  played_ms = 0;
  /** Real time from the first frame played to the frame the night ended, ms (NaN until then). */
  wall_ms = NaN;
  private firstFrame_ms: number | null = null;

  constructor(public run: LiveRun, public speed: Speed, private readonly now: () => number) {}

  play(playing: boolean): void {
    this.playing = playing && !this.run.ended;
    this.last_ms = null;
    this.target_ms = this.run.night_ms;
  }

  /** Runs the night's next `ms` (the Step button). */
  step(ms: number): SliceEnd {
    this.playing = false;
    const end = this.run.runUntil(this.run.night_ms + ms);
    this.target_ms = this.run.night_ms;
    return end;
  }

  /** One animation frame at real time `t_ms`; returns how the night's slice ended (null when paused). */
  frame(t_ms: number): SliceEnd | null {
    if (!this.playing) return null;
    this.firstFrame_ms ??= t_ms;
    const dt = this.last_ms === null ? 0 : Math.min(t_ms - this.last_ms, LONGEST_FRAME_MS);
    this.last_ms = t_ms;
    this.played_ms += dt;
    const started = this.now();
    let end: SliceEnd = "reached";
    if (this.speed === "max" && this.run.streaming) {
      end = this.run.runUntil(Infinity);
    } else if (this.speed === "max") {
      do end = this.run.runUntil(this.run.night_ms + SLICE_MS);
      while (end === "reached" && this.now() - started < FRAME_BUDGET_MS);
    } else {
      // Never more than a frame's worth ahead of the run: a slow machine slows the night down.
      this.target_ms = Math.min(this.target_ms + dt * Number(this.speed), this.run.night_ms + LONGEST_FRAME_MS * Number(this.speed));
      while (this.run.night_ms < Math.floor(this.target_ms)) {
        end = this.run.runUntil(Math.min(Math.floor(this.target_ms), this.run.night_ms + SLICE_MS));
        if (end !== "reached" || this.now() - started >= FRAME_BUDGET_MS) break;
      }
    }
    if (end === "ended") {
      this.playing = false;
      this.wall_ms = this.now() - this.firstFrame_ms;
    }
    return end;
  }
}
