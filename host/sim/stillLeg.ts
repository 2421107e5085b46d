// A leg lying still, for fault nights and the soak: gravity on z and a little sensor noise, no
// movement model (host/sim/leg.ts is the real one).

import { seeded } from "./rng.js";

/** Readings of a still leg: gravity on z and ±`noise_mg`/2 of noise on each axis (a reused array). */
export function stillLeg(seed = 1, noise_mg = 6): (offset_ms: number, motor_permille: number) => number[] {
  const rand = seeded(seed);
  const out = [0, 0, 1000];
  return () => {
    out[0] = Math.round((rand() - 0.5) * noise_mg);
    out[1] = Math.round((rand() - 0.5) * noise_mg);
    out[2] = 1000 + Math.round((rand() - 0.5) * noise_mg);
    return out;
  };
}
