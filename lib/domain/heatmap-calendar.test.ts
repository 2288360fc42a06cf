import { describe, expect, it } from "vitest";
import { layoutCalendar } from "./heatmap-calendar.ts";
import { hitTest, moveCell } from "./heatmap-hit-test.ts";
import { cell, dayLabels, heatmap, weekLabels } from "./heatmap-test-data.ts";

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
