// A progress bar on the terminal while a long recording is read; nothing at all when stderr is
// not a terminal (pipes, CI, tests), so logs and event output stay clean.

import cliProgress from "cli-progress";

export interface Progress {
  /** Work done so far, in the unit of `total`. */
  update(done: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/** A bar labelled `label` counting to `total` (e.g. bytes or data records) on stderr, if it is a TTY. */
export function progressBar(label: string, total: number, unit: string): Progress {
  if (!process.stderr.isTTY || !(total > 0)) return SILENT;
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% · {value}/{total} ${unit} · {eta_formatted} left`,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 5,
  }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  let stopped = false;
  return {
    update(done: number) { if (!stopped) bar.update(Math.min(done, total)); },
    stop() { if (!stopped) { stopped = true; bar.stop(); } },
  };
}
