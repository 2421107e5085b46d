// Small, deterministic stand-ins for the tests: a leg lying still (gravity plus sensor noise),
// optionally with scripted movements, and a seeded random source.

import { Rng } from "../../host/sim/rng.js";
import type { SampleSource } from "../../host/board/simulatedNight.js";

/** Values in [0, 1), the same sequence for the same seed (the simulator's own generator). */
export function random(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/** A movement of the foot: from `at_ms` for `duration_ms`, swinging by `amplitude_mg`. */
export interface Kick {
  at_ms: number;
  duration_ms: number;
  amplitude_mg: number;
}

/** A foot at rest (gravity on z), ±3 mg noise, with optional kicks as 2 Hz swings on x and y. */
export class StillLeg implements SampleSource {
  private readonly rand: () => number;
  private readonly out = [0, 0, 0];
  constructor(private readonly kicks: Kick[] = [], seed = 1) {
    this.rand = random(seed);
  }
  sample(offset_ms: number): number[] {
    const noise = () => Math.round((this.rand() - 0.5) * 6);
    let swing = 0;
    for (const k of this.kicks) {
      if (offset_ms >= k.at_ms && offset_ms < k.at_ms + k.duration_ms) {
        swing = k.amplitude_mg * Math.sin((2 * Math.PI * (offset_ms - k.at_ms)) / 500);
      }
    }
    this.out[0] = Math.round(swing) + noise();
    this.out[1] = Math.round(swing / 2) + noise();
    this.out[2] = 1000 + noise();
    return this.out;
  }
}

/** Writes a CSV recording of `seconds` of `leg` at `sample_hz`, starting at board clock `t0_ms`. */
export function csvRecording(leg: SampleSource, seconds: number, options: { sample_hz?: number; t0_ms?: number; presses?: number[] } = {}): string {
  const hz = options.sample_hz ?? 50;
  const t0 = options.t0_ms ?? 0;
  const lines = ["t_ms,ax_mg,ay_mg,az_mg,button"];
  for (let i = 0; i < seconds * hz; i++) {
    const offset = (i * 1000) / hz;
    const [x, y, z] = Array.from(leg.sample(offset, 0));
    const pressed = (options.presses ?? []).some((p) => offset >= p && offset < p + 200) ? 1 : 0;
    lines.push(`${(t0 + offset) >>> 0},${x},${y},${z},${pressed}`);
  }
  return lines.join("\n") + "\n";
}
