import { describe, expect, it } from "vitest";
import type { Granularity, HeatmapCell, HeatmapData, WeekStart } from "./heatmap-data.ts";
import {
  anomalyRings,
  chooseHeatmapRenderer,
  EMPTY_FILL,
  EMPTY_RGB,
  estimateTextWidth,
  HEATMAP_SVG_MAX_CELLS,
  hitTest,
  hitTestColumn,
  labelStep,
  layoutCalendar,
  layoutHeatmap,
  moveCell,
  rateColour,
  rgbToHex,
} from "./heatmap-layout.ts";

function dayLabels(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

function cell(row: number, bucket: number, over: Partial<HeatmapCell> = {}): HeatmapCell {
  return { row, bucket, applications: 10, admitted: 5, decided: 10, rate: 0.5, z: 0, anomaly: false, ...over };
}

function heatmap(opts: {
  rows: number;
  labels: string[];
  granularity?: Granularity;
  weekStart?: WeekStart;
  cells?: HeatmapCell[];
  rowLabel?: (r: number) => string;
  buckets?: string[];
  tz?: string;
}): HeatmapData {
  const daily = opts.granularity === "day";
  return {
    granularity: opts.granularity ?? "week",
    // Day buckets start at UTC midnight of their label here; the calendar reads positions from the instants.
    tz: opts.tz ?? (daily ? "UTC" : "Europe/Paris"),
    weekStart: opts.weekStart ?? "monday",
    groupBy: "program",
    from: "2026-01-05T00:00:00Z",
    to: "2026-12-28T00:00:00Z",
    rows: Array.from({ length: opts.rows }, (_, r) => ({ key: `p${r}`, label: opts.rowLabel?.(r) ?? `Program ${r}` })),
    buckets:
      opts.buckets ??
      opts.labels.map((label, i) =>
        daily ? `${label}T00:00:00.000Z` : new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString(),
      ),
    bucketLabels: opts.labels,
    cells: opts.cells ?? [],
    anomaly: { method: "robust", threshold: 2.5 },
  };
}

const weekLabels = (n: number) => Array.from({ length: n }, (_, i) => `2026-W${String(i + 1).padStart(2, "0")}`);

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

  it("picks nice label steps per granularity", () => {
    expect(labelStep("day", 10, 60)).toBe(7);
    expect(labelStep("month", 20, 50)).toBe(3);
    expect(labelStep("week", 1, 70)).toBe(104);
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

describe("layoutCalendar", () => {
  // 2026-03-01 is a Sunday.
  const labels = dayLabels("2026-03-01", 45);
  const cells = labels.map((_, b) => cell(0, b, { rate: b / 44 }));

  it("puts each day in its week column and weekday row, Monday-first", () => {
    const layout = layoutCalendar(heatmap({ rows: 1, labels, granularity: "day", cells }), { width: 800 });
    const sunday = layout.cells[0];
    expect(sunday).toMatchObject({ bucket: 0, gridCol: 0, gridRow: 6 });
    expect(layout.cells[1]).toMatchObject({ gridCol: 1, gridRow: 0 }); // Monday 2 March starts week 2
    expect(layout.grid.rows).toBe(7);
    expect(layout.grid.pitchX).toBe(layout.grid.pitchY);
    expect(layout.rowLabels[0]?.full).toBe("Mon");
    // The Monday to Saturday before 1 March are blank slots.
    expect(hitTest(layout, layout.grid.x + 1, layout.grid.y + 1)).toBeNull();
    expect(hitTest(layout, layout.grid.x + 1, layout.grid.y + 6 * layout.grid.pitchY + 1)).toBe(0);
  });

  it("starts weeks on Sunday when the data says so", () => {
    const layout = layoutCalendar(heatmap({ rows: 1, labels, granularity: "day", weekStart: "sunday", cells }), {
      width: 800,
    });
    expect(layout.cells[0]).toMatchObject({ gridCol: 0, gridRow: 0 });
    expect(layout.cells[7]).toMatchObject({ gridCol: 1, gridRow: 0 });
    expect(layout.rowLabels[0]?.full).toBe("Sun");
  });

  it("labels the weeks in which months start, with the year on the first", () => {
    const layout = layoutCalendar(heatmap({ rows: 1, labels, granularity: "day", cells }), { width: 800 });
    expect(layout.columnLabels.map((l) => l.text)).toEqual(["Mar 2026", "Apr"]);
  });

  it("skips blank slots when the cursor moves", () => {
    const layout = layoutCalendar(heatmap({ rows: 1, labels, granularity: "day", cells }), { width: 800 });
    expect(moveCell(layout, 0, "ArrowUp")).toBe(0); // nothing above Sunday 1 March in week 1
    expect(moveCell(layout, 0, "ArrowRight")).toBe(7);
  });

  it("places days by their local date in the data's zone, across a DST change", () => {
    // Berlin's local midnights: 23:00Z before the change on 29 March 2026, 22:00Z after it.
    const berlin = ["2026-03-27T23:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"];
    const layout = layoutCalendar(
      heatmap({
        rows: 1,
        labels: ["2026-03-28", "2026-03-29", "2026-03-30"],
        granularity: "day",
        tz: "Europe/Berlin",
        buckets: berlin,
      }),
      { width: 800 },
    );
    expect(layout.cells.map((c) => [c.gridCol, c.gridRow])).toEqual([
      [0, 5],
      [0, 6],
      [1, 0],
    ]);
  });

  it("refuses data that is not daily", () => {
    expect(() => layoutCalendar(heatmap({ rows: 1, labels: weekLabels(3) }), { width: 400 })).toThrow(/day buckets/);
  });
});

describe("chooseHeatmapRenderer", () => {
  it("draws up to HEATMAP_SVG_MAX_CELLS as SVG and more on the canvas", () => {
    expect(chooseHeatmapRenderer(HEATMAP_SVG_MAX_CELLS)).toBe("svg");
    expect(chooseHeatmapRenderer(HEATMAP_SVG_MAX_CELLS + 1)).toBe("canvas");
  });
});
