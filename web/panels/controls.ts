// The controls: play, pause, step and speed; the night's settings and config (a new night
// starts from them, and the page's address follows); fault injection; the link to this night.

import { CONFIG, type ConfigName } from "../../host/abi.js";
import type { ThermistorFault } from "../../host/sim/heatingPad.js";
import { SCENARIOS } from "../../host/sim/night.js";
import type { AccelerometerFault } from "../../host/sim/sensorFaults.js";
import { PAGE_CONFIG, type Settings, type Speed, parseStartMinute, startText } from "../settings.js";

/** What the controls ask of the page. */
export interface ControlActions {
  play(playing: boolean): void;
  step(): void;
  speed(speed: Speed): void;
  newNight(settings: Settings): void;
  thermistor(fault: ThermistorFault | null): void;
  accelerometer(fault: AccelerometerFault | null): void;
  jumpClock(by_ms: number): void;
  copyLink(): void;
}

/** Config shown in another unit than the firmware's: the heat target in °C (firmware: deci-°C). */
const DISPLAY_SCALE: Partial<Record<ConfigName, number>> = { HEAT_TARGET_DC: 10 };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class ControlsPanel {
  private readonly playButton = $<HTMLButtonElement>("play");
  private readonly speedSelect = $<HTMLSelectElement>("speed");
  private readonly form = $<HTMLFormElement>("night");
  /** Config inputs the person changed (or the address set): only these go into the settings. */
  private readonly changed = new Set<ConfigName>();
  private settings!: Settings;

  constructor(private readonly actions: ControlActions) {
    const scenario = $<HTMLSelectElement>("scenario");
    for (const s of SCENARIOS) scenario.add(new Option(`${s.name}: ${s.description}`, s.name));
    this.playButton.addEventListener("click", () => this.actions.play(this.playButton.textContent === "Play"));
    $("step").addEventListener("click", () => this.actions.step());
    this.speedSelect.addEventListener("change", () => this.actions.speed(this.speedSelect.value as Speed));
    for (const name of PAGE_CONFIG) {
      const input = $<HTMLInputElement>(`cfg-${name}`);
      input.addEventListener("change", () => this.changed.add(name));
    }
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (this.form.reportValidity()) this.actions.newNight(this.read());
    });
    for (const b of document.querySelectorAll<HTMLButtonElement>("[data-thermistor]")) {
      b.addEventListener("click", () => this.actions.thermistor((b.dataset.thermistor || null) as ThermistorFault | null));
    }
    for (const b of document.querySelectorAll<HTMLButtonElement>("[data-accel]")) {
      b.addEventListener("click", () => this.actions.accelerometer((b.dataset.accel || null) as AccelerometerFault | null));
    }
    for (const b of document.querySelectorAll<HTMLButtonElement>("[data-clock]")) {
      b.addEventListener("click", () => this.actions.jumpClock(Number(b.dataset.clock)));
    }
    $("copy-link").addEventListener("click", () => this.actions.copyLink());
  }

  /** Shows a night's settings, and the config the firmware runs it with (its own values where the person set none). */
  show(settings: Settings, firmwareConfig: (key: number) => number): void {
    this.settings = settings;
    $<HTMLSelectElement>("scenario").value = settings.scenario;
    $<HTMLInputElement>("seed").value = String(settings.seed);
    $<HTMLInputElement>("hours").value = String(settings.hours);
    $<HTMLInputElement>("start").value = startText(settings.start_minute_of_day);
    $<HTMLSelectElement>("sample-hz").value = String(settings.sample_hz);
    this.speedSelect.value = settings.speed;
    this.changed.clear();
    for (const name of PAGE_CONFIG) {
      const input = $<HTMLInputElement>(`cfg-${name}`);
      const value = settings.config[name] ?? firmwareConfig(CONFIG[name]);
      if (settings.config[name] !== undefined) this.changed.add(name);
      if (input.type === "checkbox") input.checked = value !== 0;
      else input.value = String(value / (DISPLAY_SCALE[name] ?? 1));
    }
  }

  /** The settings the form shows. */
  private read(): Settings {
    const config: Settings["config"] = {};
    for (const name of PAGE_CONFIG) {
      if (!this.changed.has(name)) continue;
      const input = $<HTMLInputElement>(`cfg-${name}`);
      config[name] = input.type === "checkbox" ? (input.checked ? 1 : 0) : Math.round(Number(input.value) * (DISPLAY_SCALE[name] ?? 1));
    }
    return {
      scenario: $<HTMLSelectElement>("scenario").value,
      seed: Math.trunc(Number($<HTMLInputElement>("seed").value)),
      hours: Number($<HTMLInputElement>("hours").value),
      start_minute_of_day: parseStartMinute($<HTMLInputElement>("start").value) ?? this.settings.start_minute_of_day,
      sample_hz: Number($<HTMLSelectElement>("sample-hz").value),
      clock0_ms: this.settings.clock0_ms,
      speed: this.speedSelect.value as Speed,
      config,
    };
  }

  setPlaying(playing: boolean, ended: boolean): void {
    this.playButton.textContent = playing ? "Pause" : "Play";
    this.playButton.disabled = ended;
    $<HTMLButtonElement>("step").disabled = ended;
  }

  /** Fault injection and the button only make sense on a simulated night that is still running. */
  setInteractive(interactive: boolean): void {
    for (const b of document.querySelectorAll<HTMLButtonElement>("#faults button, #bedside")) b.disabled = !interactive;
  }
}
