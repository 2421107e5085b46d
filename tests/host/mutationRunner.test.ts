// The firmware's mutation runner (tests/mutation/) on a tiny AssemblyScript fixture: each operator
// gives the mutants it should, the schemata build compiles, with no mutant live it behaves as the
// original, and a live mutant changes the behaviour (also in a top-level constant, which only the
// id patched into the binary can reach) and is marked as reached.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { main as asc } from "assemblyscript/dist/asc.js";
import { patchMutant, reachedIds } from "../mutation/cell.mjs";
import { mutateFile, numberVariants, schemataRuntime, type Mutant } from "../mutation/mutants.js";

const FIXTURE = `@external("env", "seen") declare function seen(v: i32): void;

const LIMIT: i32 = 10;

export function f(x: i32): i32 {
  if (x < 0) return 0;
  let y = x;
  y = y * 2;
  seen(y);
  return y > LIMIT && x != 3 ? LIMIT : y;
}
`;

const changes = (ms: Mutant[], operator: string) => ms.filter((m) => m.operator === operator).map((m) => `${m.line}: ${m.change}`);

describe("mutation runner", () => {
  const { mutants, schemata } = mutateFile("fixture.ts", FIXTURE, 1, new Set());

  it("finds every operator's mutants where the source has them", () => {
    assert.deepEqual(numberVariants(10, false), [11, 9, 20, 5]);
    assert.deepEqual(numberVariants(1, false), [2, 0]);
    assert.deepEqual(changes(mutants, "number"), [
      "3: 10 → 11", "3: 10 → 9", "3: 10 → 20", "3: 10 → 5",
      "6: 0 → 1", "6: 0 → -1", "6: 0 → 1", "6: 0 → -1",
      "8: 2 → 3", "8: 2 → 1", "8: 2 → 4",
      "10: 3 → 4", "10: 3 → 2", "10: 3 → 6", "10: 3 → 1",
    ]);
    assert.deepEqual(changes(mutants, "comparison"), ["6: < → <=", "10: > → >=", "10: != → =="]);
    assert.deepEqual(changes(mutants, "logical"), ["10: &&: only y > LIMIT", "10: &&: only x != 3"]);
    assert.deepEqual(changes(mutants, "statement"), ["6: removed: return 0;", "8: removed: y = y * 2;"]);
    assert.deepEqual(changes(mutants, "call"), ["9: call removed: seen(y);"]);
    // The schemata keeps every line where it was (survivors are reported by line).
    assert.equal(schemata.split("\n").length, FIXTURE.split("\n").length);
  });

  it("compiles once; no mutant is the original, a live one changes behaviour and is reached", async () => {
    const dir = mkdtempSync(join(tmpdir(), "calmfoot-mutation-"));
    try {
      writeFileSync(join(dir, "fixture.ts"), schemata);
      writeFileSync(join(dir, "__mutant.ts"), schemataRuntime(mutants.length));
      writeFileSync(join(dir, "asconfig.json"), "{}"); // not the project's (it would route abort to hal)
      let wasm: Uint8Array | undefined;
      let errors = "";
      const { error } = await asc([join(dir, "fixture.ts"), "--config", join(dir, "asconfig.json"), "--runtime", "stub", "--outFile", "out.wasm"], {
        writeFile: (name: string, contents: Uint8Array | string) => { if (name.endsWith(".wasm")) wasm = contents as Uint8Array; },
        stderr: { write: (s: string) => { errors += s; return true; } } as never,
      });
      assert.equal(error, null, errors);
      const seen: number[] = [];
      const run = (id: number) => {
        const instance = new WebAssembly.Instance(new WebAssembly.Module(patchMutant(wasm!, id)), {
          env: { seen: (v: number) => seen.push(v), abort: () => { throw new Error("abort"); } },
        });
        const f = instance.exports.f as (x: number) => number;
        seen.length = 0;
        return { f, memory: instance.exports.memory as WebAssembly.Memory };
      };
      const id = (change: string, line: number) => mutants.find((m) => m.change === change && m.line === line)!.id;

      const original = run(0);
      assert.deepEqual([-5, 4, 5, 6, 3].map((x) => original.f(x)), [0, 8, 10, 10, 6]);
      assert.deepEqual(seen, [8, 10, 12, 6]);
      assert.equal(reachedIds(new Uint8Array(original.memory.buffer)).length, mutants.length);

      assert.equal(run(id("< → <=", 6)).f(0), 0);
      assert.equal(run(id("removed: return 0;", 6)).f(-5), -10);
      assert.equal(run(id("2 → 3", 8)).f(4), 10);
      assert.equal(run(id("> → >=", 10)).f(5), 10);
      assert.equal(run(id("&&: only y > LIMIT", 10)).f(6), 10); // was 6: x == 3 no longer spares it
      const noCall = run(id("call removed: seen(y);", 9));
      noCall.f(4);
      assert.deepEqual(seen, []);
      assert.equal(run(id("10 → 20", 3)).f(8), 16); // a top-level constant: set before start runs
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
