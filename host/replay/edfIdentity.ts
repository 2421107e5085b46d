// What an EDF/EDF+ header says about the recording, for the report's title: the date, the
// recording's and the patient's identification, per the EDF+ specification (edfplus.info):
//   - date: EDF+ writes it with a four-digit year in the recording field ("Startdate 02-MAR-2002
//     …"), which is preferred; else the header's "dd.mm.yy", whose two-digit year means 1985–1999
//     for 85–99 and 2000–2084 for 00–84 (the EDF clipping rule).
//   - recording ID: EDF+'s recording field is "Startdate dd-MMM-yyyy <investigation code>
//     <technician> <equipment>"; its investigation (hospital administration) code is the ID. A
//     plain EDF's field is free text, shown as written.
//   - patient: EDF+'s patient field is "<code> <sex> <birthdate> <name>"; only the code is shown
//     (the name stays in the file). A plain EDF's field is free text, shown as written.
// "X" is EDF+'s "not known" and gives null. Platform-neutral: it reads header fields, not files.

import type { RecordingInfo } from "../record.js";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** The header fields it reads (host/replay/edf.ts EdfHeader has them all). */
export interface EdfIdentityFields {
  kind: "" | "EDF+C" | "EDF+D";
  patient: string;
  recording: string;
  /** "dd.mm.yy" as written. */
  start_date: string;
}

const known = (text: string | undefined) => (text && text !== "X" ? text : null);

/** ISO date "yyyy-mm-dd" if the parts make a real day, else null. */
function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Date, recording ID and patient code of an EDF/EDF+ header (resampling is the caller's to add). */
export function edfIdentity(h: EdfIdentityFields): Omit<RecordingInfo, "resampled_from_hz"> {
  const plus = h.kind !== "";
  const rec = h.recording.trim().split(/\s+/);
  const plusRecording = plus && rec[0] === "Startdate";
  let date: string | null = null;
  const long = plusRecording ? /^(\d\d)-([A-Z]{3})-(\d{4})$/.exec(rec[1] ?? "") : null;
  if (long && MONTHS.includes(long[2])) date = isoDate(Number(long[3]), MONTHS.indexOf(long[2]) + 1, Number(long[1]));
  if (date === null) {
    const short = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(h.start_date.trim());
    if (short) {
      const yy = Number(short[3]);
      date = isoDate(yy >= 85 ? 1900 + yy : 2000 + yy, Number(short[2]), Number(short[1]));
    }
  }
  const id = plusRecording ? known(rec[2]) : known(h.recording.trim() || undefined);
  const patient = plus ? known(h.patient.trim().split(/\s+/)[0]) : known(h.patient.trim() || undefined);
  return { date, id, patient };
}
