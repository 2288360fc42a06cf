import { describe, expect, it } from "vitest";
import { layoutHeatmap } from "./heatmap-grid.ts";
import { EMPTY_FILL, EMPTY_RGB } from "./heatmap-palette.ts";
import { cell, dayLabels, heatmap, weekLabels } from "./heatmap-test-data.ts";
import { estimateTextWidth } from "./heatmap-text-width.ts";

describe("layoutHeatmap", () => {
  it("places cell (row, bucket) at grid origin + bucket × pitchX, row × pitchY, row-major", () => {
    const data = heatmap({ rows: 3, labels: weekLabels(10), cells: [cell(2, 7)] });
    const layout = layoutHeatmap(data, { width: 600 });
    const { grid } = layout;
    expect(layout.cells).toHaveLength(30);
    const c = layout.cells[2 * 10 + 7];
    expect(c).toMatchObject({ row: 2, bucket: 7, x: grid.x + 7 * grid.pitchX, y: grid.y + 2 * grid.pitchY });
    expect(c?.w).toBe(grid.cellW);
    expect(Number.isInteger(grid.pitchX)).toBe(true);
    expect(layout.width).toBeLessThanOrEqual(600);
    expect(layout.height).toBe(grid.y + 3 * grid.pitchY);
  });

  it("clamps the cell pitch between cellMin (the chart then grows wider than asked) and cellMax", () => {
    const many = layoutHeatmap(heatmap({ rows: 1, labels: weekLabels(400) }), { width: 500, cellMin: 3 });
    expect(many.grid.pitchX).toBe(3);
    expect(many.width).toBe(many.grid.x + 1200);
    const few = layoutHeatmap(heatmap({ rows: 1, labels: weekLabels(4) }), { width: 2000, cellMax: 30 });
    expect(few.grid.pitchX).toBe(30);
  });

  it("leaves a 1 px gap between cells only when cells are 8 px or more", () => {
    expect(layoutHeatmap(heatmap({ rows: 1, labels: weekLabels(4) }), { width: 400 }).grid.cellW).toBe(39);
    const tight = layoutHeatmap(heatmap({ rows: 1, labels: weekLabels(400) }), { width: 500 });
    expect(tight.grid.cellW).toBe(tight.grid.pitchX);
  });

  it("paints missing cells and cells with nothing decided the neutral grey", () => {
    const data = heatmap({
      rows: 1,
      labels: weekLabels(3),
      cells: [cell(0, 1, { decided: 0, admitted: 0, rate: null })],
    });
    const [missing, undecided] = layoutHeatmap(data, { width: 400 }).cells;
    for (const c of [missing, undecided]) expect(c).toMatchObject({ fill: EMPTY_FILL, rgb: EMPTY_RGB, rate: null });
    expect(missing?.data).toBeNull();
    expect(undecided?.data?.applications).toBe(10);
  });
  it("thins bucket labels to a calendar-friendly step so that none overlap", () => {
    const labels = dayLabels("2026-01-01", 365);
    const layout = layoutHeatmap(heatmap({ rows: 2, labels, granularity: "day" }), { width: 1200 });
    const shown = layout.columnLabels;
    expect(shown[0]?.index).toBe(0);
    const step = (shown[1]?.index ?? 0) - (shown[0]?.index ?? 0);
    expect([7, 14, 28]).toContain(step);
    for (let i = 1; i < shown.length; i++) {
      const prev = shown[i - 1] as (typeof shown)[number];
      expect(shown[i]?.x).toBeGreaterThanOrEqual(prev.x + estimateTextWidth(prev.text, layout.fontSize));
    }
    const last = shown.at(-1);
    expect((last?.x ?? 0) + estimateTextWidth(last?.text ?? "", layout.fontSize)).toBeLessThanOrEqual(layout.width);
  });

  it("shows every label when there is room, and marks week/month labels (not day ones) as drill targets", () => {
    const weeks = layoutHeatmap(heatmap({ rows: 1, labels: weekLabels(8) }), { width: 1200, cellMax: 80 });
    expect(weeks.columnLabels.map((l) => l.bucket)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const days = layoutHeatmap(heatmap({ rows: 1, labels: dayLabels("2026-03-01", 3), granularity: "day" }), {
      width: 1200,
    });
    expect(days.columnLabels.every((l) => l.bucket === null)).toBe(true);
  });
  it("cuts long row labels with an ellipsis and keeps the whole one", () => {
    const long = "Master of Science in Very Long Interdisciplinary Program Names";
    const layout = layoutHeatmap(heatmap({ rows: 1, labels: weekLabels(3), rowLabel: () => long }), {
      width: 800,
      rowLabelMax: 100,
    });
    const [label] = layout.rowLabels;
    expect(label?.full).toBe(long);
    expect(label?.text.endsWith("…")).toBe(true);
    expect(estimateTextWidth(label?.text ?? "", layout.fontSize)).toBeLessThanOrEqual(100);
  });
});
