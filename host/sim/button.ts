// The bedside button as a person presses it: a contact that bounces on press and on release.
// Presses become a list of raw level edges, which the board passes on to fw_button unfiltered.

/** One press by the person: when it starts and how long the button is held, ms from night start. */
export interface Press {
  at_ms: number;
  hold_ms: number;
}

/** A raw contact level change, ms from night start. */
export interface ButtonEdge {
  at_ms: number;
  level: 0 | 1;
}

/** Contacts of a cheap tactile switch chatter for up to this long after each transition. */
const BOUNCE_MS = 20;

/**
 * The raw edges of `presses`: each transition chatters for up to BOUNCE_MS with 1–4 ms
 * pulses before settling. `random` gives values in [0, 1) (a seeded generator, for
 * reproducible nights); pass `() => 1` for clean contacts.
 */
export function buttonEdges(presses: Press[], random: () => number, bounce_ms = BOUNCE_MS): ButtonEdge[] {
  const edges: ButtonEdge[] = [];
  const transition = (at_ms: number, level: 0 | 1) => {
    let t = at_ms;
    let current = level;
    // Chatter: the contact opens and closes a few times before it settles on `level`.
    while (t - at_ms < bounce_ms && random() < 0.8) {
      edges.push({ at_ms: t, level: current });
      t += 1 + Math.floor(random() * 4);
      current = current === 1 ? 0 : 1;
    }
    if (current !== level) {
      edges.push({ at_ms: t, level: current });
      t += 1 + Math.floor(random() * 4);
    }
    edges.push({ at_ms: Math.min(t, at_ms + bounce_ms), level });
  };
  for (const press of [...presses].sort((a, b) => a.at_ms - b.at_ms)) {
    transition(press.at_ms, 1);
    transition(press.at_ms + press.hold_ms, 0);
  }
  // Same-time edges keep only their last level; times stay non-decreasing.
  const merged: ButtonEdge[] = [];
  for (const e of edges) {
    const last = merged[merged.length - 1];
    if (last && last.at_ms >= e.at_ms) { last.level = e.level; continue; }
    merged.push({ ...e });
  }
  return merged;
}
