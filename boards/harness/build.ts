// Builds the C boards' images into build/mcu/ (boards/Makefile), once per set of inputs: the
// module, the embedded recordings, every source of the boards, the runtimes' pins and the
// toolchains' versions are hashed, and a build whose hash is already there is reused (tests in
// several files and npm run mcu share it). Another process building the same folder is waited for.
//
// wasm3 and WAMR images need their sources (boards/runtimes/fetch.sh): when neither the pinned
// tarballs nor a clone of the tag can be had, their images are not built and are reported as
// skipped, with the reason, never passed over in silence.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { moduleFacts } from "./moduleFacts.js";
import { writeRecordings, type Recording } from "./recording.js";
import { exportedConstant, wasmInfo } from "../../host/wasmInfo.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BOARDS = join(ROOT, "boards");
export const OUT = join(ROOT, "build", "mcu");
/** The snapshot of build/firmware.wasm the images are made from; the Node side loads the same file. */
export const FIRMWARE_WASM = join(OUT, "firmware.wasm");
export const TRAPPING_WASM = join(OUT, "trapping.wasm");

export type Target = "x86-64" | "cortex-m4";
/** A runtime backend, or a profile of one (-lowram: linked for a 64 KiB-RAM part's budget). */
export type Runtime = "wasm2c" | "wasm2c-lowram" | "wasm3" | "wamr-classic" | "wamr-classic-lowram" | "wamr-fast";

/** One image: a runtime on a target, with the firmware or with the trapping module. */
export interface Image {
  name: string;
  runtime: Runtime;
  target: Target;
  trap: boolean;
  elf: string;
}

export interface Build {
  images: Image[];
  /** Images that could not be built, and why (the runtime's sources were not available). */
  skipped: { name: string; reason: string }[];
  /** The bytes of linear memory the low-RAM images give the firmware (its __heap_base, rounded to 8). */
  reachBytes: number;
  recordings: Recording[];
  /** The modules cannot recurse, so the wasm2c images leave out the call-depth counter. */
  boundedDepth: boolean;
  /** Seconds the build took; 0 when a cached build was reused. */
  seconds: number;
}

export function imageName(runtime: Runtime, target: Target, trap = false): string {
  return `${runtime}${trap ? "-trap" : ""}-${target}`;
}

/** Every image the Makefile can make (before skipping those whose runtime is missing). */
export function allImages(): Image[] {
  const out: Image[] = [];
  const add = (runtime: Runtime, target: Target, trap: boolean) => {
    const name = imageName(runtime, target, trap);
    out.push({ name, runtime, target, trap, elf: join(OUT, `${name}.elf`) });
  };
  for (const r of ["wasm2c", "wasm2c-lowram", "wasm3", "wamr-classic", "wamr-fast"] as const) add(r, "x86-64", false);
  add("wasm2c", "x86-64", true);
  add("wasm2c-lowram", "x86-64", true);
  // WAMR classic on the Cortex-M4 in its low-RAM profile only: with a bigger pool it measures the same.
  for (const r of ["wasm2c", "wasm2c-lowram", "wasm3", "wamr-classic-lowram", "wamr-fast"] as const) add(r, "cortex-m4", false);
  for (const r of ["wasm2c", "wasm3", "wamr-classic", "wamr-fast"] as const) add(r, "cortex-m4", true);
  return out;
}

function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
}

/** Is a tool on the PATH? */
export function have(tool: string, versionArg = "--version"): boolean {
  return run(tool, [versionArg]).status === 0;
}

/** The reasons nothing for `target` can be built on this machine, if any. */
export function missingTools(target: Target): string | null {
  const need = target === "x86-64" ? ["wasm2c", "wat2wasm", "gcc", "make"] : ["wasm2c", "wat2wasm", "arm-none-eabi-gcc", "make", "cmake", "qemu-system-arm"];
  const missing = need.filter((t) => !have(t));
  if (missing.length === 0) return null;
  return `${missing.join(", ")} not installed (Debian: wabt, gcc, make, cmake, gcc-arm-none-eabi, libnewlib-arm-none-eabi, qemu-system-arm)`;
}

/** Writes `bytes` to `file` only when they differ, so that make sees no change when there is none. */
function writeIfChanged(file: string, bytes: Buffer | string): void {
  const data = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  if (existsSync(file) && readFileSync(file).equals(data)) return;
  writeFileSync(file, data);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out.sort();
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock folder beside build/mcu: one build at a time; a lock whose process is gone is taken over. */
function withLock<T>(work: () => T): T {
  const lock = `${OUT}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch {
      let owner = NaN;
      try { owner = Number(readFileSync(join(lock, "pid"), "utf8")); } catch { /* being written */ }
      let alive = true;
      if (Number.isFinite(owner)) {
        try { process.kill(owner, 0); } catch { alive = false; }
      } else if (Date.now() - statSync(lock).mtimeMs > 10_000) {
        alive = false;
      }
      if (!alive) rmSync(lock, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function toolVersions(): string {
  return ["gcc", "arm-none-eabi-gcc", "wasm2c", "cmake", "qemu-system-arm"]
    .map((t) => `${t}: ${run(t, ["--version"]).stdout?.split("\n")[0] ?? "none"}`).join("\n");
}

/** The runtimes' sources: ready, or skipped with a reason (from boards/runtimes/fetch.sh). */
function fetchRuntimes(): { missing: string[]; reasons: Map<string, string>; pins: string } {
  const r = run("sh", [join(BOARDS, "runtimes", "fetch.sh")]);
  if (r.status !== 0) throw new Error(`boards/runtimes/fetch.sh failed:\n${r.stderr}${r.stdout}`);
  const missing: string[] = [];
  const reasons = new Map<string, string>();
  for (const line of r.stdout.split("\n")) {
    const m = /^skip (\S+) (.*)$/.exec(line);
    if (!m) continue;
    const runtime = m[1].startsWith("wasm3") ? "wasm3" : "wamr";
    missing.push(runtime);
    reasons.set(runtime, `${m[1]} sources not available: ${m[2]}`);
  }
  return { missing, reasons, pins: r.stdout };
}

/**
 * Builds every image that can be built here, or reuses the build whose inputs are the same.
 * Throws with the compiler's output when a build fails.
 */
export async function buildBoards(): Promise<Build> {
  mkdirSync(join(OUT, "gen"), { recursive: true });
  mkdirSync(join(OUT, "recordings"), { recursive: true });
  // Inputs first (outside the lock: writing identical bytes is harmless).
  const firmware = readFileSync(join(ROOT, "build", "firmware.wasm"));
  const reach = exportedConstant(wasmInfo(firmware), "__heap_base");
  if (reach === null) throw new Error("build/firmware.wasm does not export __heap_base (assembly/index.ts): no low-RAM board");
  const reachBytes = Math.ceil(reach / 8) * 8;
  const recordings = await writeRecordings(join(OUT, "recordings"), join(OUT, "gen"));
  return withLock(() => {
    writeIfChanged(FIRMWARE_WASM, firmware);
    const wat = run("wat2wasm", [join(BOARDS, "trapping.wat"), "-o", `${TRAPPING_WASM}.new`]);
    if (wat.status !== 0) throw new Error(`wat2wasm boards/trapping.wat: ${wat.stderr}`);
    writeIfChanged(TRAPPING_WASM, readFileSync(`${TRAPPING_WASM}.new`));
    rmSync(`${TRAPPING_WASM}.new`);
    const runtimes = fetchRuntimes();
    // The generated call-depth counter goes when no module can recurse (moduleFacts.ts).
    const boundedDepth = [FIRMWARE_WASM, TRAPPING_WASM].every((w) => moduleFacts(w).maxCallDepth !== null);

    const hash = createHash("sha256");
    // Every source of the boards, and of the harness what decides what is built and from what.
    const harness = ["build.ts", "moduleFacts.ts", "nights.ts", "recording.ts", "wasmInfo.ts"].map((f) => join(BOARDS, "harness", f));
    const sources = filesUnder(BOARDS).filter((f) => !f.startsWith(join(BOARDS, "harness")) || harness.includes(f));
    for (const file of sources) hash.update(relative(ROOT, file)).update(readFileSync(file));
    for (const file of [FIRMWARE_WASM, TRAPPING_WASM, ...recordings.map((r) => r.c)]) hash.update(readFileSync(file));
    hash.update(`${reachBytes}\n${boundedDepth}\n${runtimes.pins}\n${toolVersions()}`);
    const digest = hash.digest("hex");

    const images = allImages();
    const skipped: Build["skipped"] = [];
    const wanted = images.filter((i) => {
      const family = i.runtime.startsWith("wamr") ? "wamr" : i.runtime;
      const reason = runtimes.reasons.get(family);
      if (reason) skipped.push({ name: i.name, reason });
      return !reason;
    });
    const stamp = join(OUT, "inputs.sha256");
    const cached = existsSync(stamp) && readFileSync(stamp, "utf8") === digest && wanted.every((i) => existsSync(i.elf));
    let seconds = 0;
    if (!cached) {
      // Inputs changed: objects from other flags or sources must not survive.
      for (const dir of ["obj", "cmake"]) rmSync(join(OUT, dir), { recursive: true, force: true });
      for (const i of images) rmSync(i.elf, { force: true });
      rmSync(stamp, { force: true });
      const goals = [...wanted.map((i) => i.elf), "tools"];
      const started = Date.now();
      const make = run("nice", ["-n", "10", "make", "-j2", "-C", BOARDS, `OUT=${OUT}`, `REACH_BYTES=${reachBytes}`,
        `RUNTIMES_MISSING=${runtimes.missing.join(" ")}`, `WASM2C_DEPTH_COUNT=${boundedDepth ? 0 : 1}`, ...goals]);
      seconds = (Date.now() - started) / 1000;
      if (make.status !== 0) throw new Error(`make -C boards failed:\n${make.stderr.slice(-6000)}`);
      writeFileSync(stamp, digest);
    }
    return { images: wanted, skipped, reachBytes, recordings, boundedDepth, seconds };
  });
}
