/** The legend band that SVG and PNG exports draw under the chart. */
import type { HeatmapLayout } from "./heatmap-layout.ts";
import { estimateTextWidth } from "./heatmap-text-width.ts";

/** Where exports (SVG and PNG) put the legend: a band under the chart, as wide as the chart or the legend. */
export function exportLegendPlacement(layout: HeatmapLayout): {
  width: number;
  height: number;
  bar: { x: number; y: number; w: number; h: number };
  tickY: number;
  empty: { x: number; y: number; size: number; labelX: number };
  anomaly: { x: number; y: number; size: number; labelX: number };
  labelY: number;
} {
  const fs = layout.fontSize;
  const top = layout.height + 12;
  const x = layout.grid.x;
  const bar = { x, y: top, w: 200, h: 10 };
  const swatchY = top;
  const emptyX = x + bar.w + 20;
  const anomalyX = emptyX + 12 + estimateTextWidth("no decisions", fs) + 16;
  const width = Math.max(layout.width, anomalyX + 14 + estimateTextWidth("unusual for its row", fs) + 8);
  return {
    width,
    height: top + bar.h + fs + 10,
    bar,
    tickY: top + bar.h + 3 + fs / 2,
    empty: { x: emptyX, y: swatchY, size: 10, labelX: emptyX + 14 },
    anomaly: { x: anomalyX, y: swatchY, size: 10, labelX: anomalyX + 14 },
    labelY: swatchY + 5,
  };
}
