import type { LayoutCell } from "@/lib/domain/heatmap-layout";
import { anomalyRings, type HeatmapLegend as Legend } from "@/lib/domain/heatmap-palette";

const SWATCH = { x: 0, y: 0, w: 12, h: 12 } as LayoutCell;

/** The colour scale from 0% to 100% admitted, the empty grey and the anomaly ring, in words as well as colour. */
export function HeatmapLegend({ legend, anomalyThreshold }: { legend: Legend; anomalyThreshold: number }) {
  const gradient = `linear-gradient(to right, ${legend.stops.map((s) => `${s.fill} ${s.offset * 100}%`).join(", ")})`;
  return (
    <div
      data-testid="heatmap-legend"
      className="flex flex-wrap items-center gap-x-5 gap-y-2 text-xs text-slate-600 dark:text-slate-400"
    >
      <div className="flex items-center gap-2">
        <span>Admitted</span>
        <div className="w-40">
          <div aria-hidden="true" className="h-2.5 rounded-sm" style={{ backgroundImage: gradient }} />
          <div aria-hidden="true" className="mt-0.5 flex justify-between tabular-nums">
            {legend.ticks.map((t) => (
              <span key={t.rate}>{t.label}</span>
            ))}
          </div>
        </div>
        <span className="sr-only">colour runs from dark purple at 0% through green to yellow at 100%</span>
      </div>
      <div className="flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="inline-block size-3 rounded-sm"
          style={{ backgroundColor: legend.emptyFill }}
        />
        <span>no decisions</span>
      </div>
      <div className="flex items-center gap-1.5">
        <svg aria-hidden="true" width={SWATCH.w} height={SWATCH.h} className="shrink-0">
          <rect width={SWATCH.w} height={SWATCH.h} fill={legend.stops[5]?.fill} />
          {anomalyRings(SWATCH).map((r) => (
            <rect
              key={r.stroke}
              x={r.x}
              y={r.y}
              width={r.w}
              height={r.h}
              fill="none"
              stroke={r.stroke}
              strokeWidth={r.lineWidth}
            />
          ))}
        </svg>
        <span>outlined: unusual for its row (|z| &gt; {anomalyThreshold})</span>
      </div>
    </div>
  );
}
