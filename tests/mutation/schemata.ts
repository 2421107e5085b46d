// Writes the schemata tree (build/mutation/src: every file of assembly/ rewritten, plus copies of
// the as-pect specs so that their `../../assembly/…` imports reach the rewritten files) and
// compiles it once: build/mutation/firmware.wasm for tests that run the firmware, one binary per
// as-pect spec. A point that does not compile (a constant context the finder did not know) is
// left out and the build repeated; the ones left out are reported.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { main as asc } from "assemblyscript/dist/asc.js";
import { constantNames, mutateFile, schemataRuntime, type Mutant } from "./mutants.js";

import { FIRMWARE, ROOT, SPECS, SRC, specBinary } from "./paths.js";

export interface Schemata {
  mutants: Mutant[];
  /** "file:line:column:operator" of points that did not compile. */
  uncompilable: string[];
  /** as-pect spec (tests/assembly/x.spec.ts) → its compiled schemata binary. */
  specs: Map<string, Uint8Array>;
}

export function listFiles(dir: string, ext = ".ts"): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(path, ext));
    else if (entry.name.endsWith(ext)) out.push(path);
  }
  return out.sort();
}

/** Writes the tree with every point except `excluded` (file → "line:col:operator" keys). */
function writeTree(files: string[], excluded: Map<string, Set<string>>): Mutant[] {
  rmSync(SRC, { recursive: true, force: true });
  const sources = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), "utf8")]));
  const constants = new Set<string>();
  for (const s of sources.values()) for (const n of constantNames(s)) constants.add(n);
  const mutants: Mutant[] = [];
  for (const file of files) {
    const depth = file.split("/").length - 2;
    const importPath = depth === 0 ? "./__mutant" : "../".repeat(depth) + "__mutant";
    const { mutants: m, schemata } = mutateFile(file, sources.get(file)!, mutants.length + 1, constants,
      excluded.get(file), importPath);
    mutants.push(...m);
    const out = join(SRC, file);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, file === "assembly/index.ts" ? schemata + 'export { __mutant_set } from "./__mutant";\n' : schemata);
  }
  writeFileSync(join(SRC, "assembly", "__mutant.ts"), schemataRuntime(mutants.length));
  mkdirSync(join(SRC, "tests", "assembly"), { recursive: true });
  for (const f of readdirSync(join(ROOT, "tests", "assembly"))) {
    copyFileSync(join(ROOT, "tests", "assembly", f), join(SRC, "tests", "assembly", f));
  }
  return mutants;
}

interface Compiled { binary?: Uint8Array; errors: { file: string; line: number }[]; text: string }

async function compile(args: string[], cwd: string): Promise<Compiled> {
  const files = new Map<string, Uint8Array | string>();
  let text = "";
  const sink = { write: (s: string | Uint8Array) => { text += typeof s === "string" ? s : Buffer.from(s).toString(); return true; } };
  const here = process.cwd();
  process.chdir(cwd);
  try {
    await asc(args, {
      writeFile: (name: string, contents: Uint8Array | string) => { files.set(name, contents); },
      stdout: sink as never,
      stderr: sink as never,
    });
  } finally {
    process.chdir(here);
  }
  const wasm = [...files.entries()].find(([name]) => name.endsWith(".wasm"))?.[1];
  const errors: Compiled["errors"] = [];
  // asc: "ERROR TS…: message … └─ in path/to/file.ts(line,col)"; the first location is the error's.
  for (const block of text.replace(/\x1b\[[0-9;]*m/g, "").split(/\n(?=ERROR )/)) {
    if (!block.startsWith("ERROR")) continue;
    const m = /in (\S+?\.ts)\((\d+),\d+\)/.exec(block);
    if (m) errors.push({ file: relative(cwd === SRC ? SRC : ROOT, join(cwd, m[1])).replace(/^build\/mutation\/src\//, ""), line: Number(m[2]) });
    else errors.push({ file: "?", line: 0 });
  }
  return { binary: typeof wasm === "string" ? undefined : wasm, errors, text };
}

/** The firmware as a test-only build: the debug build's entries (its seams, assembly/debug.ts) and checks, abort routed to hal.panic as in release. */
const firmwareArgs = ["assembly/index.ts", "assembly/debug.ts", "--runtime", "stub", "--initialMemory", "1", "--maximumMemory", "1",
  "--debug", "--optimizeLevel", "1", "--use", "abort=assembly/hal/abort", "--outFile", "firmware.wasm"];

/**
 * Builds the schemata (firmware + specs). `files`: the firmware files to mutate (all of assembly/
 * is rewritten either way; the others keep no points). Points that break a build are left out.
 */
export async function buildSchemata(mutateOnly: Set<string> | null, specs: string[], log: (s: string) => void): Promise<Schemata> {
  const files = listFiles("assembly");
  const excluded = new Map<string, Set<string>>();
  const uncompilable: string[] = [];
  // Files not asked for keep no mutation points: every point of theirs is excluded up front.
  const skipAll = (file: string) => mutateOnly !== null && !mutateOnly.has(file);
  for (let attempt = 0; ; attempt++) {
    let mutants = writeTree(files, excluded);
    if (mutateOnly) {
      for (const m of mutants.filter((m) => skipAll(m.file))) {
        if (!excluded.has(m.file)) excluded.set(m.file, new Set());
        excluded.get(m.file)!.add(`${m.line}:${m.column}:${m.operator}`);
      }
      if (mutants.some((m) => skipAll(m.file))) mutants = writeTree(files, excluded);
    }
    // One after the other: each build changes the working directory while it runs.
    const results = new Map<string, Compiled>([["firmware", await compile(firmwareArgs, SRC)]]);
    for (const spec of specs) {
      const entry = relative(ROOT, join(SRC, spec));
      results.set(spec, await compile([entry, "--config", "as-pect.asconfig.json", "--target", "noCoverage"], ROOT));
    }
    const errors = [...results.values()].flatMap((r) => r.errors);
    if (errors.length === 0) {
      writeFileSync(FIRMWARE, results.get("firmware")!.binary!);
      mkdirSync(SPECS, { recursive: true });
      for (const spec of specs) writeFileSync(specBinary(spec), results.get(spec)!.binary!);
      return { mutants, uncompilable, specs: new Map(specs.map((s) => [s, results.get(s)!.binary!])) };
    }
    let progress = false;
    for (const e of errors) {
      for (const m of mutants.filter((m) => m.file === e.file && m.line === e.line)) {
        const key = `${m.line}:${m.column}:${m.operator}`;
        if (!excluded.has(m.file)) excluded.set(m.file, new Set());
        if (excluded.get(m.file)!.has(key)) continue;
        excluded.get(m.file)!.add(key);
        uncompilable.push(`${m.file}:${key}`);
        progress = true;
      }
    }
    if (!progress || attempt > 10) {
      const text = [...results.entries()].filter(([, r]) => r.errors.length).map(([n, r]) => `${n}:\n${r.text}`).join("\n");
      throw new Error(`the schemata build does not compile, and no mutation point explains it:\n${text.slice(0, 4000)}`);
    }
    log(`  ${uncompilable.length} point(s) left out (do not compile); rebuilding`);
  }
}

export function haveBuild(): boolean {
  return existsSync(FIRMWARE);
}
