import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Granularity, WeekStart } from "./heatmap-data.ts";
import {
  bucketCount,
  bucketLabel,
  bucketStarts,
  calendarLayout,
  hasWholeHourOffsets,
  nextBucketStart,
  startOfBucket,
} from "./time-buckets.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** The oracle: wall-clock date and weekday straight from Intl, independent of the code under test. */
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
function wall(ms: number, tz: string): { date: string; time: string; weekday: string } {
  let format = oracleFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    oracleFormats.set(tz, format);
  }
  const p = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, weekday: `${p.weekday}` };
}

/** Whole days from date a to date b ("YYYY-MM-DD"). */
function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY;
}

/** The bucket [start, end) containing `ms`. */
function bucketOf(ms: number, granularity: Granularity, tz: string, weekStart: WeekStart = "monday") {
  const start = startOfBucket(ms, granularity, tz, weekStart);
  return { start: iso(start), end: iso(nextBucketStart(start, granularity, tz, weekStart)) };
}

function dayLengthHours(date: string, tz: string): number {
  const start = startOfBucket(at(`${date}T12:00:00Z`), "day", tz, "monday");
  return (nextBucketStart(start, "day", tz, "monday") - start) / HOUR;
}

describe("startOfBucket: days", () => {
  it("gives Europe/Berlin's spring-forward day (2026-03-29) 23 hours, starting at local midnight", () => {
    const day = { start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z" };
    // 01:59:59.999 CET, then 03:00 CEST: both sides of the gap are the 29th.
    expect(bucketOf(at("2026-03-29T00:59:59.999Z"), "day", "Europe/Berlin")).toEqual(day);
    expect(bucketOf(at("2026-03-29T01:00:00.000Z"), "day", "Europe/Berlin")).toEqual(day);
    expect(bucketOf(at("2026-03-28T23:00:00.000Z"), "day", "Europe/Berlin")).toEqual(day);
    expect(bucketOf(at("2026-03-29T21:59:59.999Z"), "day", "Europe/Berlin")).toEqual(day);
    expect(bucketOf(at("2026-03-28T22:59:59.999Z"), "day", "Europe/Berlin").end).toBe(day.start);
    expect(bucketOf(at("2026-03-29T22:00:00.000Z"), "day", "Europe/Berlin").start).toBe(day.end);
    expect(dayLengthHours("2026-03-29", "Europe/Berlin")).toBe(23);
    expect(dayLengthHours("2026-03-28", "Europe/Berlin")).toBe(24);
  });

  it("gives Europe/Berlin's fall-back day (2026-10-25) 25 hours, the repeated hour included once each time", () => {
    const day = { start: "2026-10-24T22:00:00.000Z", end: "2026-10-25T23:00:00.000Z" };
    // 02:59:59.999 CEST, then 02:00 CET.
    expect(bucketOf(at("2026-10-25T00:59:59.999Z"), "day", "Europe/Berlin")).toEqual(day);
    expect(bucketOf(at("2026-10-25T01:00:00.000Z"), "day", "Europe/Berlin")).toEqual(day);
    expect(bucketOf(at("2026-10-25T22:59:59.999Z"), "day", "Europe/Berlin")).toEqual(day);
    expect(bucketOf(at("2026-10-24T21:59:59.999Z"), "day", "Europe/Berlin").end).toBe(day.start);
    expect(bucketOf(at("2026-10-25T23:00:00.000Z"), "day", "Europe/Berlin").start).toBe(day.end);
    expect(dayLengthHours("2026-10-25", "Europe/Berlin")).toBe(25);
  });

  it("starts a day at 01:00 where DST skips midnight, and at the first midnight where it repeats it (America/Havana)", () => {
    // 2026-03-08: 00:00 CST jumps to 01:00 CDT, so the 8th begins at 01:00 local = 05:00Z.
    expect(bucketOf(at("2026-03-08T05:00:00.000Z"), "day", "America/Havana")).toEqual({
      start: "2026-03-08T05:00:00.000Z",
      end: "2026-03-09T04:00:00.000Z",
    });
    expect(wall(at("2026-03-08T05:00:00.000Z"), "America/Havana").time).toBe("01:00:00");
    expect(bucketOf(at("2026-03-08T04:59:59.999Z"), "day", "America/Havana").start).toBe("2026-03-07T05:00:00.000Z");
    // 2026-11-01: 01:00 CDT falls back to 00:00 CST; the 1st starts at the first 00:00 and lasts 25 hours.
    expect(bucketOf(at("2026-11-01T04:30:00.000Z"), "day", "America/Havana")).toEqual({
      start: "2026-11-01T04:00:00.000Z",
      end: "2026-11-02T05:00:00.000Z",
    });
    expect(bucketOf(at("2026-11-01T05:30:00.000Z"), "day", "America/Havana").start).toBe("2026-11-01T04:00:00.000Z");
    expect(bucketOf(at("2026-11-01T03:59:59.999Z"), "day", "America/Havana").end).toBe("2026-11-01T04:00:00.000Z");
  });

  it("handles America/Santiago's DST changes at midnight", () => {
    // 2026-09-06: 24:00 -04 becomes 01:00 -03.
    expect(bucketOf(at("2026-09-06T04:00:00.000Z"), "day", "America/Santiago")).toEqual({
      start: "2026-09-06T04:00:00.000Z",
      end: "2026-09-07T03:00:00.000Z",
    });
    expect(bucketOf(at("2026-09-06T03:59:59.999Z"), "day", "America/Santiago").start).toBe("2026-09-05T04:00:00.000Z");
    // 2026-04-04 ends at 24:00 -03, which becomes 23:00 -04: a 25-hour Saturday.
    expect(bucketOf(at("2026-04-05T03:30:00.000Z"), "day", "America/Santiago")).toEqual({
      start: "2026-04-04T03:00:00.000Z",
      end: "2026-04-05T04:00:00.000Z",
    });
  });

  it("cuts Asia/Shanghai (UTC+8, no DST) into 24-hour days starting at 16:00Z", () => {
    const starts = bucketStarts(
      at("2026-01-01T00:00:00+08:00"),
      at("2027-01-01T00:00:00+08:00"),
      "day",
      "Asia/Shanghai",
      "monday",
    );
    expect(starts).toHaveLength(365);
    expect(iso(starts[0] as number)).toBe("2025-12-31T16:00:00.000Z");
    expect(starts.every((s, i) => i === 0 || s - (starts[i - 1] as number) === DAY)).toBe(true);
    expect(bucketOf(at("2026-06-30T15:59:59.999Z"), "day", "Asia/Shanghai").start).toBe("2026-06-29T16:00:00.000Z");
    expect(bucketOf(at("2026-06-30T16:00:00.000Z"), "day", "Asia/Shanghai").start).toBe("2026-06-30T16:00:00.000Z");
  });

  it("cuts half- and quarter-hour zones at their own midnight (Asia/Kolkata +5:30, Asia/Kathmandu +5:45)", () => {
    expect(bucketOf(at("2026-03-29T18:29:59.999Z"), "day", "Asia/Kolkata")).toEqual({
      start: "2026-03-28T18:30:00.000Z",
      end: "2026-03-29T18:30:00.000Z",
    });
    expect(bucketOf(at("2026-03-29T18:30:00.000Z"), "day", "Asia/Kolkata").start).toBe("2026-03-29T18:30:00.000Z");
    expect(bucketOf(at("2026-03-29T18:14:59.999Z"), "day", "Asia/Kathmandu").start).toBe("2026-03-28T18:15:00.000Z");
    expect(bucketOf(at("2026-03-29T18:15:00.000Z"), "day", "Asia/Kathmandu")).toEqual({
      start: "2026-03-29T18:15:00.000Z",
      end: "2026-03-30T18:15:00.000Z",
    });
  });

  it("crosses the year end in a zone ahead of UTC (Pacific/Auckland, +13 in summer)", () => {
    expect(bucketOf(at("2026-12-31T10:59:59.999Z"), "day", "Pacific/Auckland").start).toBe("2026-12-30T11:00:00.000Z");
    expect(bucketOf(at("2026-12-31T11:00:00.000Z"), "day", "Pacific/Auckland")).toEqual({
      start: "2026-12-31T11:00:00.000Z",
      end: "2027-01-01T11:00:00.000Z",
    });
  });
});

describe("startOfBucket: weeks", () => {
  it("starts weeks on Monday or Sunday as asked", () => {
    const sunday = at("2026-03-29T10:00:00Z"); // Sunday noon in Berlin
    const monday = at("2026-03-30T10:00:00Z");
    expect(bucketOf(sunday, "week", "Europe/Berlin", "monday")).toEqual({
      start: "2026-03-22T23:00:00.000Z",
      end: "2026-03-29T22:00:00.000Z", // 7 days minus the hour DST took
    });
    expect(bucketOf(monday, "week", "Europe/Berlin", "monday").start).toBe("2026-03-29T22:00:00.000Z");
    expect(bucketOf(sunday, "week", "Europe/Berlin", "sunday")).toEqual({
      start: "2026-03-28T23:00:00.000Z",
      end: "2026-04-04T22:00:00.000Z",
    });
    expect(bucketOf(monday, "week", "Europe/Berlin", "sunday").start).toBe("2026-03-28T23:00:00.000Z");
    expect(bucketOf(at("2026-03-28T22:59:59.999Z"), "week", "Europe/Berlin", "sunday").start).toBe(
      "2026-03-21T23:00:00.000Z",
    );
  });

  it("starts a week across the year end on the right day", () => {
    // Thursday 2027-01-01 local (still 2026-12-31 in UTC) is in the week of Monday 2026-12-28.
    expect(bucketOf(at("2026-12-31T12:00:00Z"), "week", "Pacific/Auckland", "monday").start).toBe(
      "2026-12-27T11:00:00.000Z",
    );
    expect(bucketOf(at("2027-01-02T12:00:00Z"), "week", "America/Los_Angeles", "sunday")).toEqual({
      start: "2026-12-27T08:00:00.000Z",
      end: "2027-01-03T08:00:00.000Z",
    });
  });
});

describe("startOfBucket: months", () => {
  it("keeps a local January 31st evening in January though it is February in UTC (America/Los_Angeles)", () => {
    expect(bucketOf(at("2026-02-01T05:00:00Z"), "month", "America/Los_Angeles")).toEqual({
      start: "2026-01-01T08:00:00.000Z",
      end: "2026-02-01T08:00:00.000Z",
    });
    expect(bucketOf(at("2026-02-01T08:00:00Z"), "month", "America/Los_Angeles").start).toBe("2026-02-01T08:00:00.000Z");
  });

  it("gives February of leap year 2028 its 29 days (Asia/Kolkata)", () => {
    const feb = bucketOf(at("2028-02-29T18:29:59.999Z"), "month", "Asia/Kolkata");
    expect(feb).toEqual({ start: "2028-01-31T18:30:00.000Z", end: "2028-02-29T18:30:00.000Z" });
    expect((Date.parse(feb.end) - Date.parse(feb.start)) / DAY).toBe(29);
    expect(bucketOf(at("2028-02-29T18:30:00.000Z"), "month", "Asia/Kolkata").start).toBe("2028-02-29T18:30:00.000Z");
  });

  it("turns the year where local midnight does, not UTC's (Pacific/Auckland)", () => {
    expect(bucketOf(at("2026-12-31T10:59:59.999Z"), "month", "Pacific/Auckland")).toEqual({
      start: "2026-11-30T11:00:00.000Z",
      end: "2026-12-31T11:00:00.000Z",
    });
    expect(bucketOf(at("2026-12-31T11:00:00.000Z"), "month", "Pacific/Auckland")).toEqual({
      start: "2026-12-31T11:00:00.000Z",
      end: "2027-01-31T11:00:00.000Z",
    });
  });

  it("spans a DST change inside the month (Europe/Berlin, October 2026)", () => {
    expect(bucketOf(at("2026-10-15T12:00:00Z"), "month", "Europe/Berlin")).toEqual({
      start: "2026-09-30T22:00:00.000Z",
      end: "2026-10-31T23:00:00.000Z",
    });
  });
});

const zones = [
  "UTC",
  "Europe/Berlin",
  "America/Los_Angeles",
  "America/Santiago",
  "America/Havana",
  "America/St_Johns",
  "Asia/Shanghai",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Pyongyang",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "Pacific/Chatham",
];
const granularities: Granularity[] = ["day", "week", "month"];
const weekdayIndex: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

describe("startOfBucket against Intl's wall clock", () => {
  it("starts every bucket at the first instant of its first local date, and contains the instant", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at("2000-01-01T00:00:00Z"), max: at("2040-01-01T00:00:00Z") }),
        fc.constantFrom(...zones),
        fc.constantFrom(...granularities),
        fc.constantFrom<WeekStart>("monday", "sunday"),
        (ms, tz, granularity, weekStart) => {
          const start = startOfBucket(ms, granularity, tz, weekStart);
          const end = nextBucketStart(start, granularity, tz, weekStart);
          expect(start).toBeLessThanOrEqual(ms);
          expect(end).toBeGreaterThan(ms);
          const first = wall(start, tz);
          const before = wall(start - 1, tz);
          const local = wall(ms, tz);
          // The instant before the start belongs to an earlier local date.
          expect(before.date < first.date).toBe(true);
          if (granularity === "day") expect(first.date).toBe(local.date);
          if (granularity === "month") expect(first.date).toBe(`${local.date.slice(0, 7)}-01`);
          if (granularity === "week") {
            expect(weekdayIndex[first.weekday]).toBe(weekStart === "monday" ? 0 : 6);
            expect(daysBetween(first.date, local.date)).toBeGreaterThanOrEqual(0);
            expect(daysBetween(first.date, local.date)).toBeLessThan(7);
          }
          // The next bucket starts on the next first day.
          const next = wall(end, tz).date;
          const step = granularity === "day" ? 1 : granularity === "week" ? 7 : null;
          if (step !== null) expect(daysBetween(first.date, next)).toBe(step);
          else expect(next.slice(8)).toBe("01");
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("bucketStarts", () => {
  it("lists every bucket meeting [from, to), each ending where the next starts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at("2010-01-01T00:00:00Z"), max: at("2035-01-01T00:00:00Z") }),
        fc.integer({ min: 1, max: 400 * DAY }),
        fc.constantFrom(...zones),
        fc.constantFrom(...granularities),
        fc.constantFrom<WeekStart>("monday", "sunday"),
        (from, span, tz, granularity, weekStart) => {
          const to = from + span;
          const starts = bucketStarts(from, to, granularity, tz, weekStart);
          expect(starts[0]).toBe(startOfBucket(from, granularity, tz, weekStart));
          expect(starts.at(-1)).toBe(startOfBucket(to - 1, granularity, tz, weekStart));
          starts.slice(1).forEach((start, i) => {
            expect(nextBucketStart(starts[i] as number, granularity, tz, weekStart)).toBe(start);
          });
          expect(bucketCount(from, to, granularity, tz, weekStart)).toBe(starts.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is empty for an empty range", () => {
    expect(bucketStarts(at("2026-03-01T00:00:00Z"), at("2026-03-01T00:00:00Z"), "day", "UTC", "monday")).toEqual([]);
    expect(bucketCount(at("2026-03-02T00:00:00Z"), at("2026-03-01T00:00:00Z"), "day", "UTC", "monday")).toBe(0);
  });

  it("includes the partial buckets at both ends", () => {
    const starts = bucketStarts(
      at("2026-03-04T12:00:00Z"),
      at("2026-04-02T00:00:00Z"),
      "month",
      "Europe/Berlin",
      "monday",
    );
    expect(starts.map(iso)).toEqual(["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
  });

  it("leaves out a local date the zone skipped (Pacific/Apia, 2011-12-30)", () => {
    const tz = "Pacific/Apia";
    // From 2011-12-28 14:00 (-10) to 2011-12-31 14:00 (+14) local.
    const starts = bucketStarts(at("2011-12-29T00:00:00Z"), at("2011-12-31T00:00:00Z"), "day", tz, "monday");
    expect(starts.map((s) => bucketLabel(s, "day", tz, "monday"))).toEqual(["2011-12-28", "2011-12-29", "2011-12-31"]);
    expect(nextBucketStart(starts[1] as number, "day", tz, "monday")).toBe(starts[2]);
  });
});

describe("bucketLabel", () => {
  const weekLabel = (date: string, tz = "UTC") =>
    bucketLabel(startOfBucket(at(`${date}T12:00:00Z`), "week", tz, "monday"), "week", tz, "monday");

  it("names days and months by their local date", () => {
    const newYear = at("2026-12-31T11:00:00Z"); // 2027-01-01 00:00 in Auckland
    expect(bucketLabel(newYear, "day", "Pacific/Auckland", "monday")).toBe("2027-01-01");
    expect(bucketLabel(newYear, "month", "Pacific/Auckland", "monday")).toBe("2027-01");
    expect(bucketLabel(newYear, "day", "UTC", "monday")).toBe("2026-12-31");
    expect(bucketLabel(at("2028-02-29T18:29:00Z"), "day", "Asia/Kolkata", "monday")).toBe("2028-02-29");
  });

  it("names Monday weeks by ISO-8601 week, including week 53", () => {
    expect(weekLabel("2026-03-29")).toBe("2026-W13");
    expect(weekLabel("2026-03-30")).toBe("2026-W14");
    expect(weekLabel("2020-12-31")).toBe("2020-W53");
    expect(weekLabel("2021-01-03")).toBe("2020-W53");
    expect(weekLabel("2021-01-04")).toBe("2021-W01");
    expect(weekLabel("2026-12-28")).toBe("2026-W53");
    expect(weekLabel("2027-01-01")).toBe("2026-W53");
    expect(weekLabel("2027-01-04")).toBe("2027-W01");
    expect(weekLabel("2025-12-29")).toBe("2026-W01");
    expect(weekLabel("2026-01-01")).toBe("2026-W01");
  });

  it("reads the ISO week in the zone, not in UTC", () => {
    // Monday 2027-01-04 00:30 in Berlin is still Sunday in UTC.
    const start = startOfBucket(at("2027-01-03T23:30:00Z"), "week", "Europe/Berlin", "monday");
    expect(bucketLabel(start, "week", "Europe/Berlin", "monday")).toBe("2027-W01");
  });

  it("names Sunday weeks by the date of their Sunday", () => {
    const start = startOfBucket(at("2026-04-01T12:00:00Z"), "week", "Europe/Berlin", "sunday");
    expect(bucketLabel(start, "week", "Europe/Berlin", "sunday")).toBe("wk of 2026-03-29");
    const yearEnd = startOfBucket(at("2027-01-01T12:00:00Z"), "week", "America/Los_Angeles", "sunday");
    expect(bucketLabel(yearEnd, "week", "America/Los_Angeles", "sunday")).toBe("wk of 2026-12-27");
  });
});

describe("hasWholeHourOffsets", () => {
  const y2024 = at("2024-01-01T00:00:00Z");
  const y2027 = at("2027-01-01T00:00:00Z");

  it("is true for zones on whole hours, DST included", () => {
    for (const tz of ["UTC", "Europe/Berlin", "America/Santiago", "Asia/Shanghai", "Pacific/Auckland"]) {
      expect(hasWholeHourOffsets(tz, y2024, y2027)).toBe(true);
    }
  });

  it("is false for half- and quarter-hour zones", () => {
    for (const tz of ["Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham", "Asia/Tehran"]) {
      expect(hasWholeHourOffsets(tz, y2024, y2027)).toBe(false);
    }
  });

  it("looks only at the offsets used within the range, to the second", () => {
    // Lord Howe is +11 in summer, +10:30 in winter.
    expect(hasWholeHourOffsets("Australia/Lord_Howe", at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"))).toBe(
      true,
    );
    expect(hasWholeHourOffsets("Australia/Lord_Howe", at("2026-01-01T00:00:00Z"), at("2026-07-01T00:00:00Z"))).toBe(
      false,
    );
    // Pyongyang moved from +8:30 to +9 at 2018-05-04T15:00Z.
    const change = at("2018-05-04T15:00:00Z");
    expect(hasWholeHourOffsets("Asia/Pyongyang", change - 1000, change + DAY)).toBe(false);
    expect(hasWholeHourOffsets("Asia/Pyongyang", change, change + 365 * DAY)).toBe(true);
    // Colombo moved from +6 to +5:30 at 2006-04-14T18:30:00Z.
    const colombo = at("2006-04-14T18:30:00Z");
    expect(hasWholeHourOffsets("Asia/Colombo", colombo - DAY, colombo)).toBe(true);
    expect(hasWholeHourOffsets("Asia/Colombo", colombo - DAY, colombo + 1000)).toBe(false);
  });
});

describe("calendarLayout", () => {
  const days = bucketStarts(at("2026-03-25T12:00:00Z"), at("2026-04-07T12:00:00Z"), "day", "Europe/Berlin", "monday");

  it("places days in Monday-first week columns", () => {
    const { weeks, positions } = calendarLayout(days, "Europe/Berlin", "monday");
    expect(days).toHaveLength(14); // Wed 2026-03-25 … Tue 2026-04-07
    expect(weeks).toBe(3);
    expect(positions[0]).toEqual({ week: 0, weekday: 2 });
    expect(positions[4]).toEqual({ week: 0, weekday: 6 }); // Sun 29th
    expect(positions[5]).toEqual({ week: 1, weekday: 0 }); // Mon 30th
    expect(positions[13]).toEqual({ week: 2, weekday: 1 });
  });

  it("places days in Sunday-first week columns", () => {
    const { weeks, positions } = calendarLayout(days, "Europe/Berlin", "sunday");
    expect(weeks).toBe(3);
    expect(positions[0]).toEqual({ week: 0, weekday: 3 });
    expect(positions[4]).toEqual({ week: 1, weekday: 0 }); // Sun 29th
    expect(positions[11]).toEqual({ week: 2, weekday: 0 }); // Sun 5th
    expect(positions[13]).toEqual({ week: 2, weekday: 2 });
  });

  it("has no columns for no days", () => {
    expect(calendarLayout([], "Europe/Berlin", "monday")).toEqual({ weeks: 0, positions: [] });
  });
});
