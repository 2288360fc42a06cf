"use client";

import { smallButtonClass } from "./analytics-filter-bar";
import { type AnalyticsFilters, describeView } from "./analytics-filters";

export interface DrillBreadcrumbProps {
  /** The views drilled down from, outermost first. */
  trail: AnalyticsFilters[];
  current: AnalyticsFilters;
  /** Returns to trail[index] (dropping the views after it). */
  onReturn: (index: number) => void;
}

/** Where a drill-down has led, each step a way back; nothing until the first drill-down. */
export function DrillBreadcrumb({ trail, current, onReturn }: DrillBreadcrumbProps) {
  if (trail.length === 0) return null;
  const parent = trail.length - 1;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className={smallButtonClass} onClick={() => onReturn(parent)}>
        <span aria-hidden="true">← </span>Back
        <span className="sr-only"> to {describeView(trail[parent] as AnalyticsFilters)}</span>
      </button>
      <nav aria-label="Drill-down path">
        <ol className="flex flex-wrap items-center gap-1 text-sm">
          {trail.map((view, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a path's steps are identified by their position.
            <li key={i} className="flex items-center gap-1">
              <button
                type="button"
                className="rounded px-1 text-sky-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400"
                onClick={() => onReturn(i)}
              >
                {i === 0 ? `All: ${describeView(view)}` : describeView(view)}
              </button>
              <span aria-hidden="true" className="text-slate-400">
                ›
              </span>
            </li>
          ))}
          <li aria-current="location" className="px-1 font-medium">
            {describeView(current)}
          </li>
        </ol>
      </nav>
    </div>
  );
}
