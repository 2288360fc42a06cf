"use client";

import { useId } from "react";

export interface SegmentedOption<V extends string> {
  value: V;
  label: string;
}

export interface SegmentedControlProps<V extends string> {
  legend: string;
  options: readonly SegmentedOption<V>[];
  value: V;
  onChange: (value: V) => void;
  /** Hide the legend visually (it stays the group's accessible name). */
  hideLegend?: boolean;
  disabled?: boolean;
}

/**
 * A radio group drawn as joined buttons: native radios, so arrow keys,
 * the tab stop and the checked state come from the browser.
 */
export function SegmentedControl<V extends string>({
  legend,
  options,
  value,
  onChange,
  hideLegend = false,
  disabled = false,
}: SegmentedControlProps<V>) {
  const name = useId();
  return (
    <fieldset className="min-w-0" disabled={disabled}>
      <legend
        className={hideLegend ? "sr-only" : "mb-1 text-xs font-medium text-slate-600 uppercase dark:text-slate-400"}
      >
        {legend}
      </legend>
      <div className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 dark:border-slate-700 dark:bg-slate-900">
        {options.map((option) => (
          <label
            key={option.value}
            className="relative cursor-pointer rounded px-3 py-1 text-sm font-medium text-slate-700 select-none has-checked:bg-slate-900 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-sky-500 hover:bg-slate-100 has-checked:hover:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:has-checked:bg-slate-100 dark:has-checked:text-slate-900"
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              // Invisible but over the whole segment: a click anywhere on it lands on the radio itself.
              className="absolute inset-0 cursor-pointer appearance-none rounded opacity-0"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
