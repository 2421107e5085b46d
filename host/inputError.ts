// A problem with something a person gave us (a file, an option): reported as one line naming
// where it is, never as a stack trace.

export class InputError extends Error {
  constructor(readonly where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = "InputError";
  }
}

/** `file:line` for messages. */
export function at(file: string, line: number): string {
  return `${file}:${line}`;
}
