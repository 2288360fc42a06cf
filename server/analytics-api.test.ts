import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHistory } from "../lib/db/seed-history.ts";
import type { Granularity, HeatmapData, WeekStart } from "../lib/domain/heatmap-data.ts";
import type { InjectedAnomaly } from "../lib/domain/history-generator.ts";
import { localDateOf, localDateStart } from "../lib/domain/local-date.ts";
import { startOfBucket } from "../lib/domain/time-buckets.ts";
import { signIn, signInAdmin, startTestApp, type TestApp } from "./testing/test-app.ts";

// The history ends at NOW and reaches three years back.
const NOW = Date.UTC(2026, 10, 22, 12);
const SIZE = 300_000;

let app: TestApp;
let admin: string;
let applicant: string;
let anomalies: InjectedAnomaly[];
let programs: { id: string; slug: string; name: string; timeZone: string }[];

beforeAll(async () => {
  app = await startTestApp({ next: true });
  const seeded = await seedHistory(app.db, { now: NOW, size: SIZE, seed: 3 });
  anomalies = seeded.anomalies;
  admin = (await signInAdmin(app)).cookie;
  applicant = (await signIn(app, "Ada")).cookie;
  programs = await app.db.program.findMany({ select: { id: true, slug: true, name: true, timeZone: true } });
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

async function get(path: string, cookie = admin): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function heatmap(query: string): Promise<{ heatmap: HeatmapData; source: string }> {
  const res = await get(`/api/analytics/heatmap?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as { heatmap: HeatmapData; source: string };
}

/** The same cells computed straight from the Application rows, bucket by bucket. */
async function directCells(
  granularity: Granularity,
  tz: string,
  weekStart: WeekStart,
  from: number,
  to: number,
): Promise<Map<string, { applications: number; admitted: number; decided: number }>> {
  const rows = await app.db.application.findMany({
    where: { submittedAt: { gte: new Date(from), lt: new Date(to) } },
    select: { programId: true, submittedAt: true, outcome: true },
  });
  const cells = new Map<string, { applications: number; admitted: number; decided: number }>();
  for (const r of rows) {
    const key = `${r.programId} ${startOfBucket(r.submittedAt.getTime(), granularity, tz, weekStart)}`;
    const cell = cells.get(key) ?? { applications: 0, admitted: 0, decided: 0 };
    cell.applications++;
    if (r.outcome === "ADMITTED") cell.admitted++;
    if (r.outcome === "ADMITTED" || r.outcome === "REJECTED") cell.decided++;
    cells.set(key, cell);
  }
  return cells;
}

function cellsByKey(data: HeatmapData): Map<string, { applications: number; admitted: number; decided: number }> {
  return new Map(
    data.cells.map((c) => [
      `${data.rows[c.row]?.key} ${Date.parse(data.buckets[c.bucket] ?? "")}`,
      { applications: c.applications, admitted: c.admitted, decided: c.decided },
    ]),
  );
}

describe("analytics API access", () => {
  it.each([
    "/api/analytics/heatmap",
    "/api/analytics/programs",
    "/api/analytics/compare?aFrom=2025-01-01&aTo=2025-12-31&bFrom=2024-01-01&bTo=2024-12-31",
  ])("refuses %s to anonymous users (401) and applicants (403)", async (path) => {
    const anonymous = await get(path, "");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    const asApplicant = await get(path, applicant);
    expect(asApplicant.status).toBe(403);
    expect(asApplicant.body).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await get(path)).status).toBe(200);
  });
});

describe("GET /api/analytics/heatmap", () => {
  it.each([
    ["granularity=hour", "granularity:"],
    ["tz=Mars/Olympus", "tz:"],
    ["from=2026-02-01&to=2026-01-01", "from:"],
    ["from=2026-02-30", "from:"],
    ["programs=no-such-program", 'programs: unknown program "no-such-program"'],
    ["weekStart=friday", "weekStart:"],
    ["threshold=-1", "threshold:"],
    ["granularity=day&from=1970-01-01&to=2100-12-31", "granularity:"],
    ["to=2101-01-01", "to: is not a calendar date"],
    ["colour=red", 'unknown field "colour"'],
    ["tz=UTC&tz=Europe/Berlin", "tz:"],
  ])("answers 400 naming the parameter for %s", async (query, message) => {
    const res = await get(`/api/analytics/heatmap?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect((res.body.error as { message: string }).message).toContain(message);
  });

  it("counts every program's months in UTC exactly as a direct count over the applications", async () => {
    const { heatmap: data } = await heatmap("granularity=month&tz=UTC&from=2023-11-01&to=2026-11-30");
    expect(data.rows).toHaveLength(programs.length);
    expect(data.bucketLabels[0]).toBe("2023-11");
    expect(data.bucketLabels.at(-1)).toBe("2026-11");
    const direct = await directCells("month", "UTC", "monday", Date.parse(data.from), Date.parse(data.to));
    expect(cellsByKey(data)).toEqual(direct);
    for (const c of data.cells) expect(c.rate).toBe(c.decided === 0 ? null : c.admitted / c.decided);
  });

  it("cuts Sunday-start weeks in Europe/Berlin (across DST changes) exactly as a direct count, from the hourly rollup", async () => {
    const program = programs.find((p) => p.timeZone !== "Europe/Berlin");
    const query = `granularity=week&weekStart=sunday&tz=Europe/Berlin&from=2025-03-01&to=2025-11-15&programs=${program?.id}`;
    const { heatmap: data, source } = await heatmap(query);
    expect(source).toBe("hourly");
    expect(data.bucketLabels[0]).toBe("wk of 2025-02-23");
    const direct = await directCells("week", "Europe/Berlin", "sunday", Date.parse(data.from), Date.parse(data.to));
    const mine = new Map([...direct].filter(([k]) => k.startsWith(`${program?.id} `)));
    expect(cellsByKey(data)).toEqual(mine);
  });

  it("cuts days in a half-hour zone exactly, from the raw rows", async () => {
    const other = programs.find((p) => p.timeZone !== "Asia/Kolkata");
    const { heatmap: data, source } = await heatmap(
      `granularity=day&tz=Asia/Kolkata&from=2025-06-01&to=2025-06-30&programs=${other?.slug}`,
    );
    expect(source).toBe("raw");
    const direct = await directCells("day", "Asia/Kolkata", "monday", Date.parse(data.from), Date.parse(data.to));
    expect(cellsByKey(data)).toEqual(new Map([...direct].filter(([k]) => k.startsWith(`${other?.id} `))));
  });

  it("with tz=program cuts each program's days in its own zone, all from the daily rollup", async () => {
    const { heatmap: data, source } = await heatmap("granularity=day&tz=program&from=2025-03-20&to=2025-04-10");
    expect(source).toBe("daily");
    expect(data.perProgramZones).toBe(true);
    expect(data.bucketLabels[0]).toBe("2025-03-20");
    expect(data.bucketLabels).toHaveLength(22);
    const got = cellsByKey(data);
    let directTotal = 0;
    for (const program of programs) {
      const zone = program.timeZone;
      const from = localDateStart("2025-03-20", zone);
      const direct = await directCells("day", zone, "monday", from, localDateStart("2025-04-11", zone));
      // Same local date, same column: key the direct cells by the column's local date.
      for (const [key, cell] of direct) {
        const [programId, start] = key.split(" ");
        if (programId !== program.id) continue;
        directTotal += cell.applications;
        const column = data.bucketLabels.indexOf(localDateOf(Number(start), zone));
        expect(got.get(`${programId} ${Date.parse(data.buckets[column] ?? "")}`), `${program.slug} ${column}`).toEqual(
          cell,
        );
      }
    }
    expect(data.cells.reduce((n, c) => n + c.applications, 0)).toBe(directTotal);
  });

  it("groups by channel: one row per channel label", async () => {
    const { heatmap: data } = await heatmap("granularity=month&groupBy=channel&tz=UTC&from=2026-01-01&to=2026-06-30");
    expect(data.rows.map((r) => r.key)).toEqual(["classic", "fast-track", "referral"]);
    const total = data.cells.reduce((n, c) => n + c.applications, 0);
    const direct = await app.db.application.count({
      where: { submittedAt: { gte: new Date(data.from), lt: new Date(data.to) } },
    });
    expect(total).toBe(direct);
  });

  it("answers an empty range with its buckets and no cells, not an error", async () => {
    const { heatmap: data } = await heatmap("granularity=month&tz=UTC&from=1999-01-01&to=1999-12-31");
    expect(data.buckets).toHaveLength(12);
    expect(data.cells).toEqual([]);
  });

  it("flags the anomalies injected into the seed, in the right direction, and few days outside them", async () => {
    expect(anomalies.length).toBeGreaterThan(0);
    for (const anomaly of anomalies) {
      const program = programs.find((p) => p.slug === anomaly.programSlug);
      const tz = program?.timeZone ?? "UTC";
      const from = localDateOf(anomaly.from - 90 * 86_400_000, tz);
      const to = localDateOf(anomaly.to + 90 * 86_400_000, tz);
      const { heatmap: data } = await heatmap(`granularity=day&programs=${program?.id}&from=${from}&to=${to}`);
      const inside = data.cells.filter((c) => {
        const start = Date.parse(data.buckets[c.bucket] ?? "");
        return start >= anomaly.from && start < anomaly.to && c.z !== null;
      });
      const outside = data.cells.filter((c) => c.z !== null && !inside.includes(c));
      expect(inside.length, anomaly.description).toBeGreaterThan(0);
      const flagged = inside.filter((c) => c.anomaly && Math.sign(c.z ?? 0) === (anomaly.direction === "up" ? 1 : -1));
      expect(flagged.length / inside.length, anomaly.description).toBeGreaterThanOrEqual(0.8);
      expect(outside.filter((c) => c.anomaly).length / outside.length, anomaly.description).toBeLessThan(0.05);
    }
  });
});

describe("GET /api/analytics/programs and /compare", () => {
  it("lists the programs, the channel labels and the span of the history", async () => {
    const res = await get("/api/analytics/programs");
    expect(res.status).toBe(200);
    expect((res.body.programs as unknown[]).length).toBe(programs.length);
    expect(res.body.channels).toEqual(["classic", "fast-track", "referral"]);
    expect(res.body.range).toMatchObject({ last: expect.stringMatching(/^2026-11-/) });
  });

  it("finds the seed's real channel effect significant and says so, with sample sizes", async () => {
    const res = await get(
      "/api/analytics/compare?aChannel=fast-track&aFrom=2025-01-01&aTo=2026-06-30&bChannel=classic&bFrom=2025-01-01&bTo=2026-06-30",
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const compare = res.body.compare as {
      a: { label: string; decided: number };
      b: { decided: number };
      significant: boolean;
      p: number;
      verdict: string;
      warning: string | null;
    };
    expect(compare.a.label).toBe("fast-track");
    expect(compare.a.decided).toBeGreaterThan(1000);
    expect(compare.b.decided).toBeGreaterThan(1000);
    expect(compare.significant).toBe(true);
    expect(compare.p).toBeLessThan(0.05);
    expect(compare.warning).toBeNull();
  });

  it("answers 400 naming the parameter for a group whose period is reversed or a program that does not exist", async () => {
    const reversed = await get(
      "/api/analytics/compare?aFrom=2025-02-01&aTo=2025-01-01&bFrom=2024-01-01&bTo=2024-12-31",
    );
    expect(reversed.status).toBe(400);
    expect((reversed.body.error as { message: string }).message).toContain("aFrom:");
    const unknown = await get(
      "/api/analytics/compare?bPrograms=nope&aFrom=2025-01-01&aTo=2025-01-31&bFrom=2024-01-01&bTo=2024-12-31",
    );
    expect((unknown.body.error as { message: string }).message).toContain('bPrograms: unknown program "nope"');
  });
});
