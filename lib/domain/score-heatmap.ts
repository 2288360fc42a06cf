import type { HeatmapCell, HeatmapData } from "./heatmap-data.ts";
import { flagAnomalies, robustZScores, zScores } from "./stats/index.ts";

export type ZMethod = "standard" | "robust";

export interface ScoreOptions {
  method: ZMethod;
  /** |z| above this is an anomaly. */
  threshold: number;
  /**
   * Cells with fewer decisions get no z: a rate of 0 or 1 from two decisions is
   * noise, and would drown the real anomalies of a row.
   */
  minDecided: number;
}

export const DEFAULT_SCORE: ScoreOptions = { method: "robust", threshold: 3, minDecided: 10 };

/**
 * Fills `z` and `anomaly` of every cell: the z-score of its rate among the
 * scored cells of its row (robust by default: median and MAD, so one extreme
 * cell cannot hide another). Returns a new HeatmapData; the input is untouched.
 */
export function scoreHeatmap(data: HeatmapData, options: ScoreOptions = DEFAULT_SCORE): HeatmapData {
  const score = options.method === "robust" ? robustZScores : zScores;
  const byRow = new Map<number, number[]>();
  data.cells.forEach((cell, i) => {
    if (cell.rate === null || cell.decided < options.minDecided) return;
    const indices = byRow.get(cell.row) ?? [];
    indices.push(i);
    byRow.set(cell.row, indices);
  });
  const cells: HeatmapCell[] = data.cells.map((cell) => ({ ...cell, z: null, anomaly: false }));
  for (const indices of byRow.values()) {
    if (indices.length < 3) continue; // too few cells to say what is normal for the row
    const z = score(indices.map((i) => data.cells[i]?.rate ?? 0));
    const flags = flagAnomalies(z, options.threshold);
    indices.forEach((cellIndex, k) => {
      const cell = cells[cellIndex];
      const value = z[k];
      if (!cell || value === undefined || !Number.isFinite(value)) return;
      cell.z = value;
      cell.anomaly = flags[k] ?? false;
    });
  }
  return { ...data, cells, anomaly: { method: options.method, threshold: options.threshold } };
}
