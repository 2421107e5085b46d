// The web simulator: the release firmware (build/firmware.wasm, bundled as it is) on the one
// board, driven live by the page's clock; a thin shell of panels (device, charts, controls, log,
// end of night) over host/board and host/sim. The night comes from the page's address.

import "uplot/dist/uPlot.min.css";
import wasmUrl from "../build/firmware.wasm?url";
import { CONFIG, type ConfigName } from "../host/abi.js";
import { Board } from "../host/board/board.js";
import { clockTime } from "../host/report/timeline.js";
import { LiveNight, type LiveRun, deviceState } from "./liveNight.js";
import { Pacer } from "./pacer.js";
import { BedsideButton } from "./panels/bedsideButton.js";
import { ChartsPanel } from "./panels/charts.js";
import { ControlsPanel } from "./panels/controls.js";
import { DevicePanel } from "./panels/device.js";
import { LogPanel } from "./panels/log.js";
import { SummaryPanel } from "./panels/summary.js";
import { openRecording } from "./recording.js";
import { type Settings, cliCommand, configPairs, formatSettings, parseSettings } from "./settings.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** While paused, a press on the button runs the night this long, so the device can answer it. */
const PRESS_WHILE_PAUSED_MS = 2000;

async function loadFirmware(): Promise<WebAssembly.Module> {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`${wasmUrl}: ${response.status} ${response.statusText}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

function showProblems(problems: string[]): void {
  const box = $("problems");
  box.textContent = problems.join("; ");
  box.hidden = problems.length === 0;
}

/** Config the firmware refuses (out of range), named; the night runs without it, as the firmware would. */
function refusedConfig(module: WebAssembly.Module, settings: Settings): string[] {
  const probe = new Board(module);
  probe.init(0);
  const refused: string[] = [];
  for (const [key, value] of configPairs(settings)) {
    if (probe.configSet(key, value) !== 0) {
      const name = Object.entries(CONFIG).find(([, k]) => k === key)![0] as ConfigName;
      refused.push(`${name}=${value} refused by the firmware (out of range)`);
      delete settings.config[name];
    }
  }
  return refused;
}

const hms = (ms: number) => `${Math.floor(ms / 3_600_000)}:${String(Math.floor(ms / 60_000) % 60).padStart(2, "0")}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}`;

async function main(): Promise<void> {
  const module = await loadFirmware();
  const parsed = parseSettings(location.search);
  let settings = parsed.settings;
  const device = new DevicePanel($("device"), $("state"));
  const log = new LogPanel($<HTMLOListElement>("log"));
  const followButton = $<HTMLButtonElement>("follow");
  const charts = new ChartsPanel($("chart-accel"), $("chart-actuators"), (following) => { followButton.disabled = following; });
  const summary = new SummaryPanel($("end"), $("summary"), $("download-status"));
  let run: LiveRun;
  let pacer: Pacer;
  let runName = "night";

  const controls = new ControlsPanel({
    play: (playing) => { pacer.play(playing); refresh(); },
    step: () => { ended(pacer.step(1000)); refresh(); },
    speed: (speed) => {
      pacer.speed = speed;
      if (run instanceof LiveNight) {
        settings = { ...settings, speed };
        history.replaceState(null, "", `?${formatSettings(settings)}`);
      }
    },
    newNight: (s) => start(s, []),
    thermistor: (fault) => { if (run instanceof LiveNight) run.thermistorFault(fault); },
    accelerometer: (fault) => { if (run instanceof LiveNight) run.accelerometerFault(fault); },
    jumpClock: (by_ms) => { if (run instanceof LiveNight) run.jumpClock(by_ms); },
    copyLink: () => void copyLink(),
  });
  new BedsideButton($<HTMLButtonElement>("bedside"), (gesture) => {
    if (!(run instanceof LiveNight) || run.ended) return;
    run.press(gesture);
    if (!pacer.playing) { ended(pacer.step(PRESS_WHILE_PAUSED_MS)); refresh(); }
  });
  $<HTMLSelectElement>("window").addEventListener("change", (e) => charts.setWindow(Number((e.target as HTMLSelectElement).value)));
  followButton.addEventListener("click", () => charts.follow());

  /** Shows a run from its start, and plays it. */
  function show(next: LiveRun, speed: Settings["speed"], name: string): void {
    run = next;
    runName = name;
    pacer = new Pacer(run, speed, () => performance.now());
    log.reset(run);
    charts.reset(run);
    summary.hide();
    controls.setInteractive(run.interactive);
    document.body.dataset.night = "running";
    pacer.play(true);
    refresh();
  }

  function start(s: Settings, problems: string[]): void {
    settings = s;
    showProblems([...problems, ...refusedConfig(module, settings)]);
    const night = new LiveNight(module, settings);
    controls.show(settings, (key) => night.board.configGet(key));
    history.replaceState(null, "", `?${formatSettings(settings)}`);
    $("cli").textContent = `${cliCommand(settings)} --log`;
    show(night, settings.speed, `calmfoot-${settings.scenario}-seed${settings.seed}`);
  }

  function ended(end: string | null): void {
    if (end !== "ended" || document.body.dataset.night === "ended") return;
    document.body.dataset.night = "ended";
    if (run.error) showProblems([run.error]);
    else summary.show(run.record(), runName);
  }

  function refresh(): void {
    device.show(deviceState(run.board));
    log.update();
    charts.update();
    const at = clockTime(run.start_ms_of_day, run.night_ms).slice(0, 8);
    const speed = pacer.speed === "max" ? "max speed" : `${pacer.speed}×`;
    const state = run.ended ? "ended" : pacer.playing ? speed : "paused";
    $("clock").textContent = `${at} · ${hms(run.night_ms)} of ${hms(run.duration_ms)} · ${state}`;
    controls.setPlaying(pacer.playing, run.ended);
    if (!run.ended) document.body.dataset.night = pacer.playing ? "running" : "paused";
  }

  async function copyLink(): Promise<void> {
    const status = $("copy-status");
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = "link copied";
    } catch {
      status.textContent = location.href;
    }
  }

  async function openFile(file: File): Promise<void> {
    // Until its first chunk is read (its start and first row known), the page is opening a file.
    pacer.play(false);
    document.body.dataset.night = "opening";
    try {
      const recording = await openRecording(module, file, configPairs(settings));
      showProblems([]);
      show(recording, settings.speed, file.name.replace(/\.[^.]*$/, ""));
      // A file refused in its first chunk has ended before it could play.
      if (recording.ended) {
        ended("ended");
        refresh();
      }
    } catch (err) {
      showProblems([(err as Error).message]);
    }
  }
  $<HTMLInputElement>("recording").addEventListener("change", (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void openFile(file);
  });
  document.addEventListener("dragover", (e) => { e.preventDefault(); document.body.classList.add("dropping"); });
  document.addEventListener("dragleave", () => document.body.classList.remove("dropping"));
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    document.body.classList.remove("dropping");
    const file = e.dataTransfer?.files[0];
    if (file) void openFile(file);
  });

  start(settings, parsed.problems);
  /** Work per animation frame (running the night and drawing), ms: the last 600 frames, for the benchmark. */
  const work_ms: number[] = [];
  const frame = (t: number) => {
    const began = performance.now();
    const end = pacer.frame(t);
    if (end !== null) {
      ended(end);
      refresh();
    }
    work_ms.push(performance.now() - began);
    if (work_ms.length > 600) work_ms.shift();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // For the benchmark and the tests: the running night, its clock, the work per frame.
  (window as unknown as { calmfoot: object }).calmfoot = { get run() { return run; }, get pacer() { return pacer; }, work_ms };
}

main().catch((err) => {
  showProblems([`the simulator could not start: ${(err as Error).message}`]);
  document.body.dataset.night = "error";
});
