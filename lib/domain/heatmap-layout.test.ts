import { describe, expect, it } from "vitest";
import { chooseHeatmapRenderer, HEATMAP_SVG_MAX_CELLS } from "./heatmap-layout.ts";

describe("chooseHeatmapRenderer", () => {
  it("draws up to HEATMAP_SVG_MAX_CELLS as SVG and more on the canvas", () => {
    expect(chooseHeatmapRenderer(HEATMAP_SVG_MAX_CELLS)).toBe("svg");
    expect(chooseHeatmapRenderer(HEATMAP_SVG_MAX_CELLS + 1)).toBe("canvas");
  });
});
