import { describe, expect, it } from "vitest";
import { layoutHeatmap } from "./heatmap-grid.ts";
import { hitTest, hitTestColumn, moveCell } from "./heatmap-hit-test.ts";
import { dayLabels, heatmap, weekLabels } from "./heatmap-test-data.ts";

describe("hitTest", () => {
  const data = heatmap({ rows: 4, labels: weekLabels(5) });
  const layout = layoutHeatmap(data, { width: 400 });
  const { x, y, pitchX, pitchY, cols, rows } = layout.grid;

  it("finds the first and last cells at the grid's inner edges", () => {
    expect(hitTest(layout, x, y)).toBe(0);
    expect(hitTest(layout, x + cols * pitchX - 0.01, y + rows * pitchY - 0.01)).toBe(rows * cols - 1);
  });

  it("gives null just outside the grid on every side", () => {
    expect(hitTest(layout, x - 0.01, y)).toBeNull();
    expect(hitTest(layout, x, y - 0.01)).toBeNull();
    expect(hitTest(layout, x + cols * pitchX, y)).toBeNull();
    expect(hitTest(layout, x, y + rows * pitchY)).toBeNull();
  });

  it("gives a cell its trailing gap, so the pointer never falls between cells", () => {
    expect(layout.grid.cellW).toBeLessThan(pitchX);
    expect(hitTest(layout, x + pitchX - 0.5, y)).toBe(0);
    expect(hitTest(layout, x + pitchX, y)).toBe(1);
  });

  it("finds a column from the label band above the grid, for week and month data only", () => {
    expect(hitTestColumn(layout, x + 2 * pitchX + 1, 2)).toBe(2);
    expect(hitTestColumn(layout, x + 2 * pitchX + 1, y)).toBeNull();
    expect(hitTestColumn(layout, x - 1, 2)).toBeNull();
    const days = layoutHeatmap(heatmap({ rows: 1, labels: dayLabels("2026-03-01", 5), granularity: "day" }), {
      width: 400,
    });
    expect(hitTestColumn(days, days.grid.x + 1, 2)).toBeNull();
  });
});

describe("moveCell", () => {
  const layout = layoutHeatmap(heatmap({ rows: 3, labels: weekLabels(4) }), { width: 400 });

  it("moves by one with the arrows and stays put at the edges", () => {
    expect(moveCell(layout, 0, "ArrowRight")).toBe(1);
    expect(moveCell(layout, 0, "ArrowDown")).toBe(4);
    expect(moveCell(layout, 0, "ArrowLeft")).toBe(0);
    expect(moveCell(layout, 0, "ArrowUp")).toBe(0);
    expect(moveCell(layout, 11, "ArrowRight")).toBe(11);
  });

  it("jumps to the row's ends with Home/End and the column's with PageUp/PageDown", () => {
    expect(moveCell(layout, 5, "End")).toBe(7);
    expect(moveCell(layout, 5, "Home")).toBe(4);
    expect(moveCell(layout, 1, "PageDown")).toBe(9);
    expect(moveCell(layout, 9, "PageUp")).toBe(1);
  });
});
