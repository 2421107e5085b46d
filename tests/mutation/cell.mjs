// The control cell of a schemata build (tests/mutation/mutants.ts schemataRuntime): 8 magic bytes,
// the live mutant id, the mutant count, then one "reached" byte per mutant id. Plain JavaScript:
// the preload (no TypeScript loader yet) and the runner share it.

const MAGIC = new Uint8Array(new Uint32Array([0x7a3c91e5, 0x1f0db64c]).buffer);

/** Offset of the cell in `bytes` (a binary's data or a live memory), -1 when there is none. */
export function findCell(bytes) {
  let at = bytes.indexOf(MAGIC[0]);
  while (at >= 0 && at + 16 <= bytes.length) {
    let match = true;
    for (let i = 1; i < 8 && match; i++) match = bytes[at + i] === MAGIC[i];
    if (match) return at;
    at = bytes.indexOf(MAGIC[0], at + 1);
  }
  return -1;
}

/** A copy of a schemata binary whose cell starts with mutant `id` live (top-level initialisers see it). */
export function patchMutant(binary, id) {
  const bytes = new Uint8Array(binary);
  const at = findCell(bytes);
  if (at < 0) throw new Error("not a mutation schemata build (no control cell)");
  new DataView(bytes.buffer, bytes.byteOffset).setInt32(at + 8, id, true);
  return bytes;
}

/** The ids reached in a live memory of a schemata instance (empty when it holds no cell). */
export function reachedIds(memoryBytes) {
  const at = findCell(memoryBytes);
  if (at < 0) return [];
  const view = new DataView(memoryBytes.buffer, memoryBytes.byteOffset);
  const count = view.getInt32(at + 12, true);
  const ids = [];
  for (let id = 1; id <= count; id++) if (memoryBytes[at + 16 + id] !== 0) ids.push(id);
  return ids;
}
