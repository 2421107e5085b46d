// The device log on disk: an append-only file of canonical lines (host/eventLog.ts logLine), one
// event a line. Lines are written in batches, each batch in one write followed by fsync, so a power
// cut loses at most the batch in flight. A cut in the middle of a write can leave a torn last line
// (no newline): the reader ignores it, and a writer opening the file cuts it off before appending,
// so a torn line is never glued to the next good one. Opening fsyncs the directory too, so that a
// new log file's name is durable before the first flush counts its events as durable.

import { dirname } from "node:path";
import { type DeviceEvent, logLine, parseLogLine } from "../eventLog.js";
import { type FileLayer, nodeFiles } from "./fileLayer.js";

export class DeviceLogWriter {
  private readonly fd: number;
  private pending: string[] = [];
  /** Events made durable so far by this writer. */
  written = 0;

  constructor(readonly path: string, private readonly files: FileLayer = nodeFiles) {
    this.fd = files.open(path, "append");
    dropTornTail(files, this.fd);
    files.fsyncDir(dirname(path));
  }

  /** Queues one event; it is durable after the next flush(). */
  append(e: DeviceEvent): void {
    this.pending.push(logLine(e));
  }

  /** Writes the queued events in one write and fsyncs; returns how many were written. */
  flush(): number {
    if (this.pending.length === 0) return 0;
    const n = this.pending.length;
    this.files.write(this.fd, this.pending.join("\n") + "\n");
    this.files.fsync(this.fd);
    this.pending = [];
    this.written += n;
    return n;
  }

  close(): void {
    this.flush();
    this.files.close(this.fd);
  }
}

/** Truncates the file after its last newline (a torn line from a crash), and fsyncs the cut. */
function dropTornTail(files: FileLayer, fd: number): void {
  const size = files.size(fd);
  if (size === 0) return;
  const chunk = new Uint8Array(Math.min(size, 4096));
  let end = size;
  // Find the last "\n", reading backwards in chunks.
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = files.read(fd, chunk, end - start, start);
    const i = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (i >= 0) {
      const keep = start + i + 1;
      if (keep !== size) { files.truncate(fd, keep); files.fsync(fd); }
      return;
    }
    end = start;
  }
  files.truncate(fd, 0);
  files.fsync(fd);
}

export interface DeviceLogContents {
  events: DeviceEvent[];
  /** A torn last line (a write cut by a power loss) was ignored. */
  torn: boolean;
  /** Complete lines that did not parse (should be none), with their line numbers. */
  corrupt: number[];
}

/** Reads a device log; a missing file is an empty log. */
export function readDeviceLog(path: string, files: FileLayer = nodeFiles): DeviceLogContents {
  let text: string;
  try {
    text = files.readText(path);
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
