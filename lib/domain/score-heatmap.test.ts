import { describe, expect, it } from "vitest";
import type { HeatmapCell, HeatmapData } from "./heatmap-data.ts";
import { DEFAULT_SCORE, scoreHeatmap } from "./score-heatmap.ts";

/** A heatmap whose row r has one cell per rate in rows[r], each with `decided` decisions. */
function heatmap(rows: number[][], decided = 100): HeatmapData {
  const cells: HeatmapCell[] = rows.flatMap((rates, row) =>
    rates.map((rate, bucket) => ({
      row,
      bucket,
      applications: decided,
      admitted: Math.round(rate * decided),
      decided,
      rate,
      z: null,
      anomaly: false,
    })),
  );
  const width = Math.max(...rows.map((r) => r.length));
  return {
    granularity: "week",
    tz: "UTC",
    weekStart: "monday",
    groupBy: "program",
    from: "2026-01-05T00:00:00.000Z",
    to: "2026-06-01T00:00:00.000Z",
    rows: rows.map((_, i) => ({ key: `p${i}`, label: `Program ${i}` })),
    buckets: Array.from({ length: width }, (_, i) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString()),
    bucketLabels: Array.from({ length: width }, (_, i) => `2026-W${String(i + 2).padStart(2, "0")}`),
    cells,
    anomaly: { method: "robust", threshold: 3 },
  };
}

const steady = [0.5, 0.52, 0.48, 0.51, 0.49, 0.5, 0.53, 0.47, 0.5, 0.51, 0.49, 0.5];

describe("scoreHeatmap", () => {
  it("flags the one cell of a row whose rate is far from the row's usual, and only it", () => {
    const scored = scoreHeatmap(heatmap([[...steady, 0.95]]));
    const flagged = scored.cells.filter((c) => c.anomaly).map((c) => c.bucket);
    expect(flagged).toEqual([12]);
    expect(scored.cells[12]?.z).toBeGreaterThan(3);
    expect(Math.abs(scored.cells[0]?.z ?? 99)).toBeLessThan(3);
  });

  it("scores each row against itself: a high row is not anomalous next to a low one", () => {
    const high = steady.map((r) => r + 0.4);
    const scored = scoreHeatmap(heatmap([steady, high]));
    expect(scored.cells.some((c) => c.anomaly)).toBe(false);
  });

  it("with the robust method still flags a moderate anomaly next to an extreme outlier, which the standard one misses", () => {
    const rates = [...steady, 0.62, 1.0];
    const robust = scoreHeatmap(heatmap([rates]), { ...DEFAULT_SCORE, method: "robust" });
    const standard = scoreHeatmap(heatmap([rates]), { ...DEFAULT_SCORE, method: "standard" });
    expect(robust.cells.filter((c) => c.anomaly).map((c) => c.bucket)).toEqual([12, 13]);
    expect(standard.cells.find((c) => c.bucket === 12)?.anomaly).toBe(false);
    expect(standard.anomaly).toEqual({ method: "standard", threshold: 3 });
  });

  it("leaves cells with too few decisions unscored, so a 1-of-1 day is not an anomaly", () => {
    const data = heatmap([[...steady]]);
    data.cells.push({ row: 0, bucket: 12, applications: 2, admitted: 2, decided: 2, rate: 1, z: null, anomaly: false });
    const scored = scoreHeatmap(data);
    expect(scored.cells[12]).toMatchObject({ z: null, anomaly: false });
  });

  it("gives no z to a row without spread, and honours a configured threshold", () => {
    expect(scoreHeatmap(heatmap([[0.5, 0.5, 0.5, 0.5]])).cells.every((c) => c.z === null)).toBe(true);
    const rates = [...steady, 0.535];
    expect(scoreHeatmap(heatmap([rates])).cells[12]?.anomaly).toBe(false);
    expect(scoreHeatmap(heatmap([rates]), { ...DEFAULT_SCORE, threshold: 1.5 }).cells[12]?.anomaly).toBe(true);
  });

  it("does not change the data it was given", () => {
    const data = heatmap([[...steady, 0.95]]);
    scoreHeatmap(data);
    expect(data.cells.every((c) => c.z === null && !c.anomaly)).toBe(true);
  });
});
