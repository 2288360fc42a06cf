/**
 * Deterministic synthetic HeatmapData of N cells for bench/heatmap: rows are
 * programs, columns day buckets, about 10% of cells empty, 5% with nothing
 * decided and 2% anomalous, rates spread over the whole colour scale.
 */
import type { HeatmapCell, HeatmapData } from "../../lib/domain/heatmap-data.ts";
import { mulberry32 } from "../../lib/domain/seeded-random.ts";

/** Rows × columns for N cells: the divisor of N nearest √(N/10), so grids are wide like real ones (tens of programs, hundreds of days). */
export function gridShape(n: number): { rows: number; cols: number } {
  const target = Math.sqrt(n / 10);
  let rows = 1;
  for (let d = 1; d <= n; d++) {
    if (n % d === 0 && Math.abs(d - target) < Math.abs(rows - target)) rows = d;
    if (d > target * 2) break;
  }
  return { rows, cols: n / rows };
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2024, 0, 1);

export function syntheticHeatmap(n: number, seed = 1): HeatmapData {
  const { rows, cols } = gridShape(n);
  const random = mulberry32(seed);
  const buckets: string[] = [];
  const bucketLabels: string[] = [];
  for (let b = 0; b < cols; b++) {
    const iso = new Date(FIRST_DAY + b * DAY_MS).toISOString();
    buckets.push(iso);
    bucketLabels.push(iso.slice(0, 10));
  }
  const cells: HeatmapCell[] = [];
  for (let r = 0; r < rows; r++) {
    const base = 0.2 + 0.6 * random();
    for (let b = 0; b < cols; b++) {
      const roll = random();
      if (roll < 0.1) continue;
      const applications = 1 + Math.floor(random() * 40);
      if (roll < 0.15) {
        cells.push({ row: r, bucket: b, applications, admitted: 0, decided: 0, rate: null, z: null, anomaly: false });
        continue;
      }
      const decided = 1 + Math.floor(random() * applications);
      const rate = Math.min(1, Math.max(0, base + (random() - 0.5) * 0.5));
      const admitted = Math.round(rate * decided);
      const anomaly = random() < 0.02;
      const z = anomaly ? 3 + random() : (random() - 0.5) * 3;
      cells.push({ row: r, bucket: b, applications, admitted, decided, rate: admitted / decided, z, anomaly });
    }
  }
  return {
    granularity: "day",
    tz: "Europe/Paris",
    weekStart: "monday",
    groupBy: "program",
    from: buckets[0] ?? new Date(FIRST_DAY).toISOString(),
    to: new Date(FIRST_DAY + cols * DAY_MS).toISOString(),
    rows: Array.from({ length: rows }, (_, r) => ({ key: `program-${r}`, label: `Program ${r + 1}` })),
    buckets,
    bucketLabels,
    cells,
    anomaly: { method: "robust", threshold: 2.5 },
  };
}
