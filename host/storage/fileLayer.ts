// The few file operations the board's persistence needs, as one small interface, so that the
// tests can put a simulated disk underneath (tests/host/simDisk.ts) that loses, at a power cut,
// every byte and every directory change not yet made durable. `nodeFiles` is the real one.
//
// What is durable, as POSIX promises it: a file's contents after fsync(fd) of that file; a new
// name, a rename or a removal after fsyncDir of the directory holding the name.

import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, writeSync } from "node:fs";

export interface FileLayer {
  /**
   * Opens `path`, returns a handle. "append": created if missing, every write goes to the end,
   * readable; "write": created if missing, emptied, written from the start; "read": must exist.
   */
  open(path: string, mode: "append" | "write" | "read"): number;
  /** Writes all of `data` (appended in "append" mode, else at the handle's position). */
  write(fd: number, data: string): void;
  /** Reads up to `length` bytes at `position` into `buffer` from 0; returns how many. */
  read(fd: number, buffer: Uint8Array, length: number, position: number): number;
  /** The file's size, bytes. */
  size(fd: number): number;
  /** Cuts the file to `length` bytes. */
  truncate(fd: number, length: number): void;
  /** Makes the file's contents durable. */
  fsync(fd: number): void;
  close(fd: number): void;
  /** The whole file as UTF-8; an error with code "ENOENT" when it is missing. */
  readText(path: string): string;
  /** Renames `from` over `to` (atomic; durable after fsyncDir of the directory). */
  rename(from: string, to: string): void;
  /** Makes the names in directory `dir` durable (new files, renames). */
  fsyncDir(dir: string): void;
}

const MODE = { append: "a+", write: "w", read: "r" } as const;

/** The real file system (node:fs). */
export const nodeFiles: FileLayer = {
  open: (path, mode) => openSync(path, MODE[mode]),
  write: (fd, data) => { writeSync(fd, data); },
  read: (fd, buffer, length, position) => readSync(fd, buffer, 0, length, position),
  size: (fd) => fstatSync(fd).size,
  truncate: (fd, length) => ftruncateSync(fd, length),
  fsync: (fd) => fsyncSync(fd),
  close: (fd) => closeSync(fd),
  readText: (path) => readFileSync(path, "utf8"),
  rename: (from, to) => renameSync(from, to),
  fsyncDir: (dir) => {
    const fd = openSync(dir, "r");
    try { fsyncSync(fd); } finally { closeSync(fd); }
  },
};
