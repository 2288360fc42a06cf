import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AggregateHeatmapOptions, aggregateHeatmap, type CountRow, maxCells } from "./aggregate-heatmap.ts";
import type { Granularity, HeatmapRow, WeekStart } from "./heatmap-data.ts";
import { bucketStarts } from "./time-buckets.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

const rows: HeatmapRow[] = [
  { key: "law", label: "Law" },
  { key: "art", label: "Art" },
  { key: "bio", label: "Biology" },
];

function options(overrides: Partial<AggregateHeatmapOptions> = {}): AggregateHeatmapOptions {
  return {
    granularity: "day",
    tz: "Europe/Berlin",
    weekStart: "monday",
    groupBy: "program",
    from: at("2026-03-27T23:00:00Z"), // 2026-03-28 00:00 CET
    to: at("2026-03-30T22:00:00Z"), // 2026-03-31 00:00 CEST
    rows,
    ...overrides,
  };
}

function count(rowKey: string, iso: string, applications: number, admitted = 0, rejected = 0): CountRow {
  return { rowKey, start: at(iso), applications, admitted, rejected };
}

/** Local date of an instant, read with Intl: the naive path shares no code with the one under test. */
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
function localDate(ms: number, tz: string): string {
  let format = oracleFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    oracleFormats.set(tz, format);
  }
  const p = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** First local date of the bucket holding a local date, by date arithmetic alone. */
function firstDate(date: string, granularity: Granularity, weekStart: WeekStart): string {
  if (granularity === "day") return date;
  if (granularity === "month") return `${date.slice(0, 8)}01`;
  const noon = Date.parse(`${date}T12:00:00Z`);
  const weekday = new Date(noon).getUTCDay(); // 0 = Sunday
  const back = weekStart === "sunday" ? weekday : (weekday + 6) % 7;
  return new Date(noon - back * DAY).toISOString().slice(0, 10);
}

describe("aggregateHeatmap", () => {
  it("sums counts per row and bucket and derives decided and rate", () => {
    const data = aggregateHeatmap(
      [
        count("law", "2026-03-28T08:00:00Z", 3, 1, 1),
        count("law", "2026-03-28T21:00:00Z", 2, 1, 0),
        count("law", "2026-03-29T00:30:00Z", 4), // 01:30 CET on the spring-forward day
        count("art", "2026-03-29T21:59:59.999Z", 0, 0, 2), // decisions only, last ms of the 29th
        count("art", "2026-03-29T22:00:00Z", 5, 0, 0), // first ms of the 30th
      ],
      options(),
    );
    expect(data.bucketLabels).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    expect(data.cells).toEqual([
      { row: 0, bucket: 0, applications: 5, admitted: 2, decided: 3, rate: 2 / 3, z: null, anomaly: false },
      { row: 0, bucket: 1, applications: 4, admitted: 0, decided: 0, rate: null, z: null, anomaly: false },
      { row: 1, bucket: 1, applications: 0, admitted: 0, decided: 2, rate: 0, z: null, anomaly: false },
      { row: 1, bucket: 2, applications: 5, admitted: 0, decided: 0, rate: null, z: null, anomaly: false },
    ]);
  });

  it("orders cells by the given rows, then by bucket, whatever the input order", () => {
    const counts = [
      count("law", "2026-03-30T10:00:00Z", 1),
      count("bio", "2026-03-29T10:00:00Z", 1),
      count("art", "2026-03-30T10:00:00Z", 1),
      count("law", "2026-03-28T10:00:00Z", 1),
      count("bio", "2026-03-28T10:00:00Z", 1),
    ];
    const reordered = [rows[2], rows[0], rows[1]] as HeatmapRow[];
    const data = aggregateHeatmap(counts, options({ rows: reordered }));
    expect(data.rows.map((r) => r.key)).toEqual(["bio", "law", "art"]);
    expect(data.cells.map((c) => [c.row, c.bucket])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 2],
      [2, 2],
    ]);
  });

  it("ignores unknown rows, counts outside [from, to) and all-zero counts", () => {
    const o = options();
    const data = aggregateHeatmap(
      [
        { rowKey: "law", start: o.from - 1, applications: 7, admitted: 7, rejected: 0 },
        { rowKey: "law", start: o.from, applications: 1, admitted: 0, rejected: 0 },
        { rowKey: "law", start: o.to - 1, applications: 2, admitted: 0, rejected: 0 },
        { rowKey: "law", start: o.to, applications: 7, admitted: 7, rejected: 0 },
        { rowKey: "chemistry", start: o.from + HOUR, applications: 7, admitted: 7, rejected: 0 },
        { rowKey: "art", start: o.from + HOUR, applications: 0, admitted: 0, rejected: 0 },
      ],
      o,
    );
    expect(data.cells.map((c) => [c.row, c.bucket, c.applications])).toEqual([
      [0, 0, 1],
      [0, 2, 2],
    ]);
  });

  it("gives empty input its full bucket grid and no cells", () => {
    const data = aggregateHeatmap(
      [],
      options({
        granularity: "week",
        from: at("2026-03-25T12:00:00Z"),
        to: at("2026-04-08T12:00:00Z"),
        groupBy: "channel",
      }),
    );
    expect(data).toEqual({
      granularity: "week",
      tz: "Europe/Berlin",
      weekStart: "monday",
      groupBy: "channel",
      from: "2026-03-22T23:00:00.000Z",
      to: "2026-04-12T22:00:00.000Z",
      rows,
      buckets: ["2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z", "2026-04-05T22:00:00.000Z"],
      bucketLabels: ["2026-W13", "2026-W14", "2026-W15"],
      cells: [],
      anomaly: { method: "robust", threshold: 3 },
    });
  });

  it("labels Sunday weeks by their Sunday", () => {
    const data = aggregateHeatmap(
      [],
      options({
        granularity: "week",
        weekStart: "sunday",
        from: at("2026-03-25T12:00:00Z"),
        to: at("2026-04-08T12:00:00Z"),
      }),
    );
    expect(data.bucketLabels).toEqual(["wk of 2026-03-22", "wk of 2026-03-29", "wk of 2026-04-05"]);
  });

  it("refuses duplicate row keys, which would make cells ambiguous", () => {
    expect(() => aggregateHeatmap([], options({ rows: [rows[0], rows[0]] as HeatmapRow[] }))).toThrow(
      /duplicate row key/,
    );
  });

  it("equals a naive per-row computation over random raw rows", () => {
    const zones = [
      "UTC",
      "Europe/Berlin",
      "America/Havana",
      "America/Santiago",
      "Asia/Kolkata",
      "Asia/Kathmandu",
      "Pacific/Auckland",
    ];
    const from = at("2026-02-20T00:00:00Z");
    const to = at("2026-05-10T00:00:00Z");
    const keys = [...rows.map((r) => r.key), "unknown"];
    const rawRow = fc.record({
      rowKey: fc.constantFrom(...keys),
      start: fc.integer({ min: from - 5 * DAY, max: to + 5 * DAY }),
      applications: fc.nat(3),
      admitted: fc.nat(2),
      rejected: fc.nat(2),
    });
    fc.assert(
      fc.property(
        fc.array(rawRow, { maxLength: 300 }),
        fc.constantFrom(...zones),
        fc.constantFrom<Granularity>("day", "week", "month"),
        fc.constantFrom<WeekStart>("monday", "sunday"),
        fc.integer({ min: 0, max: 10 * DAY }),
        (counts, tz, granularity, weekStart, trim) => {
          const o = options({ tz, granularity, weekStart, from: from + trim, to: to - trim });
          const data = aggregateHeatmap(counts, o);

          const expected = new Map<string, { applications: number; admitted: number; decided: number }>();
          for (const c of counts) {
            const row = rows.findIndex((r) => r.key === c.rowKey);
            if (row < 0 || c.start < o.from || c.start >= o.to) continue;
            const key = `${row} ${firstDate(localDate(c.start, tz), granularity, weekStart)}`;
            const sum = expected.get(key) ?? { applications: 0, admitted: 0, decided: 0 };
            sum.applications += c.applications;
            sum.admitted += c.admitted;
            sum.decided += c.admitted + c.rejected;
            expected.set(key, sum);
          }
          for (const [key, sum] of expected) if (sum.applications === 0 && sum.decided === 0) expected.delete(key);

          const actual = new Map(
            data.cells.map((c) => [
              `${c.row} ${localDate(Date.parse(data.buckets[c.bucket] as string), tz)}`,
              { applications: c.applications, admitted: c.admitted, decided: c.decided },
            ]),
          );
          expect(actual).toEqual(expected);
          for (const c of data.cells) expect(c.rate).toBe(c.decided > 0 ? c.admitted / c.decided : null);
          const order = data.cells.map((c) => c.row * data.buckets.length + c.bucket);
          expect(order).toEqual([...order].sort((a, b) => a - b));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("maxCells", () => {
  it("is rows × buckets of the grid, known before aggregating", () => {
    for (const granularity of ["day", "week", "month"] as const) {
      const o = options({ granularity, from: at("2024-01-01T00:00:00Z"), to: at("2027-01-01T00:00:00Z") });
      const buckets = bucketStarts(o.from, o.to, granularity, o.tz, o.weekStart).length;
      expect(maxCells(o)).toBe(rows.length * buckets);
    }
    expect(maxCells(options({ from: at("2024-01-01T00:00:00Z"), to: at("2027-01-01T00:00:00Z") }))).toBe(3 * 1097);
  });
});
