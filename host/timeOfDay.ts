// Wall-clock time of a night: the time of day and date of an offset from its start, and times of
// day as a person types them. A night's start is ms after midnight (to the ms: an EDF starts at a
// second, an EDF+ a fraction later); a night may run past midnight, or for days. Platform-neutral.

export const DAY_MS = 86_400_000;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "23:14:05.120": the time of day `offset_ms` after the start of a night that began at `start_ms_of_day`. */
export function clockTime(start_ms_of_day: number, offset_ms: number): string {
  const total_ms = Math.floor(start_ms_of_day + offset_ms);
  const day_ms = ((total_ms % DAY_MS) + DAY_MS) % DAY_MS;
  const h = Math.floor(day_ms / 3_600_000);
  const m = Math.floor(day_ms / 60_000) % 60;
  const s = Math.floor(day_ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(day_ms % 1000, 3)}`;
}

/** "yyyy-mm-dd": the date `offset_ms` after the start of a night that began on `start_date` at `start_ms_of_day`. */
export function dateAt(start_date: string, start_ms_of_day: number, offset_ms: number): string {
  const days = Math.floor((start_ms_of_day + offset_ms) / DAY_MS);
  return new Date(Date.parse(`${start_date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "hh:mm" or "hh:mm:ss" (00:00 to 23:59:59) as ms after midnight; null when it is not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (h > 23 || min > 59 || s > 59) return null;
  return ((h * 60 + min) * 60 + s) * 1000;
}

/** "22:30", or "22:30:15" when there are seconds: a time of day as parseTimeOfDay reads it. */
export function formatTimeOfDay(ms_of_day: number): string {
  const t = clockTime(ms_of_day, 0);
  return t.slice(6, 8) === "00" ? t.slice(0, 5) : t.slice(0, 8);
}

/** "7 h 05 min": a duration rounded once, to whole minutes. */
export function hoursMinutes(ms: number): string {
  const min = Math.round(ms / 60_000);
  return `${Math.floor(min / 60)} h ${pad(min % 60)} min`;
}
