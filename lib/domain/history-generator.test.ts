import { describe, expect, it } from "vitest";
import type { Outcome } from "./heatmap-data.ts";
import { type GeneratedApplication, generateHistory, HISTORY_MAX_SIZE, type History } from "./history-generator.ts";
import { CLASSIC, FAST_TRACK } from "./history-tables.ts";
import { startOfBucket } from "./time-buckets.ts";

const NOW = Date.UTC(2026, 10, 22, 9, 30, 0);
const DAY = 86_400_000;

function rows(history: History, batchSize?: number): GeneratedApplication[] {
  return [...history.batches(batchSize)].flat();
}

/** Admitted and decided (admitted + rejected) of the rows that pass `where`. */
function rate(all: readonly GeneratedApplication[], where: (a: GeneratedApplication) => boolean) {
  let admitted = 0;
  let decided = 0;
  for (const a of all) {
    if (!where(a) || (a.outcome !== "ADMITTED" && a.outcome !== "REJECTED")) continue;
    decided++;
    if (a.outcome === "ADMITTED") admitted++;
  }
  return { admitted, decided, rate: admitted / decided };
}

describe("generateHistory", () => {
  it("gives the same rows for the same seed, whatever the batch size, and other rows for another seed", () => {
    const a = rows(generateHistory({ now: NOW, seed: 7, size: 20_000 }), 999);
    const b = rows(generateHistory({ now: NOW, seed: 7, size: 20_000 }), 20_000);
    const c = rows(generateHistory({ now: NOW, seed: 8, size: 20_000 }));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("yields exactly the requested number of applications, in batches of at most batchSize", () => {
    for (const size of [0, 1, 12_345]) {
      const batches = [...generateHistory({ now: NOW, size }).batches(1000)];
      expect(batches.flat()).toHaveLength(size);
      for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(1000);
    }
    expect(generateHistory({ now: NOW }).size).toBe(300_000);
    expect(() => generateHistory({ now: NOW, size: HISTORY_MAX_SIZE + 1 })).toThrow(RangeError);
    expect(() => generateHistory({ now: NOW, size: 1.5 })).toThrow(RangeError);
  });

  it("spans about three years before now, with every decision after its submission and before now", () => {
    const history = generateHistory({ now: NOW, size: 20_000 });
    const zones = new Map(history.programs.map((p) => [p.slug, p.timeZone]));
    const all = rows(history);
    const times = all.map((a) => a.submittedAt);
    expect(Math.min(...times)).toBeLessThan(NOW - 3 * 365 * DAY + 3 * DAY);
    expect(Math.max(...times)).toBeLessThan(NOW);
    const wrong = all.filter(
      (a) =>
        (a.decidedAt === null) !== (a.outcome === null) ||
        (a.decidedAt !== null && !(a.decidedAt > a.submittedAt && a.decidedAt < NOW)) ||
        a.dayStart !== startOfBucket(a.submittedAt, "day", zones.get(a.programSlug) as string, "monday"),
    );
    expect(wrong).toEqual([]);
    // Only recent applications are still undecided.
    const undecided = all.filter((a) => a.outcome === null);
    expect(undecided.length).toBeGreaterThan(0);
    for (const a of undecided) expect(a.submittedAt).toBeGreaterThan(NOW - 60 * DAY);
  });

  it("has at least eight programs across the required zones, with different admission rates", () => {
    const history = generateHistory({ now: NOW, size: 0 });
    expect(history.programs.length).toBeGreaterThanOrEqual(8);
    const zones = history.programs.map((p) => p.timeZone);
    for (const zone of ["Europe/Berlin", "Asia/Shanghai", "America/New_York", "Asia/Kolkata", "UTC"]) {
      expect(zones).toContain(zone);
    }
    expect(new Set(history.programs.map((p) => p.slug)).size).toBe(history.programs.length);
    expect(new Set(history.programs.map((p) => p.baseRate)).size).toBeGreaterThanOrEqual(6);
  });

  it("is busier on weekdays than at weekends in each program's own zone, and peaks before terms", () => {
    const history = generateHistory({ now: NOW, size: 100_000 });
    const all = rows(history);
    for (const program of history.programs) {
      const own = all.filter((a) => a.programSlug === program.slug);
      const byWeekday = [0, 0, 0, 0, 0, 0, 0];
      const byMonth = new Map<string, number>();
      const format = new Intl.DateTimeFormat("en-US", { timeZone: program.timeZone, weekday: "short" });
      const weekdays = new Map<number, number>();
      for (const a of own) {
        // dayStart is local midnight, so noon after it is safely inside the local date.
        let weekday = weekdays.get(a.dayStart);
        if (weekday === undefined) {
          weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(
            format.format(a.dayStart + 12 * 3_600_000),
          );
          weekdays.set(a.dayStart, weekday);
        }
        byWeekday[weekday] = (byWeekday[weekday] as number) + 1;
        const month = new Date(a.dayStart + 12 * 3_600_000).toISOString().slice(0, 7);
        byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
      }
      const weekdayMean = (byWeekday.slice(1, 6).reduce((s, n) => s + n, 0) as number) / 5;
      const weekendMean = ((byWeekday[0] as number) + (byWeekday[6] as number)) / 2;
      expect(weekdayMean / weekendMean, program.slug).toBeGreaterThan(2);
      const months = [...byMonth.values()].slice(1, -1);
      expect(Math.max(...months) / Math.min(...months), program.slug).toBeGreaterThan(1.8);
    }
  });

  it("launches fast-track partway, with a clearly higher admission rate than classic over the same days", () => {
    const history = generateHistory({ now: NOW, size: 100_000 });
    const all = rows(history);
    const fastTrack = all.filter((a) => a.channel === FAST_TRACK);
    expect(fastTrack.length).toBeGreaterThan(5000);
    expect(Math.min(...fastTrack.map((a) => a.submittedAt))).toBeGreaterThanOrEqual(history.fastTrackLaunch);
    const launched = (a: GeneratedApplication) => a.submittedAt >= history.fastTrackLaunch;
    const ft = rate(all, (a) => launched(a) && a.channel === FAST_TRACK);
    const classic = rate(all, (a) => launched(a) && a.channel === CLASSIC);
    expect(ft.rate - classic.rate).toBeGreaterThan(0.12);
  });

  it("really contains each injected anomaly: the window's rate is far from the program's usual one", () => {
    const history = generateHistory({ now: NOW });
    const all = rows(history);
    expect(history.anomalies.length).toBeGreaterThanOrEqual(3);
    expect(new Set(history.anomalies.map((a) => a.direction))).toEqual(new Set(["up", "down"]));
    for (const anomaly of history.anomalies) {
      const program = history.programs.find((p) => p.slug === anomaly.programSlug);
      if (!program) throw new Error(`anomaly names unknown program ${anomaly.programSlug}`);
      expect(startOfBucket(anomaly.from, "day", program.timeZone, "monday")).toBe(anomaly.from);
      expect(new Intl.DateTimeFormat("en-CA", { timeZone: program.timeZone }).format(anomaly.from)).toBe(
        anomaly.firstDate,
      );
      const own = all.filter((a) => a.programSlug === anomaly.programSlug);
      const inside = (a: GeneratedApplication) => a.submittedAt >= anomaly.from && a.submittedAt < anomaly.to;
      const window = rate(own, inside);
      const usual = rate(own, (a) => !inside(a));
      // Enough decided applications to tell, and a gap of many standard errors of the window's rate.
      expect(window.decided, anomaly.programSlug).toBeGreaterThanOrEqual(60);
      const se = Math.sqrt((usual.rate * (1 - usual.rate)) / window.decided);
      const z = (window.rate - usual.rate) / se;
      if (anomaly.direction === "up") expect(z, anomaly.programSlug).toBeGreaterThan(6);
      else expect(z, anomaly.programSlug).toBeLessThan(-6);
      expect(Math.abs(window.rate - usual.rate)).toBeGreaterThan(0.3);
    }
  });

  it("uses each outcome", () => {
    const seen = new Set<Outcome | null>(rows(generateHistory({ now: NOW, size: 5000 })).map((a) => a.outcome));
    expect(seen).toEqual(new Set(["ADMITTED", "REJECTED", "WITHDRAWN", "WAITLISTED", null]));
  });
});
