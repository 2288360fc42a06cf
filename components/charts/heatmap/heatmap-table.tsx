import { useMemo } from "react";
import type { HeatmapCell, HeatmapData } from "@/lib/domain/heatmap-data";
import { formatRate } from "./heatmap-text";

export interface HeatmapTableProps {
  data: HeatmapData;
  caption: string;
}

/**
 * The heatmap's data as a table, for screen readers and for reading exact
 * figures: one row per program or channel, one column per bucket, each cell
 * the rate with its counts and the anomaly in words.
 */
export function HeatmapTable({ data, caption }: HeatmapTableProps) {
  const cols = data.buckets.length;
  const byPosition = useMemo(() => {
    const map = new Map<number, HeatmapCell>();
    for (const c of data.cells) map.set(c.row * cols + c.bucket, c);
    return map;
  }, [data.cells, cols]);
  return (
    <div className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table data-testid="heatmap-table" className="text-sm">
        <caption className="px-3 py-2 text-left text-xs text-slate-600 dark:text-slate-400">
          {caption}. Each cell: share of decided applications admitted, admitted of decided, and applications.
        </caption>
        <thead className="sticky top-0 bg-slate-100 text-left dark:bg-slate-800">
          <tr>
            <th scope="col" className="sticky left-0 bg-slate-100 px-3 py-2 font-semibold dark:bg-slate-800">
              {data.groupBy === "program" ? "Program" : "Channel"}
            </th>
            {data.bucketLabels.map((label, b) => (
              <th key={data.buckets[b] ?? b} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, r) => (
            <tr key={row.key} className="border-t border-slate-200 dark:border-slate-800">
              <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-medium dark:bg-slate-950">
                {row.label}
              </th>
              {data.buckets.map((start, b) => {
                const c = byPosition.get(r * cols + b);
                return (
                  <td key={start} className="px-3 py-2 whitespace-nowrap tabular-nums" data-row={r} data-bucket={b}>
                    {!c || c.applications === 0 ? (
                      <span className="text-slate-400">–</span>
                    ) : (
                      <>
                        <span className="font-semibold">{formatRate(c.rate)}</span>{" "}
                        <span className="text-slate-600 dark:text-slate-400">
                          ({c.admitted}/{c.decided}, {c.applications} appl.)
                        </span>
                        {c.anomaly ? (
                          <span className="ml-1 font-semibold text-rose-700 dark:text-rose-400">unusual</span>
                        ) : null}
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
