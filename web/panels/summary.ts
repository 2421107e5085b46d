// The end of the night: the command line's summary (host/report/summaryText.ts), the HTML report
// (host/report/page.ts, Vega loaded only when asked for) and the canonical device log to download.

import { logLine } from "../../host/eventLog.js";
import type { NightRecord } from "../../host/record.js";
import { formatSummary } from "../../host/report/summaryText.js";

export class SummaryPanel {
  private record: NightRecord | null = null;
  private name = "night";

  constructor(private readonly section: HTMLElement, private readonly text: HTMLElement, private readonly status: HTMLElement) {
    document.getElementById("download-report")!.addEventListener("click", () => void this.downloadReport());
    document.getElementById("download-log")!.addEventListener("click", () => {
      if (!this.record) return;
      download(`${this.name}.log`, this.record.events.map((e) => logLine(e) + "\n").join(""), "text/plain");
    });
  }

  hide(): void {
    this.record = null;
    this.section.hidden = true;
    this.status.textContent = "";
  }

  /** The night has ended: its summary, and what can be taken away. */
  show(record: NightRecord, name: string): void {
    this.record = record;
    this.name = name;
    this.text.textContent = formatSummary(record);
    this.section.hidden = false;
  }

  private async downloadReport(): Promise<void> {
    const record = this.record;
    if (!record) return;
    this.status.textContent = "drawing the report…";
    const [{ reportPage }, { default: vegaJs }] = await Promise.all([import("../../host/report/page.js"), import("calmfoot-vega-browser?raw")]);
    download(`${this.name}.html`, await reportPage(record, vegaJs), "text/html");
    this.status.textContent = "report ready";
  }
}

function download(file: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
