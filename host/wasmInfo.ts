// Just enough of the WebAssembly binary format to check the module's shape against HAL ABI v1
// (imports, exports with their signatures, memory limits, start function, data segments, globals),
// with no dependency: the sections are walked, function bodies are not decoded.

export type ValType = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref";

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface WasmInfo {
  types: FuncType[];
  imports: { module: string; name: string; kind: "func" | "table" | "memory" | "global"; type?: FuncType }[];
  /** Exports with the signature of exported functions. */
  exports: { name: string; kind: "func" | "table" | "memory" | "global"; index: number; type?: FuncType }[];
  memories: { initial: number; maximum: number | null; imported: boolean }[];
  startFunction: number | null;
  /** Globals defined by the module (imported ones not included), in index order after the imported. */
  globals: { type: ValType; mutable: boolean; init: number | null }[];
  /** Imported globals, which come first in the global index space. */
  importedGlobals: number;
  /** Active data segments: where each lands in memory and how long it is. */
  dataSegments: { offset: number; size: number }[];
  /** One past the last byte any active data segment initialises. */
  dataEnd: number;
  /** Code section size, bytes (all function bodies). */
  codeBytes: number;
  sectionSizes: Record<string, number>;
}

const VALTYPE: Record<number, ValType> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };
const KIND = ["func", "table", "memory", "global"] as const;
const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error("unexpected end of module");
    return this.bytes[this.pos++];
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  }
  s32(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 32 && b & 0x40) result |= -1 << shift;
    return result;
  }
  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  valtype(): ValType {
    const b = this.byte();
    const t = VALTYPE[b];
    if (!t) throw new Error(`unknown value type 0x${b.toString(16)}`);
    return t;
  }
  limits(): { initial: number; maximum: number | null } {
    const flags = this.byte();
    const initial = this.u32();
    return { initial, maximum: flags & 1 ? this.u32() : null };
  }
  /** A constant expression; returns its value when it is `i32.const n`. */
  constExpr(): number | null {
    let value: number | null = null;
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return value;
      if (op === 0x41) value = this.s32();
      else if (op === 0x23) { this.u32(); value = null; } // global.get
      else if (op === 0x42) { this.s64(); value = null; } // i64.const
      else if (op === 0x43) { this.pos += 4; value = null; } // f32.const
      else if (op === 0x44) { this.pos += 8; value = null; } // f64.const
      else throw new Error(`unsupported constant expression opcode 0x${op.toString(16)}`);
    }
  }
  /** A signed LEB128 of up to 64 bits, skipped (its value is not needed). */
  s64(): void {
    while (this.byte() & 0x80) { /* continuation bytes */ }
  }
}

export function wasmInfo(bytes: Uint8Array): WasmInfo {
  const r = new Reader(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  magic.forEach((b) => { if (r.byte() !== b) throw new Error("not a WebAssembly 1.0 module"); });
  const info: WasmInfo = { types: [], imports: [], exports: [], memories: [], startFunction: null, globals: [],
    importedGlobals: 0, dataSegments: [], dataEnd: 0, codeBytes: 0, sectionSizes: {} };
  const funcTypes: number[] = []; // type index of every function, imports first
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    const name = SECTION[id] ?? `section${id}`;
    info.sectionSizes[name] = (info.sectionSizes[name] ?? 0) + size;
    switch (id) {
      case 1: for (let n = r.u32(); n > 0; n--) {
        if (r.byte() !== 0x60) throw new Error("unsupported type form");
        const params = Array.from({ length: r.u32() }, () => r.valtype());
        const results = Array.from({ length: r.u32() }, () => r.valtype());
        info.types.push({ params, results });
      } break;
      case 2: for (let n = r.u32(); n > 0; n--) {
        const module = r.name();
        const field = r.name();
        const kind = KIND[r.byte()];
        if (kind === "func") {
          const t = r.u32();
          funcTypes.push(t);
          info.imports.push({ module, name: field, kind, type: info.types[t] });
        } else {
          if (kind === "table") { r.byte(); r.limits(); }
          else if (kind === "memory") info.memories.push({ ...r.limits(), imported: true });
          else { r.valtype(); r.byte(); info.importedGlobals++; }
          info.imports.push({ module, name: field, kind });
        }
      } break;
      case 3: for (let n = r.u32(); n > 0; n--) funcTypes.push(r.u32()); break;
      case 5: for (let n = r.u32(); n > 0; n--) info.memories.push({ ...r.limits(), imported: false }); break;
      case 6: for (let n = r.u32(); n > 0; n--) {
        const type = r.valtype();
        const mutable = r.byte() === 1;
        info.globals.push({ type, mutable, init: r.constExpr() });
      } break;
      case 7: for (let n = r.u32(); n > 0; n--) {
        const exportName = r.name();
        const kind = KIND[r.byte()];
        const index = r.u32();
        info.exports.push({ name: exportName, kind, index, type: kind === "func" ? info.types[funcTypes[index]] : undefined });
      } break;
      case 8: info.startFunction = r.u32(); break;
      case 10: info.codeBytes = size; break;
      case 11: for (let n = r.u32(); n > 0; n--) {
        const flags = r.u32();
        let offset: number | null = null;
        if (flags === 0) offset = r.constExpr();
        else if (flags === 2) { r.u32(); offset = r.constExpr(); }
        const length = r.u32();
        r.pos += length;
        if (flags !== 1) {
          if (offset === null) throw new Error("data segment at a non-constant offset");
          info.dataSegments.push({ offset, size: length });
          info.dataEnd = Math.max(info.dataEnd, offset + length);
        }
      } break;
    }
    r.pos = end;
  }
  return info;
}

/** The value of an exported immutable i32 global initialised by a constant (e.g. __heap_base), or null. */
export function exportedConstant(info: WasmInfo, name: string): number | null {
  const exp = info.exports.find((e) => e.name === name && e.kind === "global");
  if (!exp || exp.index < info.importedGlobals) return null;
  const global = info.globals[exp.index - info.importedGlobals];
  return global && global.type === "i32" && !global.mutable ? global.init : null;
}

/** `(i32, i32) -> i32` */
export function signature(t: FuncType | undefined): string {
  if (!t) return "?";
  return `(${t.params.join(", ")}) -> ${t.results.length ? t.results.join(", ") : "nil"}`;
}
