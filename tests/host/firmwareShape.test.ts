// The firmware's shape (issue 14): no function in assembly/ longer than 60 lines, so each rule of
// the detector and each protective function reads on one screen. assembly/**/*.ts is parsed with
// the TypeScript parser (AssemblyScript is TypeScript's syntax); a failure lists every function
// over the limit with its file, line and length.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";

const MAX_LINES = 60;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []);
}

/** Every function in `file` (declarations, methods, arrows, function expressions) with its lines, first to last. */
export function functionLengths(file: string, text: string): { name: string; line: number; lines: number }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: { name: string; line: number; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : "(anonymous)";
      out.push({ name, line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe("the firmware's shape", () => {
  it(`has no function longer than ${MAX_LINES} lines`, () => {
    const files = sources("assembly");
    assert.ok(files.length > 20, `${files.length} firmware sources found`);
    const long = files.flatMap((f) => functionLengths(f, readFileSync(f, "utf8"))
      .filter((fn) => fn.lines > MAX_LINES).map((fn) => `${f}:${fn.line} ${fn.name}: ${fn.lines} lines`));
    assert.deepEqual(long, []);
  });

  it("the check sees a long function (it could fail)", () => {
    const body = Array.from({ length: MAX_LINES - 1 }, (_, i) => `  x += ${i};`).join("\n");
    const lengths = functionLengths("t.ts", `export function f(x: i32): i32 {\n${body}\n  return x;\n}\n`);
    assert.deepEqual(lengths.map((l) => [l.name, l.lines]), [["f", MAX_LINES + 2]]);
  });
});
