import { civilFromDays, daysFromCivil } from "./civil-days.ts";
import type { Granularity, WeekStart } from "./heatmap-data.ts";
import { type ZoneOffsets, zoneOffsets } from "./zone-offsets.ts";

/**
 * Calendar buckets (local days, weeks, months) in an IANA time zone, as UTC instants.
 *
 * Offsets come from Intl.DateTimeFormat, but only while building a per-zone table of
 * offset segments (zone-offsets.ts); every other question (local date, local midnight) is answered by
 * arithmetic over that table, so bucketing thousands of instants costs no Intl calls.
 *
 * A bucket starts at the first instant whose local date is on or after its first day.
 * Usually that is local midnight; where a DST change skips midnight (America/Santiago,
 * America/Havana) it is the transition instant, e.g. 01:00; where midnight is repeated,
 * it is the first 00:00.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Larger than any UTC offset, so a local wall time W is always read after instant W - this. */
const MAX_OFFSET_MS = 26 * HOUR;

/** 0 = Monday … 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
function isoWeekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

function weekdayFromStart(days: number, weekStart: WeekStart): number {
  return weekStart === "monday" ? isoWeekday(days) : (isoWeekday(days) + 1) % 7;
}

function firstDayOfBucket(days: number, granularity: Granularity, weekStart: WeekStart): number {
  if (granularity === "day") return days;
  if (granularity === "week") return days - weekdayFromStart(days, weekStart);
  const { year, month } = civilFromDays(days);
  return daysFromCivil(year, month, 1);
}

function firstDayOfNextBucket(firstDay: number, granularity: Granularity): number {
  if (granularity === "day") return firstDay + 1;
  if (granularity === "week") return firstDay + 7;
  const { year, month } = civilFromDays(firstDay);
  return month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
}

function localDays(z: ZoneOffsets, ms: number): number {
  return Math.floor((ms + z.offsetAt(ms)) / DAY);
}

/** The first instant whose local wall time is at or after 00:00 of `days`. */
function firstInstantOfDay(z: ZoneOffsets, days: number): number {
  const wall = days * DAY;
  let t = wall - MAX_OFFSET_MS;
  for (;;) {
    const segment = z.segmentAt(t);
    // Within a segment the wall clock runs with the UTC clock, so its last wall time is end - 1 + offset.
    if (segment.end + segment.offset > wall) return Math.max(t, wall - segment.offset);
    t = segment.end;
  }
}

interface Bucket {
  firstDay: number;
  start: number;
}

function bucketContaining(z: ZoneOffsets, ms: number, granularity: Granularity, weekStart: WeekStart): Bucket {
  let firstDay = firstDayOfBucket(localDays(z, ms), granularity, weekStart);
  let start = firstInstantOfDay(z, firstDay);
  // Only where the clock falls back across midnight can a later bucket already have begun.
  for (;;) {
    const next = bucketAfter(z, { firstDay, start }, granularity);
    if (next.start > ms) return { firstDay, start };
    firstDay = next.firstDay;
    start = next.start;
  }
}

/** Skips buckets of zero length (a local date the zone skipped entirely, like Pacific/Apia's 2011-12-30). */
function bucketAfter(z: ZoneOffsets, bucket: Bucket, granularity: Granularity): Bucket {
  let firstDay = bucket.firstDay;
  for (;;) {
    firstDay = firstDayOfNextBucket(firstDay, granularity);
    const start = firstInstantOfDay(z, firstDay);
    if (start > bucket.start) return { firstDay, start };
  }
}

/** UTC instant at which the day, week or month containing `ms` starts in `tz`. */
export function startOfBucket(ms: number, granularity: Granularity, tz: string, weekStart: WeekStart): number {
  return bucketContaining(zoneOffsets(tz), ms, granularity, weekStart).start;
}

/** UTC instant at which the bucket after the one containing `start` starts. */
export function nextBucketStart(start: number, granularity: Granularity, tz: string, weekStart: WeekStart): number {
  const z = zoneOffsets(tz);
  return bucketAfter(z, bucketContaining(z, start, granularity, weekStart), granularity).start;
}

/** Starts of all buckets that intersect [fromMs, toMs), in order; bucket i ends where i + 1 starts. */
export function bucketStarts(
  fromMs: number,
  toMs: number,
  granularity: Granularity,
  tz: string,
  weekStart: WeekStart,
): number[] {
  if (!(fromMs < toMs)) return [];
  const z = zoneOffsets(tz);
  let bucket = bucketContaining(z, fromMs, granularity, weekStart);
  const starts: number[] = [];
  while (bucket.start < toMs) {
    starts.push(bucket.start);
    bucket = bucketAfter(z, bucket, granularity);
  }
  return starts;
}

/**
 * How many buckets intersect [fromMs, toMs), from the local dates of the two ends only, so a
 * request can be sized before any table is built for its whole range. Equals
 * `bucketStarts(...).length` except where the zone skipped a whole local date (one more per date).
 */
export function bucketCount(
  fromMs: number,
  toMs: number,
  granularity: Granularity,
  tz: string,
  weekStart: WeekStart,
): number {
  if (!(fromMs < toMs)) return 0;
  const z = zoneOffsets(tz);
  const first = firstDayOfBucket(localDays(z, fromMs), granularity, weekStart);
  const last = firstDayOfBucket(localDays(z, toMs - 1), granularity, weekStart);
  if (granularity === "day") return last - first + 1;
  if (granularity === "week") return (last - first) / 7 + 1;
  const a = civilFromDays(first);
  const b = civilFromDays(last);
  return (b.year - a.year) * 12 + (b.month - a.month) + 1;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function isoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** ISO-8601 week-numbering year and week of a date: the week belongs to the year of its Thursday. */
function isoWeek(days: number): { year: number; week: number } {
  const thursday = days - isoWeekday(days) + 3;
  const year = civilFromDays(thursday).year;
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

/**
 * Short label of the bucket starting at `start`, read in `tz`:
 * - day: "2026-03-29";
 * - week starting Monday: the ISO-8601 week, "2026-W13" (W53 where the ISO year has one);
 * - week starting Sunday: "wk of 2026-03-29", the date of its Sunday. ISO weeks start on Monday,
 *   so an ISO number would name a week the Sunday is not in; admins who start weeks on Sunday
 *   say "the week of March 29";
 * - month: "2026-03".
 */
export function bucketLabel(start: number, granularity: Granularity, tz: string, weekStart: WeekStart): string {
  const days = localDays(zoneOffsets(tz), start);
  if (granularity === "day") return isoDate(days);
  if (granularity === "month") return isoDate(days).slice(0, 7);
  if (weekStart === "sunday") return `wk of ${isoDate(firstDayOfBucket(days, "week", "sunday"))}`;
  const { year, week } = isoWeek(days);
  return `${pad(year, 4)}-W${pad(week)}`;
}

/**
 * True when every UTC offset `tz` uses in [fromMs, toMs) is a whole number of hours, so hourly
 * UTC rollups cut exactly into local days. Walks the zone's offset table (offsets sampled daily,
 * each change located to the second), so it sees every offset in the range, not a sample.
 */
export function hasWholeHourOffsets(tz: string, fromMs: number, toMs: number): boolean {
  const z = zoneOffsets(tz);
  for (let t = fromMs; t < toMs; ) {
    const segment = z.segmentAt(t);
    if (segment.offset % HOUR !== 0) return false;
    t = segment.end;
  }
  return true;
}

export interface CalendarPosition {
  /** Week column, 0 = the week of the first bucket. */
  week: number;
  /** 0 = the week's first day (Monday or Sunday) … 6. */
  weekday: number;
}

export interface CalendarLayout {
  /** Number of week columns. */
  weeks: number;
  /** One position per bucket start, in the given order. */
  positions: CalendarPosition[];
}

/** Places day buckets on a calendar grid of weeks (columns) × weekdays (rows) in `tz`. */
export function calendarLayout(starts: readonly number[], tz: string, weekStart: WeekStart): CalendarLayout {
  const first = starts[0];
  if (first === undefined) return { weeks: 0, positions: [] };
  const z = zoneOffsets(tz);
  const firstWeekDay = firstDayOfBucket(localDays(z, first), "week", weekStart);
  let weeks = 0;
  const positions = starts.map((start) => {
    const days = localDays(z, start);
    const week = Math.floor((days - firstWeekDay) / 7);
    weeks = Math.max(weeks, week + 1);
    return { week, weekday: weekdayFromStart(days, weekStart) };
  });
  return { weeks, positions };
}
