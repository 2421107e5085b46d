// A disk in memory for the power-cut tests: a FileLayer (host/storage/fileLayer.ts) that keeps,
// beside what a program sees, what would be on the platter after a power cut now, and counts
// every operation that changes either, so a test can cut the power after each one.
//
// The model is POSIX's promise and nothing more:
//   - a file's contents are durable after fsync of that file, and only then: a cut loses every
//     write and truncation since the file's last fsync;
//   - a directory's names (a new file, a rename) are durable after fsyncDir of the directory,
//     and only then: a cut puts back the names as they were at its last fsyncDir, each naming the
//     file it named then (whose contents are that file's durable ones);
//   - optionally, a cut may find part of a file's unsynced appended bytes already written back
//     (`tornBytes`), which is how a torn last line comes about on a real disk.

import { dirname } from "node:path";
import type { FileLayer } from "../../host/storage/fileLayer.js";

interface Inode {
  /** What a program reads now. */
  data: Uint8Array;
  /** What a power cut leaves. */
  durable: Uint8Array;
}

interface Handle {
  inode: Inode;
  mode: "append" | "write" | "read";
  position: number;
}

const noEntry = (path: string) => Object.assign(new Error(`ENOENT: no such file, ${path}`), { code: "ENOENT" });
const concat = (a: Uint8Array, b: Uint8Array) => { const c = new Uint8Array(a.length + b.length); c.set(a); c.set(b, a.length); return c; };
const utf8 = new TextEncoder();

export class SimDisk implements FileLayer {
  /** Names as a program sees them, and as a power cut leaves them (by full path). */
  private names = new Map<string, Inode>();
  private durableNames = new Map<string, Inode>();
  private handles = new Map<number, Handle>();
  private nextFd = 3;
  /** Operations that changed the disk (a write, a truncation, a rename, a new file, an fsync). */
  operations = 0;
  /** Called after each such operation, e.g. to check what a cut there would leave. */
  afterOperation: ((disk: SimDisk) => void) | null = null;
  /** fsync and fsyncDir calls so far (to see that a test's night did make some). */
  syncs = 0;

  private changed(): void {
    this.operations++;
    this.afterOperation?.(this);
  }

  private handle(fd: number): Handle {
    const h = this.handles.get(fd);
    if (!h) throw Object.assign(new Error(`EBADF: ${fd}`), { code: "EBADF" });
    return h;
  }

  open(path: string, mode: "append" | "write" | "read"): number {
    let inode = this.names.get(path);
    if (!inode) {
      if (mode === "read") throw noEntry(path);
      inode = { data: new Uint8Array(0), durable: new Uint8Array(0) };
      this.names.set(path, inode);
      this.handles.set(this.nextFd, { inode, mode, position: 0 });
      this.changed();
      return this.nextFd++;
    }
    const fd = this.nextFd++;
    this.handles.set(fd, { inode, mode, position: 0 });
    if (mode === "write" && inode.data.length > 0) {
      inode.data = new Uint8Array(0);
      this.changed();
    }
    return fd;
  }

  write(fd: number, text: string): void {
    const h = this.handle(fd);
    if (h.mode === "read") throw Object.assign(new Error("EBADF: not open for writing"), { code: "EBADF" });
    const bytes = utf8.encode(text);
    if (h.mode === "append") h.position = h.inode.data.length;
    const end = h.position + bytes.length;
    const data = end > h.inode.data.length ? concat(h.inode.data, new Uint8Array(end - h.inode.data.length)) : h.inode.data.slice();
    data.set(bytes, h.position);
    h.inode.data = data;
    h.position = end;
    this.changed();
  }

  read(fd: number, buffer: Uint8Array, length: number, position: number): number {
    const bytes = this.handle(fd).inode.data.subarray(position, position + length);
    buffer.set(bytes);
    return bytes.length;
  }

  size(fd: number): number {
    return this.handle(fd).inode.data.length;
  }

  truncate(fd: number, length: number): void {
    const h = this.handle(fd);
    h.inode.data = h.inode.data.slice(0, length);
    this.changed();
  }

  fsync(fd: number): void {
    const inode = this.handle(fd).inode;
    inode.durable = inode.data;
    this.syncs++;
    this.changed();
  }

  close(fd: number): void {
    this.handle(fd);
    this.handles.delete(fd);
  }

  readText(path: string): string {
    const inode = this.names.get(path);
    if (!inode) throw noEntry(path);
    return new TextDecoder().decode(inode.data);
  }

  rename(from: string, to: string): void {
    const inode = this.names.get(from);
    if (!inode) throw noEntry(from);
    this.names.delete(from);
    this.names.set(to, inode);
    this.changed();
  }

  fsyncDir(dir: string): void {
    for (const path of [...this.durableNames.keys()]) if (dirname(path) === dir && !this.names.has(path)) this.durableNames.delete(path);
    for (const [path, inode] of this.names) if (dirname(path) === dir) this.durableNames.set(path, inode);
    this.syncs++;
    this.changed();
  }

  /**
   * The disk as the power cut now leaves it, as a new disk (this one goes on unchanged): durable
   * names and contents only. With `tornBytes`, a file whose unsynced change is an append keeps
   * that many of the appended bytes (as if written back just before the cut).
   */
  afterCut(o: { tornBytes?: number } = {}): SimDisk {
    const disk = new SimDisk();
    const copies = new Map<Inode, Inode>();
    for (const [path, inode] of this.durableNames) {
      let copy = copies.get(inode);
      if (!copy) {
        let kept = inode.durable;
        const appended = inode.data.length > kept.length && kept.every((b, i) => inode.data[i] === b);
        if (o.tornBytes && appended) kept = inode.data.slice(0, Math.min(inode.data.length, kept.length + o.tornBytes));
        copy = { data: kept, durable: kept };
        copies.set(inode, copy);
      }
      disk.names.set(path, copy);
      disk.durableNames.set(path, copy);
    }
    return disk;
  }

  /** Handles open now (a program that forgets to close leaks them). */
  openHandles(): number {
    return this.handles.size;
  }

  /** Names of the files a program sees (for checks such as "no temp file is left"). */
  files(): string[] {
    return [...this.names.keys()].sort();
  }

  /** Writes `text` as a whole durable file (to set up a disk as a test needs it). */
  put(path: string, text: string): void {
    const bytes = utf8.encode(text);
    const inode = { data: bytes, durable: bytes };
    this.names.set(path, inode);
    this.durableNames.set(path, inode);
  }
}
