// Sleep as a sleep lab scores it, read from annotations: the sleep stages (the hypnogram) and the
// lights-off/lights-on marks that bound the time in bed. The device itself does not stage sleep;
// a recording scored in a lab (EDF+ annotations) does, and then the PLMS index per hour of sleep
// can stand beside the PLM index per hour in bed.
//
// Annotation texts, as the usual exporters write them (matched without regard to case):
//   - Sleep-EDF and MNE's sleep examples (R&K): "Sleep stage W", "Sleep stage 1" … "Sleep stage 4",
//     "Sleep stage R", "Sleep stage ?" (not scored), "Movement time" (neither sleep nor wake);
//     stages 3 and 4 are N3 (AASM), as MNE merges them.
//   - AASM in EDF+ (EDFbrowser and most PSG exporters): "Sleep stage N1", "Sleep stage N2",
//     "Sleep stage N3", "Sleep stage N" (NREM, depth not given).
//   - NSRR and Luna's short forms: "W", "Wake", "N1", "N2", "N3", "R", "REM", "?".
//   - Lights: "Lights off" / "Lights out" / "LightsOff" / "lights_off", and "Lights on" / "LightsOn".
// Time in bed (TIB) runs from lights off to lights on (Luna's definition); without those marks it
// is the whole recording. Sleep time is the time scored N1, N2, N3 or R within TIB. A stage
// annotation lasts its duration; one given without a duration (a hypnogram of onsets) lasts until
// the next stage annotation or the end of the recording.

/** An annotation on the night's axis (ms from the start). */
export interface SleepLabel {
  onset_ms: number;
  duration_ms: number;
  label: string;
}

/** A sleep stage (AASM names), "?" for not scored and "MT" for movement time. */
export type Stage = "W" | "N1" | "N2" | "N3" | "N" | "R" | "?" | "MT";

const STAGE_WORDS: Record<string, Stage> = {
  w: "W", wake: "W", "0": "W",
  "1": "N1", n1: "N1", "2": "N2", n2: "N2", "3": "N3", "4": "N3", n3: "N3", n4: "N3", n: "N",
  r: "R", rem: "R", "5": "R", "?": "?",
};

/** The stage a label names, or null when it is no sleep-stage annotation. */
export function stageOf(label: string): Stage | null {
  const text = label.trim().toLowerCase();
  if (/^movement\s+time$/.test(text)) return "MT";
  const long = /^sleep\s+stage\s+(\S+)$/.exec(text);
  if (long) return STAGE_WORDS[long[1]] ?? null;
  // Bare short forms (NSRR, Luna); bare digits are too ambiguous to be stages.
  return /^(w|wake|n1|n2|n3|r|rem|\?)$/.test(text) ? STAGE_WORDS[text] : null;
}

/** Whether a stage is sleep (counts toward sleep time). */
export function isSleepStage(stage: Stage): boolean {
  return stage === "N1" || stage === "N2" || stage === "N3" || stage === "N" || stage === "R";
}

/** "off" for a lights-off mark, "on" for lights on, null otherwise. */
export function lightsOf(label: string): "off" | "on" | null {
  const text = label.trim().toLowerCase();
  if (/^lights?[\s_-]*(off|out)$/.test(text)) return "off";
  if (/^lights?[\s_-]*on$/.test(text)) return "on";
  return null;
}

/** Whether a label is about sleep (a stage or a lights mark), not about a movement. */
export function isSleepLabel(label: string): boolean {
  return stageOf(label) !== null || lightsOf(label) !== null;
}

export interface StageSpan {
  from_ms: number;
  to_ms: number;
  stage: Stage;
}

export interface SleepScoring {
  /** Time in bed: lights off to lights on, or the whole recording. */
  in_bed: { from_ms: number; to_ms: number; by: "lights" | "recording" };
  /** The lights marks found (ms from the start), null when absent. */
  lights_off_ms: number | null;
  lights_on_ms: number | null;
  /** The hypnogram, in time order, clipped to the recording (not to TIB, so a chart shows it all). */
  stages: StageSpan[];
  /** Sleep time within TIB (N1, N2, N3, N, R), ms; null when the recording has no stage annotations. */
  sleep_ms: number | null;
  /** Time per stage within TIB, ms (only when staged). */
  stage_ms: Partial<Record<Stage, number>>;
}

/** Reads the lights marks and the hypnogram of `labels` on a recording of `recording_ms`. */
export function sleepScoring(labels: readonly SleepLabel[], recording_ms: number): SleepScoring {
  const sorted = [...labels].sort((a, b) => a.onset_ms - b.onset_ms);
  const off = sorted.find((l) => lightsOf(l.label) === "off");
  const lights_off_ms = off ? clamp(off.onset_ms, 0, recording_ms) : null;
  // The last lights-on after lights off (a lights-on before it would end the night before it began).
  const ons = sorted.filter((l) => lightsOf(l.label) === "on" && l.onset_ms >= (lights_off_ms ?? 0));
  const lights_on_ms = ons.length ? clamp(ons[ons.length - 1].onset_ms, 0, recording_ms) : null;
  const byLights = lights_off_ms !== null || lights_on_ms !== null;
  const in_bed = { from_ms: lights_off_ms ?? 0, to_ms: lights_on_ms ?? recording_ms, by: byLights ? "lights" as const : "recording" as const };

  const marks = sorted.flatMap((l) => {
    const stage = stageOf(l.label);
    return stage ? [{ onset_ms: l.onset_ms, duration_ms: l.duration_ms, stage }] : [];
  });
  const stages: StageSpan[] = [];
  marks.forEach((m, i) => {
    const end = m.duration_ms > 0 ? m.onset_ms + m.duration_ms : i + 1 < marks.length ? marks[i + 1].onset_ms : recording_ms;
    const from_ms = clamp(m.onset_ms, 0, recording_ms);
    const to_ms = clamp(end, 0, recording_ms);
    if (to_ms > from_ms) stages.push({ from_ms, to_ms, stage: m.stage });
  });
  const stage_ms: Partial<Record<Stage, number>> = {};
  let sleep_ms = 0;
  for (const s of stages) {
    const ms = Math.max(0, Math.min(s.to_ms, in_bed.to_ms) - Math.max(s.from_ms, in_bed.from_ms));
    stage_ms[s.stage] = (stage_ms[s.stage] ?? 0) + ms;
    if (isSleepStage(s.stage)) sleep_ms += ms;
  }
  return { in_bed, lights_off_ms, lights_on_ms, stages, sleep_ms: marks.length ? sleep_ms : null, stage_ms };
}

/** Whether `t_ms` lies in a span scored as sleep within time in bed. */
export function asleepAt(scoring: SleepScoring, t_ms: number): boolean {
  if (!inBed(scoring, t_ms)) return false;
  return scoring.stages.some((s) => isSleepStage(s.stage) && t_ms >= s.from_ms && t_ms < s.to_ms);
}

/** Whether `t_ms` lies within time in bed (from lights off inclusive to lights on exclusive). */
export function inBed(scoring: SleepScoring, t_ms: number): boolean {
  return t_ms >= scoring.in_bed.from_ms && t_ms < scoring.in_bed.to_ms;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}
