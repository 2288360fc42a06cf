import { describe, expect, it } from "vitest";
import { layoutHeatmap } from "./heatmap-grid.ts";
import { anomalyRings, rateColour, rgbToHex } from "./heatmap-palette.ts";
import { cell, heatmap, weekLabels } from "./heatmap-test-data.ts";

describe("rateColour and anomalyRings", () => {
  it("colours rate 0 and rate 1 with the ends of viridis, as hex and as the same packed RGB", () => {
    const data = heatmap({ rows: 1, labels: weekLabels(2), cells: [cell(0, 0, { rate: 0 }), cell(0, 1, { rate: 1 })] });
    const [low, high] = layoutHeatmap(data, { width: 400 }).cells;
    expect(low?.fill).toBe("#440154");
    expect(high?.fill).toBe("#fde725");
    expect(low?.rgb).toBe(0x440154);
    expect(rgbToHex(high?.rgb ?? -1)).toBe("#fde725");
    expect(rateColour(-3).fill).toBe("#440154");
    expect(rateColour(7).fill).toBe("#fde725");
  });

  it("flags anomalous cells, ringed inside a big cell and just outside a tiny one", () => {
    const data = heatmap({ rows: 1, labels: weekLabels(3), cells: [cell(0, 2, { anomaly: true, z: 3.1 })] });
    const big = layoutHeatmap(data, { width: 400 }).cells[2];
    expect(big?.anomaly).toBe(true);
    const rings = anomalyRings(big as NonNullable<typeof big>);
    expect(rings.map((r) => r.stroke)).toEqual(["#111827", "#ffffff"]);
    for (const r of rings) {
      expect(r.x - r.lineWidth / 2).toBeGreaterThanOrEqual(big?.x ?? 0);
      expect(r.x + r.w + r.lineWidth / 2).toBeLessThanOrEqual((big?.x ?? 0) + (big?.w ?? 0));
    }
    const tiny = { ...(big as NonNullable<typeof big>), w: 2, h: 2 };
    const [ring] = anomalyRings(tiny);
    expect(anomalyRings(tiny)).toHaveLength(1);
    expect(ring?.x).toBeLessThan(tiny.x);
  });
});
