// A recording opened on the page (placeholder until the platform-neutral readers land).

import type { LiveRun } from "./liveNight.js";

export async function openRecording(_module: WebAssembly.Module, file: File, _sample_hz: number): Promise<LiveRun> {
  throw new Error(`${file.name}: recordings are not wired yet`);
}
