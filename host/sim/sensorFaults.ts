// The leg sensor with its failures: unplugged (its connector came loose: the board gets no samples
// at all) or frozen (a hung sensor whose output register holds its last value). Wraps any sensor
// model (leg.ts, a still leg); without a fault it passes every reading through unchanged, so a
// night without faults is the night of the sensor alone. A fault can be set and repaired at any
// time (a page injects them while the night runs).
//
// The leg goes on moving whatever the sensor does: the model behind is sampled on every call, so
// what the sensor shows after a repair is the leg as it is by then.

/** What can go wrong with the accelerometer. */
export type AccelerometerFault =
  /** No samples: the board's FIFO stays empty (a dropout for as long as it lasts). */
  | "unplugged"
  /** The same reading, bit for bit, from the moment it froze. */
  | "frozen";

/** A sensor model: one measured sample per call (mg), null for a dropout; offsets increase. */
export interface SensorModel {
  sample(offset_ms: number, motor_permille: number): ArrayLike<number> | null;
}

export class FaultableSensor implements SensorModel {
  /** The fault in effect (null: the sensor works). */
  fault: AccelerometerFault | null = null;
  /** A fault (or repair) set for samples from `from_ms` on. */
  private next: { fault: AccelerometerFault | null; from_ms: number } | null = null;
  /** The last reading passed on (the value a frozen register holds); null before the first. */
  private last: [number, number, number] | null = null;

  constructor(private readonly sensor: SensorModel) {}

  /** Injects a fault from the sample at `from_ms` on (default: the next); null repairs the sensor. */
  setFault(fault: AccelerometerFault | null, from_ms = -Infinity): void {
    this.next = { fault, from_ms };
  }

  sample(offset_ms: number, motor_permille: number): ArrayLike<number> | null {
    const reading = this.sensor.sample(offset_ms, motor_permille);
    if (this.next !== null && offset_ms >= this.next.from_ms) {
      this.fault = this.next.fault;
      this.next = null;
    }
    if (this.fault === "unplugged") return null;
    if (this.fault === "frozen" && this.last !== null) return this.last;
    if (reading === null) return null;
    if (this.last === null) this.last = [0, 0, 0];
    this.last[0] = reading[0];
    this.last[1] = reading[1];
    this.last[2] = reading[2];
    return reading;
  }
}
