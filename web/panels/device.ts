// The device, drawn: the bedside LED in its colour, the massage motor shaking with its duty, the
// heating pad glowing with the heater's duty and coloured by its temperature; and the device's
// state as text (a definition list), which a screen reader and the tests read by name.

import type { DeviceState } from "../liveNight.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** LED colours by pattern name (HAL ABI v1: 0 off, 1 idle, 2 session, 3 ramp-down, 4 fault). */
const LED_COLOURS: Record<string, string> = {
  OFF: "#3a3f47", IDLE: "#2f9e44", SESSION: "#1c7ed6", RAMP_DOWN: "#f59f00", FAULT: "#e03131",
};

const DRAWING = `
<svg xmlns="${SVG_NS}" viewBox="0 0 320 200" role="img" aria-labelledby="device-svg-title">
  <title id="device-svg-title">The device: foot pad with motor and heater, and the bedside LED</title>
  <defs>
    <radialGradient id="glow" cx="50%" cy="50%" r="60%">
      <stop offset="0%" stop-color="#ff6b00" stop-opacity="0.9"/>
      <stop offset="100%" stop-color="#ff6b00" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect x="10" y="40" width="220" height="150" rx="28" class="pad" id="pad-body"/>
  <ellipse cx="120" cy="115" rx="95" ry="60" fill="url(#glow)" id="pad-glow" opacity="0"/>
  <path d="M60 170 C 40 120, 60 70, 110 60 C 160 52, 205 80, 200 115 C 196 150, 150 160, 120 172 Z" class="foot"/>
  <g id="motor" class="motor"><circle cx="120" cy="112" r="22"/><text x="120" y="117" text-anchor="middle">M</text></g>
  <text x="20" y="30" class="label" id="pad-text">pad –</text>
  <g transform="translate(270 60)">
    <rect x="-34" y="-20" width="68" height="110" rx="10" class="bedside-box"/>
    <circle r="11" cy="5" id="led" fill="${LED_COLOURS.OFF}"/>
    <text y="42" text-anchor="middle" class="label">LED</text>
    <text y="60" text-anchor="middle" class="label small" id="led-text">off</text>
  </g>
</svg>`;

export class DevicePanel {
  private readonly led: SVGCircleElement;
  private readonly ledText: SVGTextElement;
  private readonly motor: SVGGElement;
  private readonly padBody: SVGRectElement;
  private readonly padGlow: SVGEllipseElement;
  private readonly padText: SVGTextElement;
  private readonly rows = new Map<string, HTMLElement>();

  constructor(drawing: HTMLElement, private readonly stateList: HTMLElement) {
    drawing.innerHTML = DRAWING;
    const q = <T extends Element>(id: string) => drawing.querySelector(`#${id}`) as T;
    this.led = q("led");
    this.ledText = q("led-text");
    this.motor = q("motor");
    this.padBody = q("pad-body");
    this.padGlow = q("pad-glow");
    this.padText = q("pad-text");
    for (const name of ["Session state", "Time left", "Vibration", "Heater", "Pad temperature", "LED", "Intensity", "Faults",
      "Leg movements", "Periodic LMs"]) {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.id = `state-${name.toLowerCase().replace(/ /g, "-")}`;
      stateList.append(dt, dd);
      this.rows.set(name, dd);
    }
  }

  show(s: DeviceState): void {
    const colour = LED_COLOURS[s.led] ?? LED_COLOURS.OFF;
    this.led.setAttribute("fill", colour);
    this.led.classList.toggle("blink", s.led === "RAMP_DOWN" || s.led === "FAULT");
    this.ledText.textContent = s.led.toLowerCase().replace("_", "-");
    // The motor shakes by up to 3 px at full duty (a CSS animation reads the amplitude).
    this.motor.style.setProperty("--shake", `${(3 * s.vibration_permille) / 1000}px`);
    this.motor.classList.toggle("running", s.vibration_permille > 0);
    this.padGlow.setAttribute("opacity", String(Math.min(1, s.heater_permille / 1000 + (s.heater_permille > 0 ? 0.2 : 0))));
    this.padBody.setAttribute("fill", padColour(s.pad_cdeg));
    const pad = s.pad_cdeg === null ? "–" : `${(s.pad_cdeg / 100).toFixed(1)} °C`;
    this.padText.textContent = `pad ${pad}`;
    const set = (name: string, text: string) => {
      const dd = this.rows.get(name)!;
      if (dd.textContent !== text) dd.textContent = text;
    };
    set("Session state", s.state.toLowerCase().replace("_", " "));
    set("Time left", s.session_left_s > 0 ? `${Math.floor(s.session_left_s / 60)} min ${String(s.session_left_s % 60).padStart(2, "0")} s` : "–");
    set("Vibration", `${Math.round(s.vibration_permille / 10)} %`);
    set("Heater", `${Math.round(s.heater_permille / 10)} %${s.heat_on ? "" : " (heat off)"}`);
    set("Pad temperature", pad);
    set("LED", s.led.toLowerCase().replace("_", "-"));
    set("Intensity", s.intensity > 0 ? String(s.intensity) : "–");
    set("Faults", s.faults.length ? s.faults.join(", ") : "none");
    set("Leg movements", String(s.lm_count));
    set("Periodic LMs", String(s.plm_count));
  }
}

/** Pad colour: grey-blue at 30 °C and below, through amber, to red at 43 °C. */
function padColour(cdeg: number | null): string {
  if (cdeg === null) return "#d8dee6";
  const x = Math.max(0, Math.min(1, (cdeg - 3000) / 1300));
  const hue = 210 - 200 * x;
  return `hsl(${hue.toFixed(0)} ${(25 + 55 * x).toFixed(0)}% ${(85 - 25 * x).toFixed(0)}%)`;
}
