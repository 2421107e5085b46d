// A recording file's bytes in chunks, for the platform-neutral readers (Node only): opened and
// stat'ed first, so that a missing file, a directory or an unreadable one is a one-line
// InputError naming it, never a stack trace.

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { InputError } from "../inputError.js";
import { progressBar } from "./progress.js";

/** Bytes per chunk: a few thousand CSV rows or EDF data records of a second. */
export const CHUNK_BYTES = 64 * 1024;

/** The reason an open or read of `file` failed, in words. */
function why(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === "ENOENT") return "no such file";
  if (e.code === "EISDIR") return "is a directory, not a recording";
  if (e.code === "EACCES" || e.code === "EPERM") return "cannot be read (permission denied)";
  return `cannot be read (${e.code ?? e.message})`;
}

/** The size of `file` in bytes; an InputError if it is missing, a directory or not a regular file. */
export async function fileSize(file: string): Promise<number> {
  let s;
  try {
    s = await stat(file);
  } catch (err) {
    throw new InputError(file, why(err));
  }
  if (s.isDirectory()) throw new InputError(file, "is a directory, not a recording");
  if (!s.isFile()) throw new InputError(file, "is not a regular file");
  return s.size;
}

/**
 * The bytes of `file`, chunk by chunk (each a fresh buffer the reader may keep). A progress bar
 * by bytes shows on stderr when it is a terminal, unless `progress` is false.
 */
export async function* fileChunks(file: string, options: { size?: number; progress?: boolean } = {}): AsyncGenerator<Uint8Array> {
  const size = options.size ?? await fileSize(file);
  const bar = options.progress === false ? null : progressBar(`reading ${file}`, size, "bytes");
  const input = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let done = 0;
  try {
    for await (const chunk of input) {
      done += (chunk as Buffer).length;
      bar?.update(done);
      yield chunk as Buffer;
    }
  } catch (err) {
    throw err instanceof InputError ? err : new InputError(file, why(err));
  } finally {
    bar?.stop();
    input.destroy();
  }
}
