// Finds the mutation points of the firmware's AssemblyScript with TypeScript's parser (the syntax
// is TypeScript's; the AS-only parts, decorators and `<u32>` casts, parse as such), and writes the
// "mutant schemata": one copy of each file in which every point chooses at run time between the
// original and its mutants, `(__m(7) ? a <= b : a < b)`, so the whole firmware with all its mutants
// is compiled once. `__m(id)` (written by schemataRuntime) also marks the point as reached, which
// is the coverage that decides which test files must run for a mutant.

import ts from "typescript";

export type Operator = "number" | "comparison" | "logical" | "statement" | "call";

export interface Mutant {
  /** 1-based, unique over the whole firmware for one schemata build (0 = no mutant). */
  id: number;
  /** Path as given (e.g. assembly/safety/thermal.ts). */
  file: string;
  line: number;
  column: number;
  operator: Operator;
  /** What changes, as people read it: `< → <=`, `2000 → 2001`, `removed: x = 0;`. */
  change: string;
}

/** A node and its alternatives; `replace(children)` gives each mutant's text from the node's rewritten parts. */
interface Point {
  node: ts.Node;
  ids: number[];
  texts: (rewrite: (n: ts.Node) => string) => string[];
}

const COMPARISON: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.LessThanToken]: "<=",
  [ts.SyntaxKind.LessThanEqualsToken]: "<",
  [ts.SyntaxKind.GreaterThanToken]: ">=",
  [ts.SyntaxKind.GreaterThanEqualsToken]: ">",
  [ts.SyntaxKind.EqualsEqualsToken]: "!=",
  [ts.SyntaxKind.ExclamationEqualsToken]: "==",
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: "!==",
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: "===",
};

/** Built-ins whose arguments must be compile-time constants (an offset, a static size). */
const CONSTANT_ARGS: Record<string, number> = { load: 1, store: 2, "memory.data": 0 };

const I32_MIN = -(2 ** 31);
const U32_MAX = 2 ** 32 - 1;

/** The ±1, ×2, ÷2 of an integer or float literal, without repeats or the original. */
export function numberVariants(value: number, isFloat: boolean): number[] {
  const out = [value + 1, value - 1, value * 2, isFloat ? value / 2 : Math.trunc(value / 2)];
  return [...new Set(out.map((v) => (Object.is(v, -0) ? 0 : v)))]
    .filter((v) => v !== value && (isFloat || (v >= I32_MIN && v <= U32_MAX)));
}

function short(text: string, max = 48): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length <= max ? one : one.slice(0, max - 1) + "…";
}

function calleeName(call: ts.CallExpression): string {
  return call.expression.getText();
}

/** Names declared at the top level that size static memory: they must stay compile-time constants. */
export function constantNames(source: string): Set<string> {
  const sf = ts.createSourceFile("x.ts", source, ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  const visit = (node: ts.Node, inConstant: boolean): void => {
    if (inConstant && ts.isIdentifier(node)) names.add(node.text);
    if (ts.isCallExpression(node) && calleeName(node) === "memory.data") {
      node.arguments.forEach((a) => visit(a, true));
      return;
    }
    ts.forEachChild(node, (c) => visit(c, inConstant));
  };
  visit(sf, false);
  return names;
}

export interface FileMutants {
  mutants: Mutant[];
  /** The file rewritten as schemata (same lines as the original). */
  schemata: string;
}

/**
 * The mutants of one file, numbered from `firstId`, and its schemata text. `excluded` lists
 * "line:column:operator" keys to leave out (points that do not compile, found by the build);
 * `constants` are names that must stay compile-time constants (constantNames of every file).
 */
export function mutateFile(file: string, source: string, firstId: number, constants: Set<string>,
  excluded: Set<string> = new Set(), importPath = "./__mutant"): FileMutants {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const points = new Map<ts.Node, Point>();
  const mutants: Mutant[] = [];
  let next = firstId;

  const add = (node: ts.Node, operator: Operator, changes: string[], texts: Point["texts"]): void => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const key = `${line + 1}:${character + 1}:${operator}`;
    if (excluded.has(key) || changes.length === 0) return;
    const ids = changes.map((change) => {
      mutants.push({ id: next, file, line: line + 1, column: character + 1, operator, change });
      return next++;
    });
    points.set(node, { node, ids, texts });
  };

  /** Mutable positions only: not in decorators, types, constant arguments or static sizes. */
  const visit = (node: ts.Node, frozen: boolean): void => {
    if (ts.isDecorator(node) || ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && constants.has(node.name.text)
        && ts.isSourceFile(node.parent.parent.parent)) frozen = true;
    if (!frozen) collect(node);
    if (isNumber(node)) return; // `-1` is one literal
    if (ts.isCallExpression(node)) {
      const constantFrom = CONSTANT_ARGS[calleeName(node)];
      visit(node.expression, frozen);
      node.arguments.forEach((a, i) => visit(a, frozen || (constantFrom !== undefined && i >= constantFrom)));
      return;
    }
    ts.forEachChild(node, (c) => visit(c, frozen));
  };

  const isNumber = (node: ts.Node): boolean => ts.isNumericLiteral(node)
    || (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand));

  const collect = (node: ts.Node): void => {
    if (isNumber(node)) {
      const text = node.getText(sf);
      const isFloat = /[.eE]/.test(text) && !/^-?0[xXbBoO]/.test(text);
      const value = Number(text.replace(/_/g, ""));
      const variants = numberVariants(value, isFloat);
      const literal = (v: number) => (isFloat && Number.isInteger(v) ? v.toFixed(1) : String(v));
      add(node, "number", variants.map((v) => `${short(text)} → ${literal(v)}`), () => variants.map((v) => literal(v)));
      return;
    }
    if (ts.isBinaryExpression(node)) {
      const flip = COMPARISON[node.operatorToken.kind];
      if (flip) {
        const op = node.operatorToken.getText(sf);
        add(node, "comparison", [`${op} → ${flip}`], (rw) => [`${rw(node.left)} ${flip} ${rw(node.right)}`]);
        return;
      }
      const kind = node.operatorToken.kind;
      if (kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken) {
        const op = node.operatorToken.getText(sf);
        add(node, "logical", [`${op}: only ${short(node.left.getText(sf), 40)}`, `${op}: only ${short(node.right.getText(sf), 40)}`],
          (rw) => [`(${rw(node.left)})`, `(${rw(node.right)})`]);
      }
      return;
    }
    if (ts.isExpressionStatement(node) && !ts.isSourceFile(node.parent)) {
      const call = ts.isCallExpression(node.expression);
      add(node, call ? "call" : "statement", [`${call ? "call removed" : "removed"}: ${short(node.getText(sf))}`], () => [""]);
      return;
    }
    if (ts.isReturnStatement(node) && !isLastOfFunction(node)) {
      add(node, "statement", [`removed: ${short(node.getText(sf))}`], () => [""]);
    }
  };

  visit(sf, false);

  /** The node's text with every point inside it (and itself) rewritten. */
  const rewrite = (node: ts.Node): string => {
    let out = "";
    let pos = node.getStart(sf);
    ts.forEachChild(node, (child) => {
      out += source.slice(pos, child.getStart(sf)) + rewrite(child);
      pos = child.end;
    });
    out += source.slice(pos, node.end);
    const point = points.get(node);
    if (!point) return out;
    const texts = point.texts(rewrite);
    if (ts.isStatement(node)) {
      // Statements: run only when this point is not the mutant; the outer braces keep an `else` where it was.
      return `{ if (!__m(${point.ids[0]})) { ${out} } }`;
    }
    let chain = `(${out})`;
    for (let i = texts.length - 1; i >= 0; i--) chain = `(__m(${point.ids[i]}) ? ${texts[i]} : ${chain})`;
    return chain;
  };

  let schemata = "";
  let pos = 0;
  ts.forEachChild(sf, (child) => {
    schemata += source.slice(pos, child.getStart(sf)) + rewrite(child);
    pos = child.end;
  });
  schemata += source.slice(pos);
  // One more import on the first line keeps every line number the original's.
  if (mutants.length > 0) schemata = `import { __m } from "${importPath}"; ` + schemata;
  return { mutants, schemata };
}

function isLastOfFunction(node: ts.ReturnStatement): boolean {
  const block = node.parent;
  return ts.isBlock(block) && ts.isFunctionLike(block.parent) && block.statements[block.statements.length - 1] === node;
}

/** Marks a schemata build's control cell in memory: the runner finds it by these 8 bytes. */
export const MAGIC = [0x7a3c91e5, 0x1f0db64c];

/**
 * assembly/__mutant.ts of the schemata tree: a static cell [MAGIC, mutant id, count] followed by
 * one "reached" byte per mutant. The id is patched into the binary's data (tests/mutation/wasm.ts)
 * so that even top-level initialisers see it; __mutant_set is the debug-only export a harness may
 * call as well.
 */
export function schemataRuntime(count: number): string {
  const words = [...MAGIC, 0, count, ...new Array(Math.ceil((count + 1) / 4)).fill(0)];
  return `// Generated by tests/mutation (mutant schemata): which mutant is live, and which were reached.
const CELL: usize = memory.data<i32>([${words.join(", ")}]);

/** True when mutant \`id\` is the live one; marks it as reached. */
@inline export function __m(id: i32): bool {
  store<u8>(CELL + 16 + <usize>id, 1);
  return load<i32>(CELL, 8) == id;
}

/** Debug-only: makes mutant \`id\` the live one (0 = none). */
export function __mutant_set(id: i32): void {
  store<i32>(CELL, id, 8);
}
`;
}
