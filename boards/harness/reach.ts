// The memory probe for any Node run of the firmware: a copy of the module in which every load and
// store first reports the end of the bytes it touches (binaryen's instrument-memory pass, with the
// reporting done inside the module so that it costs a compare per access, not a call into JS). A
// new highest end is handed to the import probe.reach(end).
//
// reachHook.ts puts this copy in place of the firmware in an unmodified Node process (the eval
// nights, the soak, the property fuzz): lowRam.ts then knows the highest byte any input made the
// firmware touch, to hold against the bytes the low-RAM boards give it.

import binaryen from "binaryen";

/** Import module and name the probe calls with each new highest end. */
export const PROBE_IMPORT = { module: "probe", name: "reach" } as const;

/** The module's bytes with every memory access reporting its end (see the file's header). */
export function reachInstrumented(wasm: Uint8Array): Uint8Array {
  const m = binaryen.readBinary(wasm);
  try {
    m.setFeatures(binaryen.Features.MVP | binaryen.Features.SignExt | binaryen.Features.MutableGlobals |
      binaryen.Features.NontrappingFPToInt | binaryen.Features.BulkMemory);
    m.runPasses(["instrument-memory"]);
    const { i32, i64, f32, f64, none } = binaryen;
    m.addGlobal("probe_reach_max", i32, true, m.i32.const(0));
    m.addFunctionImport("probe_reach", PROBE_IMPORT.module, PROBE_IMPORT.name, i32, none);
    // (id, bytes, offset, ptr) -> ptr: the access covers [ptr + offset, ptr + offset + bytes).
    const end = 4; // the i64 local after the four parameters
    const pointerHook = m.block(null, [
      m.local.set(end, m.i64.add(m.i64.extend_u(m.local.get(3, i32)),
        m.i64.add(m.i64.extend_u(m.local.get(2, i32)), m.i64.extend_u(m.local.get(1, i32))))),
      // An end past 4 GiB traps in the access itself; clamp so that the report stays an i32.
      m.if(m.i64.gt_u(m.local.get(end, i64), m.i64.const(0xffffffff, 0)), m.local.set(end, m.i64.const(0xffffffff, 0))),
      m.if(m.i32.gt_u(m.i32.wrap(m.local.get(end, i64)), m.global.get("probe_reach_max", i32)), m.block(null, [
        m.global.set("probe_reach_max", m.i32.wrap(m.local.get(end, i64))),
        m.call("probe_reach", [m.i32.wrap(m.local.get(end, i64))], none),
      ])),
      m.local.get(3, i32),
    ], i32);
    for (const name of ["load_ptr", "store_ptr"]) {
      m.removeFunction(name);
      m.addFunction(name, binaryen.createType([i32, i32, i32, i32]), i32, [i64], m.copyExpression(pointerHook));
    }
    // The values pass through unchanged.
    for (const [suffix, type] of [["i32", i32], ["i64", i64], ["f32", f32], ["f64", f64]] as const) {
      for (const kind of ["load", "store"]) {
        const name = `${kind}_val_${suffix}`;
        m.removeFunction(name);
        m.addFunction(name, binaryen.createType([i32, type]), type, [], m.local.get(1, type));
      }
    }
    binaryen.setOptimizeLevel(2);
    m.runPasses(["inlining-optimizing"]);
    if (!m.validate()) throw new Error("the instrumented module does not validate");
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
