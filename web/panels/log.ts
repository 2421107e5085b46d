// The event log as a list (role="log"): one line per event the firmware emitted, as the command
// line's timeline prints it (time of day, the device log's name, what it means).

import type { DeviceEvent } from "../../host/eventLog.js";
import type { NightRecord } from "../../host/record.js";
import { timelineLine } from "../../host/report/timeline.js";
import type { LiveRun } from "../liveNight.js";

export class LogPanel {
  private shown = 0;
  private run: LiveRun | null = null;
  private clock: NightRecord | null = null;

  constructor(private readonly list: HTMLOListElement) {}

  /** Starts over for a new night. */
  reset(run: LiveRun): void {
    this.run = run;
    this.shown = 0;
    this.list.replaceChildren();
    // timelineLine reads the night's clock from its record: the start time and the board clock then.
    this.clock = { source: run.title, clock0_ms: run.clock0_ms, start_ms_of_day: run.start_ms_of_day, duration_ms: 0,
      sample_hz: 0, events: [], trace: { activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] } };
  }

  /** Appends the events emitted since the last call. */
  update(): void {
    const run = this.run;
    if (!run || !this.clock) return;
    const events: DeviceEvent[] = run.board.events;
    if (events.length === this.shown) return;
    const atBottom = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 4;
    const lines = document.createDocumentFragment();
    for (; this.shown < events.length; this.shown++) {
      const e = events[this.shown];
      const li = document.createElement("li");
      li.textContent = timelineLine(this.clock, e);
      li.dataset.kind = String(e.kind);
      lines.append(li);
    }
    this.list.append(lines);
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}
