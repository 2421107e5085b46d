// The device log on disk: an append-only file of canonical lines (host/eventLog.ts logLine), one
// event a line. Lines are written in batches, each batch in one write followed by fsync, so a power
// cut loses at most the batch in flight. A cut in the middle of a write can leave a torn last line
// (no newline): the reader ignores it, and a writer opening the file cuts it off before appending,
// so a torn line is never glued to the next good one.

import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { type DeviceEvent, logLine, parseLogLine } from "../eventLog.js";

export class DeviceLogWriter {
  private readonly fd: number;
  private pending: string[] = [];
  /** Events made durable so far by this writer. */
  written = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "a+");
    dropTornTail(this.fd);
  }

  /** Queues one event; it is durable after the next flush(). */
  append(e: DeviceEvent): void {
    this.pending.push(logLine(e));
  }

  /** Writes the queued events in one write and fsyncs; returns how many were written. */
  flush(): number {
    if (this.pending.length === 0) return 0;
    const n = this.pending.length;
    writeSync(this.fd, this.pending.join("\n") + "\n");
    fsyncSync(this.fd);
    this.pending = [];
    this.written += n;
    return n;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Truncates the file after its last newline (a torn line from a crash), and fsyncs the cut. */
function dropTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const chunk = Buffer.alloc(Math.min(size, 4096));
  let end = size;
  // Find the last "\n", reading backwards in chunks.
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const i = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (i >= 0) {
      const keep = start + i + 1;
      if (keep !== size) { ftruncateSync(fd, keep); fsyncSync(fd); }
      return;
    }
    end = start;
  }
  ftruncateSync(fd, 0);
  fsyncSync(fd);
}

export interface DeviceLogContents {
  events: DeviceEvent[];
  /** A torn last line (a write cut by a power loss) was ignored. */
  torn: boolean;
  /** Complete lines that did not parse (should be none), with their line numbers. */
  corrupt: number[];
}

/** Reads a device log; a missing file is an empty log. */
export function readDeviceLog(path: string): DeviceLogContents {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { events: [], torn: false, corrupt: [] };
    throw err;
  }
  const lines = text.split("\n");
  // The piece after the last newline is a torn line (or "" when the file ends cleanly).
  const tail = lines.pop() ?? "";
  const events: DeviceEvent[] = [];
  const corrupt: number[] = [];
  lines.forEach((line, i) => {
    try {
      events.push(parseLogLine(line));
    } catch {
      corrupt.push(i + 1);
    }
  });
  return { events, torn: tail.length > 0, corrupt };
}
