// What a recording file is, told by its content, not its name: an EDF named .bdf or .csv is read
// as EDF, a CSV named .edf as CSV. Platform-neutral.

import { InputError } from "../inputError.js";

export type RecordingFormat = "csv" | "edf";

/** Bytes detectFormat wants to see (fewer only when the file is shorter): an EDF's fixed header. */
export const FORMAT_HEAD_BYTES = 256;

/** Is byte c a control character no CSV text has (anything below a space but tab, LF, CR; DEL)? */
function binary(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
}

/**
 * The format of the file `name` of `size_bytes` bytes from its first bytes `head`: EDF when it
 * starts with EDF's version field ("0" and seven spaces), CSV when its start is text. An empty
 * file, a BDF (24-bit, "\xffBIOSEMI") and binary data are refused, naming the byte.
 */
export function detectFormat(name: string, head: Uint8Array, size_bytes: number): RecordingFormat {
  if (size_bytes === 0 || head.length === 0) throw new InputError(`${name}, byte 0`, "empty file: neither CSV nor EDF");
  const start = String.fromCharCode(...head.subarray(0, 8));
  if (start === "0       ") return "edf";
  if (start === "\xffBIOSEMI") throw new InputError(`${name}, byte 0 (version)`, "a BDF (24-bit) file: only EDF and EDF+ (16-bit) are read");
  const n = Math.min(head.length, FORMAT_HEAD_BYTES);
  for (let i = 0; i < n; i++) {
    if (binary(head[i])) {
      throw new InputError(`${name}, byte ${i}`, `binary data (0x${head[i].toString(16).padStart(2, "0")}): neither CSV text nor EDF`);
    }
  }
  return "csv";
}
