// A long-lived child of the mutation runner that runs as-pect specs against the schemata build:
// each spec was compiled once (tests/mutation/schemata.ts); a run is an instantiation with the
// mutant's id patched in, so it takes milliseconds instead of a compile. The runner kills this
// process when a mutant hangs and starts another.
//
// Messages in: { spec, id, hits }; out: { pass, hits? } (hits: the ids the spec reached).

import { readFileSync } from "node:fs";
import { EmptyReporter, TestContext } from "@as-pect/core";
import { instantiate } from "@assemblyscript/loader";
import aspectConfig from "../../as-pect.config.js";
import { patchMutant, reachedIds } from "./cell.mjs";
import { specBinary } from "./paths.js";

const binaries = new Map<string, Uint8Array>();

async function runSpec(spec: string, id: number, hits: boolean): Promise<{ pass: boolean; hits?: number[] }> {
  if (!binaries.has(spec)) binaries.set(spec, new Uint8Array(readFileSync(specBinary(spec))));
  let binary: Uint8Array;
  try {
    binary = patchMutant(binaries.get(spec)!, id);
  } catch {
    binary = binaries.get(spec)!; // a spec that reaches no mutated file has no cell
  }
  const ctx = new TestContext({ reporter: new EmptyReporter(), binary, fileName: spec });
  const memory = new WebAssembly.Memory({ initial: 10 });
  try {
    const module = await aspectConfig.instantiate(memory, (...args: unknown[]) => ctx.createImports(...args), instantiate, binary);
    ctx.run(module);
    const exported = (module as { exports: { memory?: WebAssembly.Memory } }).exports.memory;
    return { pass: ctx.pass, hits: hits && exported ? reachedIds(new Uint8Array(exported.buffer)) : undefined };
  } catch {
    return { pass: false };
  }
}

process.on("message", (task: { spec: string; id: number; hits: boolean }) => {
  runSpec(task.spec, task.id, task.hits).then((result) => process.send!(result));
});
// Tasks sent before this process listened would be lost: the runner waits for this word.
process.send!({ ready: true });
