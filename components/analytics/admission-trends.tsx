"use client";

import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import type { HeatmapData } from "@/lib/domain/heatmap-data";
import { formatCount } from "./compare-format";
import { formatPercent, seriesColour, seriesDash, type TrendPoint, trendSeries } from "./trend-series";

export interface AdmissionTrendsProps {
  data: HeatmapData;
}

/** Series drawn by default: enough to compare, few enough that the bands stay readable. */
const DEFAULT_SERIES = 3;
const AXIS = { fontSize: 11, fill: "#64748b" };

function percentTick(v: number) {
  return `${Math.round(v * 100)}%`;
}

/** A line sample in the series' colour and dash, so the legend does not rely on colour alone. */
function SeriesSwatch({ index }: { index: number }) {
  return (
    <svg width="28" height="10" aria-hidden="true" className="shrink-0">
      <rect x="0" y="1" width="28" height="8" fill={seriesColour(index)} opacity="0.18" />
      <line
        x1="0"
        x2="28"
        y1="5"
        y2="5"
        stroke={seriesColour(index)}
        strokeWidth="2"
        strokeDasharray={seriesDash(index) || undefined}
      />
    </svg>
  );
}

function RateTooltip({ active, payload, names }: TooltipContentProps & { names: string[] }) {
  const point = payload?.[0]?.payload as TrendPoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
      <p className="font-semibold">{point.label}</p>
      {point.values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: series are positional and fixed for the chart.
        <p key={i} className="flex items-center gap-2 tabular-nums">
          <SeriesSwatch index={i} />
          <span>
            {names[i]}:{" "}
            {v.rate === null
              ? `no decisions (${formatCount(v.applications)} appl.)`
              : `${formatPercent(v.rate)} (${formatPercent(v.ci?.[0])}–${formatPercent(v.ci?.[1])}), ${formatCount(v.admitted)} of ${formatCount(v.decided)} decided, ${formatCount(v.applications)} appl.`}
          </span>
        </p>
      ))}
    </div>
  );
}

/** The table for screen readers and exact figures; mounted when opened, it can be long at day granularity. */
function TrendTable({ points, names, caption }: { points: TrendPoint[]; names: string[]; caption: string }) {
  return (
    <div className="mt-2 max-h-96 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="text-sm" data-testid="trend-table">
        <caption className="px-3 py-2 text-left text-xs text-slate-600 dark:text-slate-400">{caption}</caption>
        <thead className="sticky top-0 bg-slate-100 text-left dark:bg-slate-800">
          <tr>
            <th scope="col" className="px-3 py-2">
              Period
            </th>
            {names.map((name) => (
              <th key={name} scope="col" className="px-3 py-2 whitespace-nowrap">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.bucket} className="border-t border-slate-200 dark:border-slate-800">
              <th scope="row" className="px-3 py-1.5 text-left font-medium whitespace-nowrap">
                {p.label}
              </th>
              {p.values.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one cell per series, in series order.
                <td key={i} className="px-3 py-1.5 whitespace-nowrap tabular-nums">
                  {v.rate === null
                    ? `– (${formatCount(v.applications)} appl.)`
                    : `${formatPercent(v.rate)} [${formatPercent(v.ci?.[0])}, ${formatPercent(v.ci?.[1])}] · ${formatCount(v.admitted)}/${formatCount(v.decided)} · ${formatCount(v.applications)} appl.`}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LazyDetails({ summary, children }: { summary: string; children: () => ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onToggle = () => {
      if (details.open) setOpen(true);
    };
    details.addEventListener("toggle", onToggle);
    return () => details.removeEventListener("toggle", onToggle);
  }, []);
  return (
    <details ref={ref}>
      <summary className="cursor-pointer text-sm font-medium text-slate-700 hover:underline dark:text-slate-300">
        {summary}
      </summary>
      {open ? children() : null}
    </details>
  );
}

/**
 * Admission rate over time (a line per chosen row, with its 95% Wilson band)
 * and application volume (stacked bars), from the heatmap's own counts, so the
 * trends always agree with the grid above them.
 */
export function AdmissionTrends({ data }: AdmissionTrendsProps) {
  const ids = useId();
  const [chosenKeys, setChosenKeys] = useState<string[] | null>(null);
  // Keys that left the data (another filter) drop out; with none left, the first rows are shown.
  const rows = useMemo(() => {
    const present = (chosenKeys ?? [])
      .map((key) => data.rows.findIndex((r) => r.key === key))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b);
    return present.length > 0 ? present : data.rows.slice(0, DEFAULT_SERIES).map((_, i) => i);
  }, [chosenKeys, data.rows]);
  const points = useMemo(() => trendSeries(data, rows), [data, rows]);
  const names = rows.map((r) => data.rows[r]?.label ?? "");
  const shown = new Set(rows);
  const toggle = (index: number, on: boolean) => {
    const next = data.rows.filter((_, i) => (i === index ? on : shown.has(i))).map((r) => r.key);
    setChosenKeys(next);
  };
  const dots = points.length <= 40;
  const unit = { day: "day", week: "week", month: "month" }[data.granularity];
  const what =
    names.length === 1 ? (names[0] ?? "") : `${names.length} ${data.groupBy === "program" ? "programs" : "channels"}`;
  const rateTitle = `Admission rate per ${unit}, ${what}`;
  const volumeTitle = `Applications per ${unit}, ${what}`;

  return (
    <section aria-labelledby={`${ids}-heading`} className="space-y-4" data-testid="admission-trends">
      <div className="space-y-1">
        <h2 id={`${ids}-heading`} className="text-lg font-semibold">
          Trends
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Share of decided applications admitted, with its 95% confidence band (Wilson), and applications submitted. A
          wide band means few decisions in that {unit}.
        </p>
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-slate-600 uppercase dark:text-slate-400">
          {data.groupBy === "program" ? "Programs" : "Channels"} in the trends
        </legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {data.rows.map((row, i) => {
            const position = rows.indexOf(i);
            const on = position >= 0;
            return (
              <label key={row.key} className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={on && rows.length === 1}
                  onChange={(e) => toggle(i, e.target.checked)}
                  className="size-4 accent-slate-900 dark:accent-slate-100"
                />
                {on ? <SeriesSwatch index={position} /> : null}
                {row.label}
              </label>
            );
          })}
        </div>
      </fieldset>

      <figure className="space-y-2" aria-labelledby={`${ids}-rate-caption`}>
        <figcaption id={`${ids}-rate-caption`} className="text-sm font-medium">
          {rateTitle}
        </figcaption>
        <ComposedChart
          responsive
          style={{ width: "100%", height: 280 }}
          data={points}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
          title={rateTitle}
          desc="Line: admission rate; shaded band: its 95% confidence interval. Gaps are periods with no decisions."
        >
          <CartesianGrid stroke="#94a3b8" strokeOpacity={0.35} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
          <YAxis domain={[0, 1]} tickFormatter={percentTick} tick={AXIS} width={44} />
          <Tooltip content={(props) => <RateTooltip {...props} names={names} />} />
          {rows.map((r, i) => (
            <Area
              key={`band-${data.rows[r]?.key}`}
              dataKey={`ci${i}`}
              name={`${names[i]} 95% CI`}
              stroke="none"
              fill={seriesColour(i)}
              fillOpacity={0.16}
              isAnimationActive={false}
              activeDot={false}
              legendType="none"
              tooltipType="none"
            />
          ))}
          {rows.map((r, i) => (
            <Line
              key={`rate-${data.rows[r]?.key}`}
              dataKey={`rate${i}`}
              name={names[i]}
              stroke={seriesColour(i)}
              strokeWidth={2}
              strokeDasharray={seriesDash(i) || undefined}
              dot={dots ? { r: 2.5, strokeDasharray: "" } : false}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </figure>

      <figure className="space-y-2" aria-labelledby={`${ids}-volume-caption`}>
        <figcaption id={`${ids}-volume-caption`} className="text-sm font-medium">
          {volumeTitle}
        </figcaption>
        <BarChart
          responsive
          style={{ width: "100%", height: 200 }}
          data={points}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
          title={volumeTitle}
          desc="Stacked bars: applications submitted per period, one colour per row as in the rate chart."
        >
          <CartesianGrid stroke="#94a3b8" strokeOpacity={0.35} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
          <YAxis tick={AXIS} width={44} allowDecimals={false} />
          <Tooltip
            formatter={(value, name) => [formatCount(Number(value)), name]}
            contentStyle={{ fontSize: 12, borderRadius: 6 }}
          />
          {rows.map((r, i) => (
            <Bar
              key={`volume-${data.rows[r]?.key}`}
              dataKey={`applications${i}`}
              name={names[i]}
              stackId="applications"
              fill={seriesColour(i)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </figure>

      <LazyDetails summary="Show the trends as a table">
        {() => <TrendTable points={points} names={names} caption={`${rateTitle}, with 95% intervals and counts`} />}
      </LazyDetails>
    </section>
  );
}
