import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CountRow } from "../domain/aggregate-heatmap.ts";
import type { GroupBy } from "../domain/heatmap-data.ts";
import { startOfBucket } from "../domain/time-buckets.ts";
import type { Db } from "./create-db.ts";
import { type HeatmapSource, loadHeatmapCounts } from "./load-heatmap-counts.ts";
import { recordApplication } from "./record-application.ts";
import { seedHistory } from "./seed-history.ts";
import { openFreshDb } from "./testing/test-db.ts";

const NOW = Date.UTC(2026, 10, 22, 9, 30, 0);
const DAY = 86_400_000;

const sorted = (rows: CountRow[]) => [...rows].sort((a, b) => a.rowKey.localeCompare(b.rowKey) || a.start - b.start);

describe("loadHeatmapCounts", () => {
  let db: Db;
  let ids: Record<string, string>;
  beforeAll(async () => {
    ({ db } = await openFreshDb());
    await seedHistory(db, { now: NOW, size: 20_000, seed: 5 });
    ids = Object.fromEntries((await db.program.findMany()).map((p) => [p.slug, p.id]));
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  /** The whole history as local days of `tz`. */
  const wholeRange = (tz: string) => ({
    from: startOfBucket(NOW - 4 * 365 * DAY, "day", tz, "monday"),
    to: startOfBucket(NOW + DAY, "day", tz, "monday"),
  });

  /** The reference: every application of the programs put in its local day of `tz` in plain JavaScript. */
  async function recount(programIds: string[], tz: string, from: number, to: number, groupBy: GroupBy) {
    const applications = await db.application.findMany({ where: { programId: { in: programIds } } });
    const rows = new Map<string, CountRow>();
    for (const a of applications) {
      const start = startOfBucket(a.submittedAt.getTime(), "day", tz, "monday");
      if (start < from || start >= to) continue;
      const rowKey = groupBy === "program" ? a.programId : a.channel;
      const row = rows.get(`${rowKey} ${start}`) ?? { rowKey, start, applications: 0, admitted: 0, rejected: 0 };
      row.applications++;
      if (a.outcome === "ADMITTED") row.admitted++;
      if (a.outcome === "REJECTED") row.rejected++;
      rows.set(`${rowKey} ${start}`, row);
    }
    return sorted([...rows.values()]);
  }

  it("gives the same per-day counts from all three sources where all apply", async () => {
    for (const [slug, tz] of [
      ["berlin-data-science", "Europe/Berlin"],
      ["remote-open-source", "UTC"],
      ["nyc-product-design", "America/New_York"],
    ] as const) {
      const query = { programIds: [ids[slug] as string], tz, groupBy: "program" as const, ...wholeRange(tz) };
      const bySource = await Promise.all(
        (["daily", "hourly", "raw"] as const).map(async (source) => {
          const result = await loadHeatmapCounts(db, { ...query, source });
          expect(result.source).toBe(source);
          return sorted(result.rows);
        }),
      );
      expect(bySource[0]?.length).toBeGreaterThan(900);
      expect(bySource[1]).toEqual(bySource[0]);
      expect(bySource[2]).toEqual(bySource[0]);
      expect(bySource[0]).toEqual(await recount(query.programIds, tz, query.from, query.to, "program"));
    }
  });

  it("equals a recount of the applications in any zone, including half-hour and DST-skipping ones", async () => {
    const programIds = Object.values(ids);
    for (const tz of ["Asia/Kolkata", "America/St_Johns", "Australia/Lord_Howe", "America/Santiago", "Asia/Tokyo"]) {
      for (const groupBy of ["program", "channel"] as const) {
        const { from, to } = wholeRange(tz);
        const result = await loadHeatmapCounts(db, { programIds, from, to, tz, groupBy });
        expect(sorted(result.rows), `${tz} ${groupBy}`).toEqual(await recount(programIds, tz, from, to, groupBy));
      }
    }
  });

  it("puts applications at the very edges of days, DST days included, in the right day from every source", async () => {
    const tz = "Europe/Berlin";
    const program = await db.program.create({ data: { slug: "edges", name: "Edges", timeZone: tz } });
    // Around the 23-hour day (2025-03-30) and the 25-hour day (2025-10-26) and an ordinary one.
    const midnights = new Set(
      [Date.UTC(2025, 2, 29), Date.UTC(2025, 2, 30), Date.UTC(2025, 2, 31), Date.UTC(2025, 9, 26)]
        .map((d) => startOfBucket(d + 12 * 3_600_000, "day", tz, "monday"))
        .flatMap((m) => [m, startOfBucket(m + 30 * 3_600_000, "day", tz, "monday")]),
    );
    for (const midnight of midnights) {
      for (const [i, offset] of [-1000, -1, 0, 1, 999].entries()) {
        const result = await recordApplication(db, {
          programId: program.id,
          submittedAt: midnight + offset,
          outcome: i % 2 === 0 ? "ADMITTED" : "REJECTED",
          decidedAt: midnight + DAY,
        });
        expect(result.ok).toBe(true);
      }
    }
    const from = startOfBucket(Date.UTC(2025, 2, 1), "day", tz, "monday");
    const to = startOfBucket(Date.UTC(2025, 10, 1), "day", tz, "monday");
    for (const [view, sources] of [
      [tz, ["daily", "hourly", "raw"]],
      ["UTC", ["hourly", "raw"]],
      ["Asia/Kolkata", ["raw"]],
    ] as const) {
      const viewFrom = startOfBucket(from, "day", view, "monday");
      const viewTo = startOfBucket(to, "day", view, "monday");
      const expected = await recount([program.id], view, viewFrom, viewTo, "program");
      expect(expected.length).toBeGreaterThanOrEqual(6);
      for (const source of sources) {
        const result = await loadHeatmapCounts(db, {
          programIds: [program.id],
          from: viewFrom,
          to: viewTo,
          tz: view,
          groupBy: "program",
          source,
        });
        expect(sorted(result.rows), `${view} ${source}`).toEqual(expected);
      }
    }
  });

  it("reads each program from the cheapest exact source", async () => {
    const berlin = ids["berlin-data-science"] as string;
    const kolkata = ids["bengaluru-ml-systems"] as string;
    const source = async (programIds: string[], tz: string) => {
      const result = await loadHeatmapCounts(db, { programIds, tz, groupBy: "program", ...wholeRange(tz) });
      return { source: result.source, byProgram: result.sourceByProgram };
    };
    expect(await source([berlin], "Europe/Berlin")).toEqual({ source: "daily", byProgram: { [berlin]: "daily" } });
    expect(await source([berlin], "UTC")).toEqual({ source: "hourly", byProgram: { [berlin]: "hourly" } });
    expect(await source([berlin], "Asia/Kolkata")).toEqual({ source: "raw", byProgram: { [berlin]: "raw" } });
    expect(await source([berlin, kolkata], "Europe/Berlin")).toEqual({
      source: "hourly",
      byProgram: { [berlin]: "daily", [kolkata]: "hourly" },
    });
    expect(await source([berlin, kolkata], "Asia/Kolkata")).toEqual({
      source: "raw",
      byProgram: { [berlin]: "raw", [kolkata]: "daily" },
    });
    // Another spelling of the program's own zone still has the same days.
    expect((await source([kolkata], "Asia/Calcutta")).source).toBe("daily");
    const forced = (s: HeatmapSource, tz: string) =>
      loadHeatmapCounts(db, { programIds: [berlin], tz, groupBy: "program", source: s, ...wholeRange(tz) });
    await expect(forced("daily", "UTC")).rejects.toThrow(RangeError);
    await expect(forced("hourly", "Asia/Kolkata")).rejects.toThrow(RangeError);
  });

  it("returns only the days whose start is in [from, to), the same from every source", async () => {
    const tz = "Europe/Berlin";
    const programIds = [ids["berlin-data-science"] as string];
    // From the middle of a day: that day starts before `from`, so it is left out.
    const from = startOfBucket(Date.UTC(2025, 2, 10), "day", tz, "monday") + 6 * 3_600_000;
    const to = startOfBucket(Date.UTC(2025, 3, 10), "day", tz, "monday");
    const results = await Promise.all(
      (["daily", "hourly", "raw"] as const).map(async (source) =>
        sorted((await loadHeatmapCounts(db, { programIds, from, to, tz, groupBy: "program", source })).rows),
      ),
    );
    const rows = results[0] as CountRow[];
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.start).toBeGreaterThanOrEqual(from);
      expect(row.start).toBeLessThan(to);
    }
    expect(rows[0]?.start).toBe(startOfBucket(from + DAY, "day", tz, "monday"));
    expect(results[1]).toEqual(rows);
    expect(results[2]).toEqual(rows);
    expect(rows).toEqual(await recount(programIds, tz, from, to, "program"));
  });

  it("sums channels across programs when grouped by channel", async () => {
    const tz = "UTC";
    const programIds = Object.values(ids);
    const byChannel = await loadHeatmapCounts(db, { programIds, tz, groupBy: "channel", ...wholeRange(tz) });
    const byProgram = await loadHeatmapCounts(db, { programIds, tz, groupBy: "program", ...wholeRange(tz) });
    const total = (rows: CountRow[]) =>
      rows.reduce(
        (sum, r) => ({
          applications: sum.applications + r.applications,
          admitted: sum.admitted + r.admitted,
          rejected: sum.rejected + r.rejected,
        }),
        { applications: 0, admitted: 0, rejected: 0 },
      );
    expect(new Set(byChannel.rows.map((r) => r.rowKey))).toEqual(new Set(["classic", "fast-track", "referral"]));
    expect(total(byChannel.rows)).toEqual(total(byProgram.rows));
    expect(total(byChannel.rows).applications).toBe(20_000);
  });

  it("gives nothing for no programs or an empty range", async () => {
    const tz = "UTC";
    expect((await loadHeatmapCounts(db, { programIds: [], tz, groupBy: "program", ...wholeRange(tz) })).rows).toEqual(
      [],
    );
    const { from } = wholeRange(tz);
    const empty = await loadHeatmapCounts(db, {
      programIds: Object.values(ids),
      from,
      to: from,
      tz,
      groupBy: "program",
    });
    expect(empty.rows).toEqual([]);
  });
});
