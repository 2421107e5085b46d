// What the module's code itself says about the memory and stack it can need, read from wabt's
// disassembly (wasm-objdump -d): which functions call which, whether any call is indirect, and
// whether the code can ask for more memory or read its size.
//
//   - An acyclic call graph without call_indirect bounds the call depth by the longest path: no
//     input can make the firmware recurse, so the wasm2c boards leave out the generated call-depth
//     counter (it could never trip) and the C stack is sized by measurement.
//   - No memory.grow and no memory.size: the module never asks for memory beyond what it was
//     instantiated with, and never learns how much that is; with its static data below
//     __heap_base (wasmInfo.ts), the bytes it can reach are known before it runs. This is WAMR's
//     own condition for shrinking the memory, and the low-RAM wasm2c board's.

import { spawnSync } from "node:child_process";

export interface ModuleFacts {
  functions: number;
  imports: number;
  callIndirect: boolean;
  memoryGrow: boolean;
  memorySize: boolean;
  /** memory.fill / copy / init (bulk memory): accesses the memory probe of reach.ts does not see. */
  bulkMemory: boolean;
  /** No function can reach itself through direct calls. */
  acyclic: boolean;
  /** Frames on the deepest chain of direct calls from any export, imports included (null if cyclic). */
  maxCallDepth: number | null;
}

export function moduleFacts(wasm: string): ModuleFacts {
  const r = spawnSync("wasm-objdump", ["-d", "-x", wasm], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`wasm-objdump -d ${wasm}: ${r.stderr}`);
  const text = r.stdout;
  const imports = (/^Import\[\d+\]:\n((?: - .*\n)*)/m.exec(text)?.[1] ?? "").split("\n").filter((l) => / - func\[/.test(l)).length;
  const exportsOf = [...text.matchAll(/^ - func\[(\d+)\] .*-> "/gm)].map((m) => Number(m[1]));
  const calls = new Map<number, Set<number>>();
  let current = -1;
  let callIndirect = false;
  let memoryGrow = false;
  let memorySize = false;
  let bulkMemory = false;
  for (const line of text.split("\n")) {
    const fn = /^[0-9a-f]+ func\[(\d+)\]/.exec(line);
    if (fn) {
      current = Number(fn[1]);
      calls.set(current, new Set());
      continue;
    }
    const op = /\|\s*([a-z0-9_.]+)(?:\s+(\d+))?/.exec(line);
    if (!op || current < 0) continue;
    if (op[1] === "call") calls.get(current)!.add(Number(op[2]));
    else if (op[1] === "call_indirect") callIndirect = true;
    else if (op[1] === "memory.grow") memoryGrow = true;
    else if (op[1] === "memory.size") memorySize = true;
    else if (/^memory\.(fill|copy|init)$/.test(op[1])) bulkMemory = true;
  }
  // Longest chain of frames below each function; a function met again on the way is a cycle.
  const depth = new Map<number, number>();
  const onPath = new Set<number>();
  let acyclic = true;
  const deepest = (f: number): number => {
    if (f < imports) return 1; // an import is one host frame
    const known = depth.get(f);
    if (known !== undefined) return known;
    if (onPath.has(f)) {
      acyclic = false;
      return 0;
    }
    onPath.add(f);
    let below = 0;
    for (const g of calls.get(f) ?? []) below = Math.max(below, deepest(g));
    onPath.delete(f);
    depth.set(f, 1 + below);
    return 1 + below;
  };
  let maxCallDepth = 0;
  for (const f of [...exportsOf, ...calls.keys()]) maxCallDepth = Math.max(maxCallDepth, deepest(f));
  return { functions: calls.size, imports, callIndirect, memoryGrow, memorySize, bulkMemory, acyclic,
    maxCallDepth: acyclic && !callIndirect ? maxCallDepth : null };
}
