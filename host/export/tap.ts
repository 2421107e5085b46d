// What a board gave its firmware, kept as a recording: a Board that notes every sample (fw_accel,
// or each sample of a fw_accel_batch at the time the batch implies), thermistor reading and button
// level before passing the call on. So a simulated night's sensor streams are exactly what the
// firmware received (quantised by the sensor model, saturated to i16 in a FIFO batch as a sensor
// register is), on the board clock. Platform-neutral: the files are written by writeRecording.ts.

import { Board, type BoardOptions } from "../board/board.js";

/** A growing column of whole numbers (i32), without a number[]'s 8 bytes per value. */
class Column {
  data = new Int32Array(1 << 12);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i];
  }
}

/** The inputs of a night as the firmware received them; times are board clock (u32 ms). */
export class InputStreams {
  readonly sample_t = new Column();
  readonly x = new Column();
  readonly y = new Column();
  readonly z = new Column();
  readonly temp_t = new Column();
  readonly temp_cdeg = new Column();
  readonly button_t = new Column();
  readonly button_level = new Column();
  get samples(): number { return this.sample_t.length; }
}

const i16 = (v: number) => Math.max(-32768, Math.min(32767, v)) | 0;

export class TapBoard extends Board {
  readonly streams = new InputStreams();

  /** `sample_hz`: the night's rate, to place the samples of a batch (evenly spaced, the last at `now`). */
  constructor(module: WebAssembly.Module, private readonly sample_hz: number, options: BoardOptions = {}) {
    super(module, options);
  }

  override accel(now_ms: number, x: number, y: number, z: number): void {
    this.note(now_ms, x | 0, y | 0, z | 0);
    super.accel(now_ms, x, y, z);
  }

  override accelBatch(now_ms: number, xyz: ArrayLike<number>, count = xyz.length / 3): void {
    const period_ms = Math.trunc(1000 / this.sample_hz);
    const n = Math.min(count, this.capacity);
    for (let i = 0; i < n; i++) {
      this.note((now_ms - (n - 1 - i) * period_ms) >>> 0, i16(xyz[3 * i]), i16(xyz[3 * i + 1]), i16(xyz[3 * i + 2]));
    }
    super.accelBatch(now_ms, xyz, count);
  }

  override temperature(now_ms: number, cdeg: number): void {
    this.streams.temp_t.push(now_ms | 0);
    this.streams.temp_cdeg.push(cdeg | 0);
    super.temperature(now_ms, cdeg);
  }

  override button(now_ms: number, pressed: number): void {
    this.streams.button_t.push(now_ms | 0);
    this.streams.button_level.push(pressed | 0);
    super.button(now_ms, pressed);
  }

  private note(t: number, x: number, y: number, z: number): void {
    const s = this.streams;
    s.sample_t.push(t | 0);
    s.x.push(x);
    s.y.push(y);
    s.z.push(z);
  }
}
