// Runs a Cortex-M4 image in QEMU (machine mps2-an386) and reads what it printed: per pass the
// canonical event log (stdout, after a `== pass N batch B` line), then one JSON line of
// measurements (stderr; boards/cortex-m4/main.c).
//
// `-icount shift=0`: virtual time advances 1 ns per instruction and nothing else, so SysTick counts
// instructions (one tick per 40 at the board's 25 MHz) and every run counts the same.

import { spawnSync } from "node:child_process";

/** What one pass measured, in SysTick ticks (see cortex-m4/main.c). */
export interface PassFigures {
  batch: number;
  samples: number;
  restarts: number;
  memory_bytes: number;
  start_ticks: number;
  first_init_ticks: number;
  calls: Record<string, number>;
  ticks: Record<string, number>;
}

export interface ImageFigures {
  image: string;
  runtime: string;
  recording: string;
  calibration_loop_instructions: number;
  calibration_loop_ticks: number;
  calibration_empty_ticks: number;
  calibration_empty_reads: number;
  setjmp_ticks_per_1000: number;
  heap_high_water_bytes: number;
  stack_peak_bytes: number;
  stack_reserved_bytes: number;
  restarts: number;
  restart_heap_high_water_bytes: number[];
  restart_stack_peak_first_bytes: number;
  /** The board's arena or pool high-water over every instance, as it stood at the first restart. */
  restart_heap_high_water_first_bytes: number;
  passes: PassFigures[];
}

export interface M4Run {
  /** Each pass's event log. */
  logs: { batch: number; log: string }[];
  figures: ImageFigures;
  /** The image's notes (traps, restarts) without the JSON line. */
  notes: string;
  status: number | null;
  seconds: number;
}

export const QEMU_ARGS = ["-M", "mps2-an386", "-nographic", "-monitor", "none", "-serial", "none",
  "-semihosting-config", "enable=on,target=native", "-icount", "shift=0"];

export function runM4(elf: string, timeoutMs = 300_000): M4Run {
  const started = Date.now();
  const r = spawnSync("qemu-system-arm", [...QEMU_ARGS, "-kernel", elf], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs });
  const seconds = (Date.now() - started) / 1000;
  if (r.error) throw new Error(`qemu-system-arm ${elf}: ${r.error.message}`);
  const stderr = r.stderr ?? "";
  const lines = stderr.trimEnd().split("\n");
  const last = lines.at(-1) ?? "";
  if (r.status !== 0 || !last.startsWith("{")) {
    throw new Error(`${elf} failed in QEMU (status ${r.status}):\n${stderr.slice(-3000)}`);
  }
  const figures = JSON.parse(last) as ImageFigures;
  const logs: M4Run["logs"] = [];
  for (const part of (r.stdout ?? "").split(/^== pass \d+ batch /m).slice(1)) {
    const newline = part.indexOf("\n");
    logs.push({ batch: Number(part.slice(0, newline)), log: part.slice(newline + 1) });
  }
  return { logs, figures, notes: lines.slice(0, -1).join("\n"), status: r.status, seconds };
}

/** The calibration loop's instructions per tick, as measured (±1 tick of quantisation over 50,000). */
export function measuredInstructionsPerTick(f: ImageFigures): number {
  return f.calibration_loop_instructions / f.calibration_loop_ticks;
}

/**
 * Instructions per SysTick tick: under -icount shift=0 a whole number (40: 1 ns per instruction,
 * 25 MHz SysTick), which the calibration loop must confirm to within 0.1 %; null if it does not
 * (then the counter cannot be trusted and no instruction figure is given).
 */
export function instructionsPerTick(f: ImageFigures): number | null {
  const measured = measuredInstructionsPerTick(f);
  const whole = Math.round(measured);
  return whole > 0 && Math.abs(measured - whole) / whole < 0.001 ? whole : null;
}

/** Instructions inside an export over a pass, the counter's own overhead (two reads in a row) taken off. */
export function exportInstructions(f: ImageFigures, pass: PassFigures, name: string): number | null {
  const ipt = instructionsPerTick(f);
  if (ipt === null) return null;
  const overhead = (f.calibration_empty_ticks / f.calibration_empty_reads) * ipt;
  return pass.ticks[name] * ipt - pass.calls[name] * overhead;
}
