import type { Granularity, GroupBy, HeatmapData, WeekStart } from "@/lib/domain/heatmap-data";

/**
 * What the analytics page shows. The names match the heatmap API's query
 * parameters, so the page's own URL query is the API query: a copied link
 * opens the same view, and the API's error messages name fields the admin
 * can see.
 */
export interface AnalyticsFilters {
  granularity: Granularity;
  /** Local dates (YYYY-MM-DD) in the zone, both inclusive. */
  from: string;
  to: string;
  /** IANA zone; "" lets the API choose (the first selected program's zone). */
  tz: string;
  weekStart: WeekStart;
  /** Program ids; empty means all programs. */
  programs: string[];
  groupBy: GroupBy;
}

const GRANULARITIES: readonly Granularity[] = ["day", "week", "month"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The calendar date of `ms` in `tz`, as YYYY-MM-DD. */
export function localDate(ms: number, tz: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${pad(part("year"), 4)}-${pad(part("month"))}-${pad(part("day"))}`;
}

/** A YYYY-MM-DD date moved by whole days (civil arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The same day `years` later (or earlier); 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, last))}`;
}

/** The heatmap API's own defaults: weeks over the year to `today`, all programs. */
export function defaultFilters(today: string): AnalyticsFilters {
  return {
    granularity: "week",
    from: addYears(today, -1),
    to: today,
    tz: "",
    weekStart: "monday",
    programs: [],
    groupBy: "program",
  };
}

/**
 * Filters from a URL query, anything missing or malformed taken from the
 * defaults (the API would refuse it, but a hand-edited link should still open).
 */
export function filtersFromQuery(query: URLSearchParams, today: string): AnalyticsFilters {
  const base = defaultFilters(today);
  const granularity = query.get("granularity");
  const from = query.get("from");
  const to = query.get("to");
  const programs = query.get("programs");
  return {
    granularity: GRANULARITIES.includes(granularity as Granularity) ? (granularity as Granularity) : base.granularity,
    from: from && DATE.test(from) ? from : base.from,
    to: to && DATE.test(to) ? to : base.to,
    tz: query.get("tz") ?? base.tz,
    weekStart: query.get("weekStart") === "sunday" ? "sunday" : "monday",
    programs: programs ? programs.split(",").filter((p) => p !== "") : base.programs,
    groupBy: query.get("groupBy") === "channel" ? "channel" : "program",
  };
}

/** The query of both the page URL and GET /api/analytics/heatmap; empty fields are left out so the API applies its defaults. */
export function filtersToQuery(filters: AnalyticsFilters): URLSearchParams {
  const query = new URLSearchParams();
  query.set("granularity", filters.granularity);
  if (filters.from) query.set("from", filters.from);
  if (filters.to) query.set("to", filters.to);
  if (filters.tz.trim()) query.set("tz", filters.tz.trim());
  query.set("weekStart", filters.weekStart);
  if (filters.programs.length > 0) query.set("programs", filters.programs.join(","));
  query.set("groupBy", filters.groupBy);
  return query;
}

const FINER: Partial<Record<Granularity, Granularity>> = { month: "week", week: "day" };

/**
 * Filters for drilling into bucket `index` of `data`: a month opens as its
 * weeks, a week as its days, over that bucket's local dates in the zone the
 * buckets were cut in (kept explicitly, so "automatic" cannot move them).
 * Null for day buckets, which have nothing finer.
 */
export function drillDown(filters: AnalyticsFilters, data: HeatmapData, index: number): AnalyticsFilters | null {
  const granularity = FINER[data.granularity];
  const start = data.buckets[index];
  if (!granularity || start === undefined) return null;
  const end = data.buckets[index + 1] ?? data.to;
  return {
    ...filters,
    granularity,
    // Per-program zones stay per-program: the bucket's local dates are the same in every row's zone.
    tz: data.perProgramZones ? "program" : data.tz,
    weekStart: data.weekStart,
    from: localDate(Date.parse(start), data.tz),
    // The bucket ends where the next starts (exclusive): its last day is the one holding the instant before.
    to: localDate(Date.parse(end) - 1, data.tz),
  };
}

const PLURAL: Record<Granularity, string> = { day: "days", week: "weeks", month: "months" };

/** A breadcrumb's words for a view: "2026-03-01 to 2026-03-31 by weeks". */
export function describeView(filters: Pick<AnalyticsFilters, "from" | "to" | "granularity">): string {
  return `${filters.from || "…"} to ${filters.to || "…"} by ${PLURAL[filters.granularity]}`;
}
