/** The calendar variant of the heatmap: one row of day buckets as weeks × weekdays. */
import type { HeatmapCell, HeatmapData } from "./heatmap-data.ts";
import { frameFor, gapFor, rowLabelsFor } from "./heatmap-grid.ts";
import type { AxisLabel, HeatmapLayout, HeatmapLayoutOptions, LayoutCell } from "./heatmap-layout.ts";
import { heatmapLegend, rateColour } from "./heatmap-palette.ts";
import { estimateTextWidth, LABEL_GAP } from "./heatmap-text-width.ts";
import { calendarLayout } from "./time-buckets.ts";

const WEEKDAYS_FROM_MONDAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Whether the calendar variant applies: day buckets (it draws one row of them). */
export function canLayoutCalendar(data: HeatmapData): boolean {
  return data.granularity === "day" && data.rows.length >= 1;
}

/** Month and day of a "YYYY-MM-DD" bucket label, for the month names; null for any other label. */
function labelDate(label: string | undefined): { year: number; month: number; date: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label ?? "");
  return m ? { year: Number(m[1]), month: Number(m[2]), date: Number(m[3]) } : null;
}

/**
 * Day buckets of one row as a calendar: columns are weeks starting on
 * `data.weekStart`, rows are weekdays, cells square. Positions come from
 * time-buckets' calendarLayout (local dates in `data.tz`); month names label
 * the week in which each month starts. Throws unless `canLayoutCalendar(data)`.
 */
export function layoutCalendar(data: HeatmapData, options: HeatmapLayoutOptions & { row?: number }): HeatmapLayout {
  if (!canLayoutCalendar(data)) throw new Error("calendar layout needs day buckets and at least one row");
  const row = options.row ?? 0;
  const { weeks: cols, positions } = calendarLayout(
    data.buckets.map((b) => Date.parse(b)),
    data.tz,
    data.weekStart,
  );
  const weekdayNames =
    data.weekStart === "monday" ? WEEKDAYS_FROM_MONDAY : ["Sun", ...WEEKDAYS_FROM_MONDAY.slice(0, 6)];
  const frame = frameFor(weekdayNames, options);
  const cellMin = Math.max(1, Math.round(options.cellMin ?? 8));
  const cellMax = Math.max(cellMin, Math.round(options.cellMax ?? 18));
  const available = Math.max(0, options.width - frame.gridX);
  const pitch = Math.min(cellMax, Math.max(cellMin, Math.floor(available / Math.max(1, cols))));
  const cellSize = pitch - gapFor(pitch);

  const byBucket: (HeatmapCell | null)[] = new Array(positions.length).fill(null);
  for (const c of data.cells) if (c.row === row && c.bucket >= 0 && c.bucket < positions.length) byBucket[c.bucket] = c;
  const slots = new Int32Array(cols * 7).fill(-1);
  const cells: LayoutCell[] = [];
  const columnLabels: AxisLabel[] = [];
  let labelRight = Number.NEGATIVE_INFINITY;
  positions.forEach(({ week: gridCol, weekday: gridRow }, b) => {
    const d = byBucket[b] ?? null;
    const rate = d?.rate ?? null;
    const { fill, rgb } = rateColour(rate);
    slots[gridRow * cols + gridCol] = cells.length;
    const x = frame.gridX + gridCol * pitch;
    cells.push({
      row,
      bucket: b,
      gridRow,
      gridCol,
      x,
      y: frame.gridY + gridRow * pitch,
      w: cellSize,
      h: cellSize,
      fill,
      rgb,
      rate,
      anomaly: d?.anomaly ?? false,
      data: d,
    });
    const day = labelDate(data.bucketLabels[b]);
    if (day && (day.date === 1 || b === 0)) {
      const month = MONTHS[day.month - 1] ?? "";
      const text = day.month === 1 || b === 0 ? `${month} ${day.year}` : month;
      // Greedy: a month starting too close to the previous label is skipped.
      if (x >= labelRight + LABEL_GAP) {
        columnLabels.push({
          text,
          full: text,
          x,
          y: frame.fontSize / 2 + 1,
          anchor: "start",
          index: gridCol,
          bucket: null,
        });
        labelRight = x + estimateTextWidth(text, frame.fontSize);
      }
    }
  });

  const width = frame.gridX + cols * pitch;
  return {
    kind: "calendar",
    granularity: data.granularity,
    width: Math.max(width, labelRight),
    height: frame.gridY + 7 * pitch,
    fontSize: frame.fontSize,
    grid: {
      x: frame.gridX,
      y: frame.gridY,
      cols,
      rows: 7,
      pitchX: pitch,
      pitchY: pitch,
      cellW: cellSize,
      cellH: cellSize,
    },
    cells,
    slots,
    rowLabels: rowLabelsFor(weekdayNames, frame, pitch, cellSize),
    columnLabels,
    legend: heatmapLegend(),
  };
}
