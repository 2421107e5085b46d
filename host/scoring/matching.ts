// The one rule by which the firmware's movements are compared with labelled ones, for the
// evaluation (`npm run eval`), the night report and diagnose.
//
// A detected movement is the span [onset, onset + duration] of a MOVE_START/MOVE_END pair. It
// belongs to the labelled movement (of any kind) whose span it overlaps most, or to none; labels
// that are not movements (sleep stages, arousals) take no part. A labelled LM is found by the
// first detection of class LM that belongs to it: that pair is a true positive; a second LM on
// the same labelled LM is a false one. Firmware LMs on rubbing or fidgets are left out of both
// sides (labels.ts, DONT_CARE_LABELS).
//
// Why this rule, from the scoring rules (WASM/IRLSSG 2016): a leg movement is an interval, onset
// to offset, and two of them are the same movement when their intervals coincide, so the rule
// asks for overlap; an onset that is merely close (the report once accepted onsets within 1 s
// without overlap) credits a detection that began after the labelled movement was over. A
// detection is judged by what it coincides with most among all labelled movements, so an LM the
// firmware reports over a labelled turning-over is a false LM, not a match for an LM nearby.
// And every movement counts once: the LM and PLM indexes are counts, so a duplicate detection
// of one labelled LM is a false positive and one detection spanning two labelled LMs finds one.

import { DONT_CARE_LABELS, isLmLabel, isMovementLabel } from "./labels.js";
import type { DetectedMovement } from "./movements.js";

/** The rule in one sentence, for reports. */
export const MATCH_RULE =
  "A firmware movement belongs to the labelled movement whose interval [onset, onset + duration] it overlaps most; " +
  "a labelled LM is found by the first firmware LM that belongs to it (later ones are false LMs). " +
  "Sensitivity = found / labelled LMs, PPV = found / firmware LMs (those on rubbing or fidgets are left out).";

/** A labelled movement as the rule needs it: ms from the night's start, and its label. */
export interface Label {
  onset_ms: number;
  duration_ms: number;
  label: string;
}

export interface Matching {
  /** Per detection: the index of the label it belongs to, or −1. */
  owner: number[];
  /** True positives, [detection, label], in detection order. */
  pairs: [number, number][];
  labelled_lms: number;
  /** Firmware LMs judged: all but those on a don't-care label. */
  detected_lms: number;
  /** Firmware LMs on a don't-care label. */
  dont_care_lms: number;
  /** Indexes of labelled LMs not found. */
  missed: number[];
  /** Indexes of judged firmware LMs that are not true positives. */
  false_lms: number[];
}

/** How far after a label's end a detection's onset may lie and still overlap it (detections are at least this close). */
const SCAN_SLACK_MS = 2000;

/** For each detection, the index of the movement label it overlaps most, or −1. */
export function owners(detected: readonly DetectedMovement[], labels: readonly Label[]): number[] {
  const order = labels.map((_, i) => i).filter((i) => isMovementLabel(labels[i].label))
    .sort((a, b) => labels[a].onset_ms - labels[b].onset_ms || a - b);
  const out: number[] = [];
  let first = 0;
  for (const d of detected) {
    const d1 = d.onset_ms + Math.max(d.duration_ms, 1);
    // Labels that ended long before this onset are behind every later detection too.
    while (first < order.length && labels[order[first]].onset_ms + labels[order[first]].duration_ms + SCAN_SLACK_MS < d.onset_ms) first++;
    let best = -1;
    let bestOverlap = 0;
    for (let k = first; k < order.length && labels[order[k]].onset_ms <= d1; k++) {
      const t = labels[order[k]];
      const overlap = Math.min(d1, t.onset_ms + Math.max(t.duration_ms, 1)) - Math.max(d.onset_ms, t.onset_ms);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = order[k];
      }
    }
    out.push(best);
  }
  return out;
}

/** The firmware's movements against labelled ones, by the rule above. */
export function match(detected: readonly DetectedMovement[], labels: readonly Label[]): Matching {
  const owner = owners(detected, labels);
  const found = new Set<number>();
  const pairs: [number, number][] = [];
  const false_lms: number[] = [];
  let detected_lms = 0;
  let dont_care_lms = 0;
  detected.forEach((d, j) => {
    if (d.cls !== "LM") return;
    const i = owner[j];
    const label = i >= 0 ? labels[i].label : "";
    if (DONT_CARE_LABELS.has(label)) {
      dont_care_lms++;
      return;
    }
    detected_lms++;
    if (i >= 0 && isLmLabel(label) && !found.has(i)) {
      found.add(i);
      pairs.push([j, i]);
    } else {
      false_lms.push(j);
    }
  });
  const lmLabels = labels.map((t, i) => (isLmLabel(t.label) ? i : -1)).filter((i) => i >= 0);
  return {
    owner, pairs, labelled_lms: lmLabels.length, detected_lms, dont_care_lms,
    missed: lmLabels.filter((i) => !found.has(i)), false_lms,
  };
}
