import type { Ref } from "react";
import type { CellSummary } from "./heatmap-text";

export interface HeatmapTooltipProps {
  id: string;
  summary: CellSummary;
  row: number;
  bucket: number;
  ref?: Ref<HTMLDivElement>;
}

/** The hover and keyboard-cursor card; the chart places it (position: fixed, so a scrolling container never clips it). */
export function HeatmapTooltip({ id, summary, row, bucket, ref }: HeatmapTooltipProps) {
  return (
    <div
      ref={ref}
      id={id}
      role="tooltip"
      data-testid="heatmap-tooltip"
      data-row={row}
      data-bucket={bucket}
      className="pointer-events-none fixed top-0 left-0 z-50 max-w-64 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <p className="font-semibold">{summary.heading}</p>
      {summary.lines.map((line) => (
        <p key={line} className="tabular-nums">
          {line}
        </p>
      ))}
    </div>
  );
}
