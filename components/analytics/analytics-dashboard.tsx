"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { Heatmap } from "@/components/charts/heatmap/heatmap";
import { browserTimeZone } from "@/components/ui/browser-time-zone";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { HeatmapData } from "@/lib/domain/heatmap-data";
import { AdmissionTrends } from "./admission-trends";
import type { HeatmapResponse, ProgramsResponse } from "./analytics-api";
import { AnalyticsFilterBar, inputClass, labelClass } from "./analytics-filter-bar";
import {
  type AnalyticsFilters,
  describeView,
  drillDown,
  filtersFromQuery,
  filtersToQuery,
  localDate,
} from "./analytics-filters";
import { ComparePanel } from "./compare-panel";
import { DrillBreadcrumb } from "./drill-breadcrumb";
import { SegmentedControl } from "./segmented-control";
import { useApiQuery } from "./use-api-query";

interface View {
  filters: AnalyticsFilters;
  /** The views drilled down from, outermost first. */
  trail: AnalyticsFilters[];
}

const SOURCE_WORDS: Record<HeatmapResponse["source"], string> = {
  daily: "daily totals",
  hourly: "hourly totals",
  raw: "individual applications",
};

function heatmapTitle(data: HeatmapData): string {
  const first = data.bucketLabels[0] ?? "";
  const last = data.bucketLabels.at(-1) ?? "";
  const unit = { day: "day", week: "week", month: "month" }[data.granularity];
  return `Admission rate by ${data.groupBy} and ${unit}, ${first} to ${last} (${data.perProgramZones ? "each program's own time zone" : data.tz})`;
}

/**
 * The admin analytics page: filters, the admission-rate heatmap with
 * drill-down, trends drawn from the same numbers, and a two-group comparison.
 * The filters live in the URL query (the heatmap API's own parameters), so a
 * link opens the same view.
 */
export function AnalyticsDashboard() {
  const ids = useId();
  const meta = useApiQuery<ProgramsResponse>("/api/analytics/programs");
  const [viewerTimeZone, setViewerTimeZone] = useState("UTC");
  // Read from the URL and the browser's clock after hydration: the server knows neither the zone nor "today" there.
  const [view, setView] = useState<View | null>(null);
  // The query last written to the address bar; the one the page opened with is left as it was.
  const urlQuery = useRef<string | null>(null);
  useEffect(() => {
    const tz = browserTimeZone();
    const filters = filtersFromQuery(new URLSearchParams(window.location.search), localDate(Date.now(), tz));
    urlQuery.current = filtersToQuery(filters).toString();
    setViewerTimeZone(tz);
    setView({ filters, trail: [] });
  }, []);

  const query = view ? filtersToQuery(view.filters).toString() : null;
  useEffect(() => {
    if (query === null || query === urlQuery.current) return;
    urlQuery.current = query;
    window.history.replaceState(null, "", `?${query}`);
  }, [query]);
  const heat = useApiQuery<HeatmapResponse>(query === null ? null : `/api/analytics/heatmap?${query}`);

  const [calendar, setCalendar] = useState(false);
  const [calendarRow, setCalendarRow] = useState(0);

  if (!view) {
    return (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Loading analytics…
      </p>
    );
  }

  const programs = meta.value?.programs ?? [];
  const data = heat.error ? null : (heat.value?.heatmap ?? null);
  const empty = data !== null && data.cells.length === 0;
  // The calendar draws one row's days: offered for day buckets of a single program.
  const singleProgram =
    view.filters.programs.length === 1 || (programs.length === 1 && view.filters.programs.length === 0);
  const calendarAvailable = data?.granularity === "day" && singleProgram && data.rows.length > 0;
  const showCalendar = calendar && calendarAvailable;
  const state = heat.loading ? "loading" : heat.error ? "error" : data === null ? "loading" : empty ? "empty" : "ready";

  const change = (update: (current: AnalyticsFilters) => AnalyticsFilters) =>
    setView((v) => (v ? { filters: update(v.filters), trail: v.trail } : v));
  const drill =
    data && !heat.loading
      ? (bucket: number) => {
          const next = drillDown(view.filters, data, bucket);
          if (next) setView({ filters: next, trail: [...view.trail, view.filters] });
        }
      : undefined;
  const goBack = (index: number) => {
    const target = view.trail[index];
    if (target) setView({ filters: target, trail: view.trail.slice(0, index) });
  };

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/admin" className="text-sky-700 hover:underline dark:text-sky-400">
            Admin
          </Link>
          <span aria-hidden="true" className="text-slate-400">
            {" "}
            /
          </span>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Admission rates by program or channel over time. Click a month or a week to see it in finer detail.
          {meta.value?.range.first && meta.value.range.last
            ? ` History runs from ${meta.value.range.first} to ${meta.value.range.last}.`
            : ""}
        </p>
      </div>

      <ErrorAlert message={meta.error ? meta.error.message : null} testId="analytics-meta-error" />

      <AnalyticsFilterBar
        filters={view.filters}
        onChange={change}
        programs={programs}
        browserTimeZone={viewerTimeZone}
      />

      <section
        aria-labelledby={`${ids}-heatmap-heading`}
        aria-busy={heat.loading}
        data-testid="analytics-results"
        data-state={state}
        data-granularity={data?.granularity}
        className="space-y-3"
      >
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id={`${ids}-heatmap-heading`} className="text-lg font-semibold">
            Admission-rate heatmap
          </h2>
          {calendarAvailable && data ? (
            <div className="flex flex-wrap items-end gap-4">
              <SegmentedControl
                legend="Layout"
                hideLegend
                options={[
                  { value: "grid", label: "Grid" },
                  { value: "calendar", label: "Calendar" },
                ]}
                value={showCalendar ? "calendar" : "grid"}
                onChange={(v) => setCalendar(v === "calendar")}
              />
              {showCalendar && data.rows.length > 1 ? (
                <div>
                  <label htmlFor={`${ids}-calendar-row`} className={labelClass}>
                    Calendar of
                  </label>
                  <select
                    id={`${ids}-calendar-row`}
                    className={`${inputClass} mt-1`}
                    value={Math.min(calendarRow, data.rows.length - 1)}
                    onChange={(e) => setCalendarRow(Number(e.target.value))}
                  >
                    {data.rows.map((row, i) => (
                      <option key={row.key} value={i}>
                        {row.label}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
            </div>
          ) : null}
        </div>

        <DrillBreadcrumb trail={view.trail} current={view.filters} onReturn={goBack} />

        <p role="status" className="text-sm text-slate-600 dark:text-slate-400" data-testid="analytics-status">
          {heat.loading
            ? "Loading…"
            : data && heat.value
              ? `${describeView(view.filters)} in ${data.perProgramZones ? "each program's own time zone" : data.tz}: ${data.rows.length} ${data.groupBy === "program" ? "programs" : "channels"} × ${data.buckets.length} periods, counted from ${SOURCE_WORDS[heat.value.source] ?? heat.value.source}.`
              : ""}
        </p>

        <ErrorAlert message={heat.error ? heat.error.message : null} testId="analytics-error" />

        {empty ? (
          <div
            role="status"
            data-testid="analytics-empty"
            className="rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center dark:border-slate-700"
          >
            <p className="font-medium">No applications in this range</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Try a longer range, other programs, or a different time zone.
            </p>
          </div>
        ) : data ? (
          <div className={heat.loading ? "opacity-60 transition-opacity" : undefined}>
            <Heatmap
              data={data}
              title={heatmapTitle(data)}
              variant={showCalendar ? "calendar" : "grid"}
              calendarRow={Math.min(calendarRow, data.rows.length - 1)}
              onDrillDown={drill}
              fileName={`admission-heatmap-${data.granularity}-${(data.bucketLabels[0] ?? "").replace(/[^\w-]+/g, "-")}`}
            />
          </div>
        ) : null}
      </section>

      {data && !empty ? <AdmissionTrends data={data} /> : null}

      {meta.value ? (
        <ComparePanel
          programs={meta.value.programs}
          channels={meta.value.channels}
          from={view.filters.from}
          to={view.filters.to}
          tz={data?.tz ?? view.filters.tz}
        />
      ) : null}
    </div>
  );
}
