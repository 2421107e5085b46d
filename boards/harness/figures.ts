// The figures of one image, as npm run mcu prints them and writes build/mcu/figures.json:
// footprint from the ELF's sections, RAM and stack from what the image measured on itself,
// instructions from its SysTick counts (qemu.ts).

import { spawnSync } from "node:child_process";
import type { Image, Target } from "./build.js";
import { exportInstructions, instructionsPerTick, type ImageFigures } from "./qemu.js";

export type Figures = {
  image: string;
  runtime: string;
  target: Target;
  /** The image's event log equals the Node board's, byte for byte, on every recording it ran. */
  identical: boolean;
  /** Code, constants and initial data: what goes into flash (the embedded test recording not counted). */
  flash_bytes: number;
  /** .data + .bss + the arena's or pool's high-water + the stack's peak (Cortex-M4 only). */
  ram_bytes: number | null;
  stack_peak_bytes: number | null;
  instr_per_sample: number | null;
  instr_per_sample_batch: number | null;
  instr_per_tick: number | null;
  /** Parse + load + instantiate + fw_init. */
  startup_instr: number | null;
};

/** Section sizes of an ELF file (binutils `size -A`). */
export function sectionSizes(elf: string, target: Target): Record<string, number> {
  const tool = target === "cortex-m4" ? "arm-none-eabi-size" : "size";
  const r = spawnSync(tool, ["-A", elf], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${tool} -A ${elf}: ${r.stderr}`);
  const out: Record<string, number> = {};
  for (const line of r.stdout.split("\n")) {
    const m = /^(\.\S+)\s+(\d+)\s+\d+/.exec(line);
    if (m) out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]);
  }
  return out;
}

const sum = (s: Record<string, number>, names: string[]) => names.reduce((n, k) => n + (s[k] ?? 0), 0);

/** What goes into flash: code, read-only data, unwind tables and .data's initial values. */
export function flashBytes(s: Record<string, number>, target: Target): number {
  return target === "cortex-m4"
    ? sum(s, [".vectors", ".text", ".rodata", ".ARM.exidx", ".data"])
    : sum(s, [".text", ".rodata", ".data", ".init", ".fini", ".plt", ".eh_frame", ".eh_frame_hdr"]);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The figures of a Cortex-M4 image from its ELF and its run of the night recording. */
export function m4Figures(image: Image, f: ImageFigures, identical: boolean): Figures {
  const s = sectionSizes(image.elf, "cortex-m4");
  const single = f.passes.find((p) => p.batch === 0);
  const batched = f.passes.find((p) => p.batch > 0);
  const ipt = instructionsPerTick(f);
  const per = (total: number | null, count: number) => (total === null || count === 0 ? null : total / count);
  const perSample = single ? per(exportInstructions(f, single, "fw_accel"), single.samples) : null;
  const perBatchSample = batched ? per(exportInstructions(f, batched, "fw_accel_batch"), batched.samples) : null;
  const perTick = single ? per(exportInstructions(f, single, "fw_tick"), single.calls.fw_tick) : null;
  const startup = single && ipt !== null ? (single.start_ticks + single.first_init_ticks) * ipt : null;
  return {
    image: image.name,
    runtime: image.runtime,
    target: "cortex-m4",
    identical,
    flash_bytes: flashBytes(s, "cortex-m4"),
    ram_bytes: sum(s, [".data", ".bss"]) + f.heap_high_water_bytes + f.stack_peak_bytes,
    stack_peak_bytes: f.stack_peak_bytes,
    instr_per_sample: perSample === null ? null : round1(perSample),
    instr_per_sample_batch: perBatchSample === null ? null : round1(perBatchSample),
    instr_per_tick: perTick === null ? null : round1(perTick),
    startup_instr: startup === null ? null : Math.round(startup),
  };
}

/** The figures of a desktop image: its footprint and whether its logs agree; the rest is the M4's. */
export function desktopFigures(image: Image, identical: boolean): Figures {
  return {
    image: image.name,
    runtime: image.runtime,
    target: "x86-64",
    identical,
    flash_bytes: flashBytes(sectionSizes(image.elf, "x86-64"), "x86-64"),
    ram_bytes: null,
    stack_peak_bytes: null,
    instr_per_sample: null,
    instr_per_sample_batch: null,
    instr_per_tick: null,
    startup_instr: null,
  };
}
