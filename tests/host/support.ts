// Small, deterministic stand-ins for the tests: a leg lying still (gravity plus sensor noise),
// optionally with scripted movements, and a seeded random source.

import type { SampleSource } from "../../host/simulate.js";

/** A mulberry32 generator: values in [0, 1), the same sequence for the same seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
