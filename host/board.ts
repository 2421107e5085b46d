// Transitional, Node only: the board as host/native/logs.ts and host/commands/bench.ts construct it,
// `new Board({ wasmPath, onEvent })`, with its firmware read from a file (default: the release
// build). Everything else uses host/board/board.ts with a compiled module from host/firmwareFile.ts.
// Remove this file once those two callers (owned by the native-board work) construct the board
// that way.

import { Board as PlatformBoard, type BoardOptions } from "./board/board.js";
import { firmwareModule } from "./firmwareFile.js";

export class Board extends PlatformBoard {
  constructor(options: BoardOptions & { wasmPath?: string } = {}) {
    super(firmwareModule(options.wasmPath), options);
  }
}
