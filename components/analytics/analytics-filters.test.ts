import { describe, expect, it } from "vitest";
import type { HeatmapData } from "@/lib/domain/heatmap-data";
import {
  addDays,
  addYears,
  defaultFilters,
  describeView,
  drillDown,
  filtersFromQuery,
  filtersToQuery,
  localDate,
} from "./analytics-filters";

function data(overrides: Partial<HeatmapData>): HeatmapData {
  return {
    granularity: "month",
    tz: "Europe/Berlin",
    weekStart: "monday",
    groupBy: "program",
    from: "2025-12-31T23:00:00.000Z",
    to: "2026-03-31T22:00:00.000Z",
    rows: [{ key: "p1", label: "P1" }],
    // January, February, March 2026 in Berlin (DST begins on 29 March).
    buckets: ["2025-12-31T23:00:00.000Z", "2026-01-31T23:00:00.000Z", "2026-02-28T23:00:00.000Z"],
    bucketLabels: ["2026-01", "2026-02", "2026-03"],
    cells: [],
    anomaly: { method: "robust", threshold: 3 },
    ...overrides,
  };
}

describe("dates", () => {
  it("reads the calendar date of an instant in a zone", () => {
    expect(localDate(Date.parse("2026-03-01T23:30:00Z"), "Europe/Berlin")).toBe("2026-03-02");
    expect(localDate(Date.parse("2026-03-01T23:30:00Z"), "America/New_York")).toBe("2026-03-01");
  });

  it("moves dates by days across months and years, and a leap day by years to the 28th", () => {
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addYears("2024-02-29", -1)).toBe("2023-02-28");
    expect(addYears("2026-03-15", -1)).toBe("2025-03-15");
  });
});

describe("filters in the URL", () => {
  it("round-trips through the query, leaving out an automatic zone and all programs", () => {
    const filters = { ...defaultFilters("2026-03-15"), programs: ["a", "b"], groupBy: "channel" as const };
    const query = filtersToQuery(filters);
    expect(query.has("tz")).toBe(false);
    expect(query.get("programs")).toBe("a,b");
    expect(filtersFromQuery(query, "2000-01-01")).toEqual(filters);
    expect(filtersToQuery(defaultFilters("2026-03-15")).has("programs")).toBe(false);
  });

  it("falls back to the defaults for malformed values", () => {
    const filters = filtersFromQuery(new URLSearchParams("granularity=hour&from=yesterday&groupBy=x"), "2026-03-15");
    expect(filters).toEqual(defaultFilters("2026-03-15"));
    expect(filters.from).toBe("2025-03-15");
  });
});

describe("drillDown", () => {
  const base = { ...defaultFilters("2026-03-15"), granularity: "month" as const, tz: "" };

  it("opens a month as its weeks, over that month's local dates, in the zone it was cut in", () => {
    expect(drillDown(base, data({}), 2)).toMatchObject({
      granularity: "week",
      from: "2026-03-01",
      to: "2026-03-31",
      tz: "Europe/Berlin",
    });
    expect(drillDown(base, data({}), 1)).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("opens a week as its days and has nothing under a day", () => {
    const weeks = data({
      granularity: "week",
      weekStart: "sunday",
      buckets: ["2026-03-21T23:00:00.000Z", "2026-03-28T23:00:00.000Z"],
      bucketLabels: ["wk of 2026-03-22", "wk of 2026-03-29"],
      to: "2026-04-04T22:00:00.000Z",
    });
    expect(drillDown(base, weeks, 0)).toMatchObject({ granularity: "day", from: "2026-03-22", to: "2026-03-28" });
    expect(drillDown(base, weeks, 1)).toMatchObject({ from: "2026-03-29", to: "2026-04-04", weekStart: "sunday" });
    expect(drillDown(base, data({ granularity: "day" }), 0)).toBeNull();
  });

  it("describes a view for the breadcrumb", () => {
    expect(describeView({ from: "2026-03-01", to: "2026-03-31", granularity: "week" })).toBe(
      "2026-03-01 to 2026-03-31 by weeks",
    );
  });
});
