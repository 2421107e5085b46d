// The most recent samples as the board handed them to the firmware, for the live charts: night
// time, the three axes (mg), and the motor duty, heater duty and pad temperature at that moment.
// A ring of fixed capacity (the longest chart window at the highest rate), so a night of any
// length runs in bounded memory; `window` reads a stretch back, thinned to at most `points`
// buckets by keeping each bucket's lowest and highest value (a spike never disappears).
// Platform-neutral: no DOM.

export const COLUMNS = ["x_mg", "y_mg", "z_mg", "vibration_permille", "heater_permille", "pad_cdeg"] as const;
export type Column = (typeof COLUMNS)[number];

export class SampleLog {
  readonly capacity: number;
  private readonly t: Float64Array;
  private readonly columns: Float32Array[];
  /** Samples written since the start (the ring holds the last `capacity` of them). */
  count = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.t = new Float64Array(capacity);
    this.columns = COLUMNS.map(() => new Float32Array(capacity));
  }

  push(t_ms: number, x: number, y: number, z: number, vibration: number, heater: number, pad_cdeg: number): void {
    const i = this.count % this.capacity;
    this.t[i] = t_ms;
    const c = this.columns;
    c[0][i] = x;
    c[1][i] = y;
    c[2][i] = z;
    c[3][i] = vibration;
    c[4][i] = heater;
    c[5][i] = pad_cdeg;
    this.count++;
  }

  /** Night time of the oldest sample still held, ms (NaN when empty). */
  get first_ms(): number {
    return this.count === 0 ? NaN : this.t[Math.max(0, this.count - this.capacity) % this.capacity];
  }

  /** Index (in write order) of the first held sample at or after `t_ms`. */
  private seek(t_ms: number): number {
    let lo = Math.max(0, this.count - this.capacity);
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t[mid % this.capacity] < t_ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The samples in [from_ms, to_ms) as uPlot-style columns (time in s, then one array per column;
   * null where a value is unknown), thinned to at most `points` buckets of min and max each.
   */
  window(from_ms: number, to_ms: number, points: number): { t_s: number[]; values: (number | null)[][] } {
    const a = this.seek(from_ms);
    const b = this.seek(to_ms);
    const n = b - a;
    const t_s: number[] = [];
    const values: (number | null)[][] = COLUMNS.map(() => []);
    if (n <= 0) return { t_s, values };
    const cap = this.capacity;
    if (n <= 2 * points) {
      for (let k = a; k < b; k++) {
        const i = k % cap;
        t_s.push(this.t[i] / 1000);
        for (let c = 0; c < COLUMNS.length; c++) {
          const v = this.columns[c][i];
          values[c].push(Number.isNaN(v) ? null : v);
        }
      }
      return { t_s, values };
    }
    const per = n / points;
    for (let p = 0; p < points; p++) {
      const k0 = a + Math.floor(p * per);
      const k1 = a + Math.floor((p + 1) * per);
      if (k1 <= k0) continue;
      // Two points per bucket, at its first and last time: the lowest and the highest of each column.
      t_s.push(this.t[k0 % cap] / 1000, this.t[(k1 - 1) % cap] / 1000);
      for (let c = 0; c < COLUMNS.length; c++) {
        const col = this.columns[c];
        let lo = Infinity;
        let hi = -Infinity;
        for (let k = k0; k < k1; k++) {
          const v = col[k % cap];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        // NaN (no pad reading yet) compares false everywhere: a bucket of only NaN is a gap.
        if (lo === Infinity) values[c].push(null, null);
        else values[c].push(lo, hi);
      }
    }
    return { t_s, values };
  }
}
