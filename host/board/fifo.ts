// The accelerometer's FIFO as the board sees it: samples collect until a batch is full, then the
// board hands them over with one fw_accel_batch, stamped with the time of the last sample.
// A batch is evenly spaced by definition (fw_accel_batch knows only the last sample's time and
// SAMPLE_HZ), so whatever breaks the stream of samples hands over what waits first.

import type { Board } from "./board.js";

export class SampleFifo {
  private readonly xyz_mg: Float64Array;
  /** Samples waiting. */
  count = 0;
  /** Board clock (u32 ms) of the last sample waiting. */
  lastClock_ms = 0;

  /** `batch`: samples per fw_accel_batch, at most the firmware's FIFO capacity. */
  constructor(readonly batch: number) {
    this.xyz_mg = new Float64Array(Math.max(batch, 1) * 3);
  }

  /** Queues one sample taken at board clock `clock_ms`; hands the batch over when it is full. */
  push(board: Board, clock_ms: number, x_mg: number, y_mg: number, z_mg: number): void {
    const i = this.count * 3;
    this.xyz_mg[i] = x_mg;
    this.xyz_mg[i + 1] = y_mg;
    this.xyz_mg[i + 2] = z_mg;
    this.lastClock_ms = clock_ms;
    if (++this.count === this.batch) this.handOver(board);
  }

  /** Hands over what waits (values are saturated to i16 on the way, as a sensor register would be). */
  handOver(board: Board): void {
    if (this.count === 0) return;
    board.accelBatch(this.lastClock_ms, this.xyz_mg, this.count);
    this.count = 0;
  }
}
