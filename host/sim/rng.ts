// Seeded pseudo-random numbers for the simulated nights: the same seed gives the same night, bit
// for bit, on every machine. sfc32 (a small, fast chaotic generator: 128 bits of state, passes
// PractRand to multiple TB) seeded through splitmix32, plus the few distributions the night
// model uses. No Math.random anywhere in the simulation.

/** splitmix32 step: spreads a small integer seed over 32 well-mixed bits. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Second normal deviate of the last Box–Muller pair, or NaN. */
  private spare = NaN;

  /** `seed` any integer; `stream` separates independent sequences drawn from one seed. */
  constructor(seed: number, stream = 0) {
    const st = { s: (seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer uniform in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal deviate (Box–Muller, both deviates used). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.next();
    if (u < 1e-300) u = 1e-300;
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and geometric standard deviation, clipped to [lo, hi]. */
  logNormal(median: number, gsd: number, lo: number, hi: number): number {
    for (let i = 0; i < 20; i++) {
      const x = median * Math.exp(Math.log(gsd) * this.normal());
      if (x >= lo && x <= hi) return x;
    }
    return Math.min(hi, Math.max(lo, median));
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A uniformly distributed unit vector in 3-D. */
  unitVector(): [number, number, number] {
    const z = this.uniform(-1, 1);
    const phi = this.uniform(0, 2 * Math.PI);
    const r = Math.sqrt(1 - z * z);
    return [r * Math.cos(phi), r * Math.sin(phi), z];
  }
}

/** Values in [0, 1), the same sequence for the same seed: a seeded stand-in for Math.random. */
export function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}
