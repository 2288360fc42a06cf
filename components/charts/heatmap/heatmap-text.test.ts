import { describe, expect, it } from "vitest";
import type { HeatmapCell, HeatmapData } from "@/lib/domain/heatmap-data";
import { cellLabel, cellSummary, formatRate } from "./heatmap-text";

const data = {
  rows: [{ key: "cs", label: "Computer Science" }],
  bucketLabels: ["2026-W13"],
} as HeatmapData;

const at = (d: HeatmapCell | null) => ({ row: 0, bucket: 0, data: d });
const cell = (over: Partial<HeatmapCell>): HeatmapCell => ({
  row: 0,
  bucket: 0,
  applications: 63,
  admitted: 21,
  decided: 50,
  rate: 0.42,
  z: 0.3,
  anomaly: false,
  ...over,
});

describe("cellSummary", () => {
  it("says the rate with its counts", () => {
    expect(cellSummary(data, at(cell({})))).toEqual({
      heading: "Computer Science · 2026-W13",
      lines: ["42% admitted (21 of 50 decided)", "63 applications"],
    });
  });

  it("says why a cell is outlined", () => {
    expect(cellSummary(data, at(cell({ anomaly: true, z: 2.84 }))).lines.at(-1)).toBe("Unusual for this row (z = 2.8)");
  });

  it("tells an empty cell from one with nothing decided yet", () => {
    expect(cellSummary(data, at(null)).lines).toEqual(["No applications"]);
    expect(cellSummary(data, at(cell({ rate: null, decided: 0, admitted: 0, applications: 1 }))).lines).toEqual([
      "No decisions yet",
      "1 application",
    ]);
  });

  it("gives the accessible name in one line", () => {
    expect(cellLabel(data, at(cell({})))).toBe(
      "Computer Science · 2026-W13: 42% admitted (21 of 50 decided), 63 applications",
    );
    expect(formatRate(null)).toBe("–");
  });
});
