"use client";

import { type KeyboardEvent, useId } from "react";
import type { Granularity, GroupBy, WeekStart } from "@/lib/domain/heatmap-data";
import type { ProgramOption } from "./analytics-api";
import type { AnalyticsFilters } from "./analytics-filters";
import { SegmentedControl } from "./segmented-control";
import { useDebouncedField } from "./use-debounced-field";

export interface AnalyticsFilterBarProps {
  filters: AnalyticsFilters;
  /** An update of the latest filters: two fields applied in the same tick must not undo each other. */
  onChange: (update: (current: AnalyticsFilters) => AnalyticsFilters) => void;
  programs: ProgramOption[];
  /** The browser's IANA zone, offered first in the zone list. */
  browserTimeZone: string;
}

const GRANULARITY_OPTIONS: { value: Granularity; label: string }[] = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
];
const GROUP_BY_OPTIONS: { value: GroupBy; label: string }[] = [
  { value: "program", label: "Program" },
  { value: "channel", label: "Channel" },
];

export const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:scheme-dark";
export const labelClass = "block text-xs font-medium text-slate-600 uppercase dark:text-slate-400";
export const smallButtonClass =
  "rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

/** Enter applies a text field at once instead of submitting the form. */
function flushOnEnter(flush: () => void) {
  return (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      flush();
    }
  };
}

/**
 * The heatmap's filters. Choices apply at once; the dates and the zone (typed)
 * apply shortly after the last keystroke, or on Enter or leaving the field.
 */
export function AnalyticsFilterBar({ filters, onChange, programs, browserTimeZone }: AnalyticsFilterBarProps) {
  const ids = useId();
  const set = <K extends keyof AnalyticsFilters>(key: K, value: AnalyticsFilters[K]) =>
    onChange((current) => ({ ...current, [key]: value }));
  const from = useDebouncedField(filters.from, (v) => set("from", v));
  const to = useDebouncedField(filters.to, (v) => set("to", v));
  const tz = useDebouncedField(filters.tz, (v) => set("tz", v.trim()));

  const zones = [
    { zone: "program", note: "each program's own zone" },
    { zone: browserTimeZone, note: "your browser" },
    ...[...new Set(programs.map((p) => p.timeZone))]
      .filter((z) => z !== browserTimeZone)
      .sort()
      .map((zone) => ({
        zone,
        note: programs
          .filter((p) => p.timeZone === zone)
          .map((p) => p.name)
          .join(", "),
      })),
  ];
  if (!zones.some((z) => z.zone === "UTC")) zones.push({ zone: "UTC", note: "" });

  // Every program ticked is stored as "all" (no list), so new programs show up too.
  const allIds = programs.map((p) => p.id);
  const ticked = new Set(filters.programs.length === 0 ? allIds : filters.programs);
  const toggleProgram = (id: string, on: boolean) => {
    const next = allIds.filter((p) => (p === id ? on : ticked.has(p)));
    set("programs", next.length === allIds.length ? [] : next);
  };

  return (
    <form
      aria-label="Heatmap filters"
      onSubmit={(e) => e.preventDefault()}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
        <SegmentedControl
          legend="Granularity"
          options={GRANULARITY_OPTIONS}
          value={filters.granularity}
          onChange={(v) => set("granularity", v)}
        />
        <div>
          <label htmlFor={`${ids}-from`} className={labelClass}>
            From
          </label>
          <input
            id={`${ids}-from`}
            type="date"
            className={`${inputClass} mt-1`}
            value={from.draft}
            onChange={(e) => from.setDraft(e.target.value)}
            onBlur={from.flush}
            onKeyDown={flushOnEnter(from.flush)}
          />
        </div>
        <div>
          <label htmlFor={`${ids}-to`} className={labelClass}>
            To
          </label>
          <input
            id={`${ids}-to`}
            type="date"
            className={`${inputClass} mt-1`}
            value={to.draft}
            onChange={(e) => to.setDraft(e.target.value)}
            onBlur={to.flush}
            onKeyDown={flushOnEnter(to.flush)}
          />
        </div>
        <div>
          <label htmlFor={`${ids}-tz`} className={labelClass}>
            Time zone
          </label>
          <input
            id={`${ids}-tz`}
            type="text"
            list={`${ids}-zones`}
            autoComplete="off"
            spellCheck={false}
            placeholder="Automatic"
            aria-describedby={`${ids}-tz-hint`}
            className={`${inputClass} mt-1 w-52`}
            value={tz.draft}
            onChange={(e) => tz.setDraft(e.target.value)}
            onBlur={tz.flush}
            onKeyDown={flushOnEnter(tz.flush)}
          />
          <datalist id={`${ids}-zones`}>
            {zones.map(({ zone, note }) => (
              <option key={zone} value={zone}>
                {note}
              </option>
            ))}
          </datalist>
          <p id={`${ids}-tz-hint`} className="sr-only">
            An IANA zone such as Europe/Berlin, or "program" for each program's own zone. Empty: the programs' zone, or
            each program's own when they differ.
          </p>
        </div>
        <div>
          <label htmlFor={`${ids}-week`} className={labelClass}>
            Weeks start on
          </label>
          <select
            id={`${ids}-week`}
            className={`${inputClass} mt-1`}
            value={filters.weekStart}
            onChange={(e) => set("weekStart", e.target.value as WeekStart)}
          >
            <option value="monday">Monday</option>
            <option value="sunday">Sunday</option>
          </select>
        </div>
        <SegmentedControl
          legend="Rows"
          options={GROUP_BY_OPTIONS}
          value={filters.groupBy}
          onChange={(v) => set("groupBy", v)}
        />
      </div>
      <fieldset>
        <legend className={`${labelClass} flex items-center gap-3`}>
          <span>Programs</span>
        </legend>
        <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1">
          {programs.map((p) => {
            const on = ticked.has(p.id);
            const last = on && ticked.size === 1;
            return (
              <label
                key={p.id}
                className="inline-flex items-center gap-1.5 text-sm"
                title={last ? "At least one program stays selected" : undefined}
              >
                <input
                  type="checkbox"
                  checked={on}
                  // The last ticked program cannot be unticked: an empty list would mean "all" to the API.
                  disabled={last}
                  onChange={(e) => toggleProgram(p.id, e.target.checked)}
                  className="size-4 accent-slate-900 dark:accent-slate-100"
                />
                {p.name}
              </label>
            );
          })}
          <button
            type="button"
            className={smallButtonClass}
            disabled={filters.programs.length === 0}
            onClick={() => set("programs", [])}
          >
            Select all programs
          </button>
        </div>
      </fieldset>
    </form>
  );
}
