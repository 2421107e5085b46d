// Wall-clock time, exactly: times of day as typed (hh:mm[:ss]), the time of day and date of an
// offset into a night that may cross midnight, onsets printed as times of day in the timeline and
// in JSON, and durations rounded once (a night of 7 h 59 min 40 s is 8 h 00 min, not 7 h 00 min).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EVENT } from "../../host/abi.js";
import type { NightRecord } from "../../host/record.js";
import { formatSummary } from "../../host/report/summaryText.js";
import { jsonLine, timelineLine } from "../../host/report/timeline.js";
import { clockTime, dateAt, formatTimeOfDay, hoursMinutes, parseTimeOfDay } from "../../host/timeOfDay.js";

const H = 3_600_000;

function record(start_ms_of_day: number, duration_ms: number, date?: string): NightRecord {
  return {
    source: "t", clock0_ms: 4_294_967_000, start_ms_of_day, duration_ms, sample_hz: 50,
    ...(date ? { recording: { date, id: null, patient: null, resampled_from_hz: null } } : {}),
    events: [], trace: { activity_mg: [], vibration_permille: [], heater_permille: [], pad_cdeg: [] },
  };
}

describe("times of day", () => {
  it("hh:mm and hh:mm:ss from 00:00 to 23:59:59", () => {
    assert.equal(parseTimeOfDay("22:30"), 22.5 * H);
    assert.equal(parseTimeOfDay("23:12:34"), (23 * 3600 + 12 * 60 + 34) * 1000);
    assert.equal(parseTimeOfDay("0:00"), 0);
    assert.equal(parseTimeOfDay(" 23:59:59 "), 86_399_000);
    for (const bad of ["24:00", "23:60", "23:59:60", "1350", "22:3", "22:30:5", "22.30", "-1:00", "22:30:00.5", ""]) {
      assert.equal(parseTimeOfDay(bad), null, bad);
    }
  });

  it("shown as typed: seconds only when there are some", () => {
    assert.equal(formatTimeOfDay(22.5 * H), "22:30");
    assert.equal(formatTimeOfDay(parseTimeOfDay("23:12:34")!), "23:12:34");
  });

  it("the time of day of an offset, to the ms, across midnight and for days", () => {
    const start = parseTimeOfDay("23:12:34")! + 260;
    assert.equal(clockTime(start, 0), "23:12:34.260");
    assert.equal(clockTime(start, 47 * 60_000 + 25_739), "23:59:59.999");
    assert.equal(clockTime(start, 47 * 60_000 + 25_740), "00:00:00.000");
    assert.equal(clockTime(start, 24 * H), "23:12:34.260");
    assert.equal(clockTime(0, -1), "23:59:59.999");
  });

  it("the date of an offset turns at midnight", () => {
    const start = 23.5 * H;
    assert.equal(dateAt("2020-02-28", start, 0), "2020-02-28");
    assert.equal(dateAt("2020-02-28", start, 0.5 * H - 1), "2020-02-28");
    assert.equal(dateAt("2020-02-28", start, 0.5 * H), "2020-02-29");
    assert.equal(dateAt("2020-02-28", start, 24.5 * H), "2020-03-01");
    assert.equal(dateAt("1999-12-31", start, 0.5 * H), "2000-01-01");
  });
});

describe("durations are rounded once", () => {
  it("hours and minutes from the minutes rounded", () => {
    assert.equal(hoursMinutes(8 * H - 20_000), "8 h 00 min");
    assert.equal(hoursMinutes(8 * H - 30_001), "7 h 59 min");
    assert.equal(hoursMinutes(59 * 60_000 + 30_000), "1 h 00 min");
    assert.equal(hoursMinutes(29_999), "0 h 00 min");
  });

  it("the summary's time in bed: 7 h 59 min 40 s is 8 h 00 min", () => {
    assert.match(formatSummary(record(22.5 * H, 8 * H - 20_000)), /Time in bed\s+8 h 00 min \(from 22:30\)/);
  });
});

describe("event lines", () => {
  const start = parseTimeOfDay("23:59:59")!;
  const night = record(start, 2 * H, "2020-05-17");
  // MOVE_START at 1.5 s after the start (the clock wrapped), its onset 0.4 s before that.
  const move = { now_ms: (4_294_967_000 + 1500) >>> 0, kind: EVENT.MOVE_START, a: (4_294_967_000 + 1100) >>> 0, b: 0 };

  it("the timeline gives the onset as a time of day", () => {
    assert.equal(timelineLine(night, move), "00:00:00.500  MOVE_START     onset 00:00:00.100 (detected 400 ms later)");
  });

  it("JSON gives the date (when the recording has one), the time and the onset", () => {
    const j = JSON.parse(jsonLine(night, move));
    assert.equal(j.date, "2020-05-18");
    assert.equal(j.time, "00:00:00.500");
    assert.equal(j.onset, "00:00:00.100");
    assert.equal(j.a, 1100 - 296, "a stays the raw u32 board clock");
    assert.equal(JSON.parse(jsonLine(record(start, H), move)).date, undefined, "no date without one");
    const onsetBeforeStart = { ...move, a: (4_294_967_000 - 300) >>> 0 };
    assert.equal(JSON.parse(jsonLine(night, onsetBeforeStart)).onset, "23:59:58.700", "an onset before the first sample");
  });
});
