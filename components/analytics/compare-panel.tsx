"use client";

import { type FormEvent, useId, useRef, useState } from "react";
import { callApi, unexpectedFailure } from "../api/call-api";
import {
  analyticsFallbackMessage,
  type CompareGroup,
  type CompareResponse,
  type CompareResult,
  type ProgramOption,
} from "./analytics-api";
import { inputClass, labelClass } from "./analytics-filter-bar";
import { addYears } from "./analytics-filters";
import { formatCount, formatInterval, formatP, formatPoints } from "./compare-format";
import { type CompareForm, type CompareMode, compareQuery } from "./compare-query";
import { SegmentedControl } from "./segmented-control";
import { formatPercent, seriesColour } from "./trend-series";

export interface ComparePanelProps {
  programs: ProgramOption[];
  channels: string[];
  /** The heatmap's current range, the starting point for the periods. */
  from: string;
  to: string;
  /** The zone the dates are read in (the heatmap's). */
  tz: string;
}

const MODES: { value: CompareMode; label: string }[] = [
  { value: "programs", label: "Two programs" },
  { value: "periods", label: "Two periods" },
  { value: "channels", label: "Two channels" },
];

function initialForm({ programs, channels, from, to }: ComparePanelProps): CompareForm {
  return {
    mode: "programs",
    programA: programs[0]?.id ?? "",
    programB: programs[1]?.id ?? programs[0]?.id ?? "",
    program: "",
    channelA: channels[0] ?? "",
    channelB: channels[1] ?? channels[0] ?? "",
    from,
    to,
    // The same dates a year earlier: seasons differ a lot in admissions, so like is compared with like.
    fromA: from ? addYears(from, -1) : "",
    toA: to ? addYears(to, -1) : "",
    fromB: from,
    toB: to,
  };
}

function DateField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        type="date"
        required
        className={`${inputClass} mt-1`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function SelectField({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select
        id={id}
        className={`${inputClass} mt-1 max-w-72`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Where the rate and its interval fall on 0–100%: decoration, the numbers beside it say the same. */
function IntervalBar({ group, index }: { group: CompareGroup; index: number }) {
  if (group.rate === null || !group.ci95) return null;
  const [lo, hi] = group.ci95;
  return (
    <div aria-hidden="true" className="relative mt-2 h-3 rounded-full bg-slate-100 dark:bg-slate-800">
      <div
        className="absolute top-1 h-1 rounded-full"
        style={{ left: `${lo * 100}%`, width: `${Math.max(0.5, (hi - lo) * 100)}%`, background: seriesColour(index) }}
      />
      <div
        className="absolute top-0 size-3 -translate-x-1/2 rounded-full border-2 border-white dark:border-slate-900"
        style={{ left: `${group.rate * 100}%`, background: seriesColour(index) }}
      />
    </div>
  );
}

function GroupCard({ group, name, index }: { group: CompareGroup; name: string; index: number }) {
  return (
    <div
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      data-testid={`compare-group-${name.toLowerCase()}`}
    >
      <p className="text-xs font-medium text-slate-600 uppercase dark:text-slate-400">Group {name}</p>
      <p className="font-semibold">{group.label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{formatPercent(group.rate)}</p>
      <p className="text-sm text-slate-600 tabular-nums dark:text-slate-400">{formatInterval(group.ci95, "rate")}</p>
      <p className="text-sm tabular-nums">
        {formatCount(group.admitted)} admitted of {formatCount(group.decided)} decided ·{" "}
        {formatCount(group.applications)} applications
      </p>
      <IntervalBar group={group} index={index} />
    </div>
  );
}

function CompareOutcome({ result }: { result: CompareResult }) {
  const alpha = result.alpha ?? 0.05;
  return (
    <div className="space-y-3" data-testid="compare-result">
      {result.warning ? (
        <div
          data-testid="compare-warning"
          className="flex gap-2 rounded-lg border-2 border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
        >
          <span aria-hidden="true" className="font-bold">
            !
          </span>
          <p>
            <strong>Read with care: </strong>
            {result.warning}
          </p>
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <GroupCard group={result.a} name="A" index={0} />
        <GroupCard group={result.b} name="B" index={1} />
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Difference (A − B)</dt>
        <dd className="tabular-nums" data-testid="compare-diff">
          {formatPoints(result.diff)} ({formatInterval(result.ci95, "diff")})
        </dd>
        <dt className="font-medium">Two-proportion z-test</dt>
        <dd className="tabular-nums" data-testid="compare-p">
          {typeof result.z === "number" && Number.isFinite(result.z) ? `z = ${result.z.toFixed(2)}, ` : ""}
          {formatP(result.p)}
        </dd>
      </dl>
      <p
        data-testid="compare-verdict"
        data-significant={result.significant}
        className={`rounded-lg px-3 py-2 text-sm ${
          result.significant
            ? "bg-sky-50 text-sky-950 ring-1 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-700"
            : "bg-slate-100 text-slate-800 ring-1 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600"
        }`}
      >
        {/* No p-value (a side with no decisions): the verdict says why, with no significance to claim. */}
        {typeof result.p === "number" && Number.isFinite(result.p) ? (
          <strong>{result.significant ? `Significant at α = ${alpha}. ` : `Not significant at α = ${alpha}. `}</strong>
        ) : null}
        {result.verdict}
      </p>
    </div>
  );
}

/**
 * Two groups side by side (two programs, two periods, or two channels), each
 * with its admission rate, 95% interval and sample size, and the test of
 * whether they differ, in numbers and in words.
 */
export function ComparePanel(props: ComparePanelProps) {
  const { programs, channels, tz } = props;
  const ids = useId();
  const [form, setForm] = useState<CompareForm>(() => initialForm(props));
  const [result, setResult] = useState<CompareResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inFlight = useRef<AbortController | null>(null);
  const set = <K extends keyof CompareForm>(key: K, value: CompareForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const programOptions = programs.map((p) => ({ value: p.id, label: p.name }));
  const allPrograms = [{ value: "", label: "All programs" }, ...programOptions];
  const channelOptions = channels.map((c) => ({ value: c, label: c }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setPending(true);
    setError(null);
    try {
      const answer = await callApi<CompareResponse>(`/api/analytics/compare?${compareQuery(form, tz)}`, {
        signal: controller.signal,
        fallbackMessage: analyticsFallbackMessage,
      });
      if (answer.ok) setResult(answer.value.compare);
      else {
        setResult(null);
        setError(answer.message);
      }
    } catch (error) {
      // Aborted by a newer comparison, which shows its own answer; anything else is a bug the admin is told of.
      if (!controller.signal.aborted) {
        setResult(null);
        setError(unexpectedFailure("comparison", error).message);
      }
    } finally {
      if (inFlight.current === controller) setPending(false);
    }
  }

  return (
    <section aria-labelledby={`${ids}-heading`} className="space-y-4" data-testid="compare-panel">
      <div className="space-y-1">
        <h2 id={`${ids}-heading`} className="text-lg font-semibold">
          Compare two groups
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Is one group's admission rate really different from the other's, or could chance explain the gap? Dates are
          read in {tz || "UTC"}.
        </p>
      </div>
      <form
        aria-label="Compare two groups"
        onSubmit={submit}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <SegmentedControl legend="Compare" options={MODES} value={form.mode} onChange={(v) => set("mode", v)} />
        <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
          {form.mode === "programs" ? (
            <>
              <SelectField
                label="Program A"
                value={form.programA}
                onChange={(v) => set("programA", v)}
                options={programOptions}
              />
              <SelectField
                label="Program B"
                value={form.programB}
                onChange={(v) => set("programB", v)}
                options={programOptions}
              />
              <DateField label="From" value={form.from} onChange={(v) => set("from", v)} />
              <DateField label="To" value={form.to} onChange={(v) => set("to", v)} />
            </>
          ) : null}
          {form.mode === "periods" ? (
            <>
              <SelectField
                label="Program"
                value={form.program}
                onChange={(v) => set("program", v)}
                options={allPrograms}
              />
              <DateField label="Period A from" value={form.fromA} onChange={(v) => set("fromA", v)} />
              <DateField label="Period A to" value={form.toA} onChange={(v) => set("toA", v)} />
              <DateField label="Period B from" value={form.fromB} onChange={(v) => set("fromB", v)} />
              <DateField label="Period B to" value={form.toB} onChange={(v) => set("toB", v)} />
            </>
          ) : null}
          {form.mode === "channels" ? (
            <>
              <SelectField
                label="Channel A"
                value={form.channelA}
                onChange={(v) => set("channelA", v)}
                options={channelOptions}
              />
              <SelectField
                label="Channel B"
                value={form.channelB}
                onChange={(v) => set("channelB", v)}
                options={channelOptions}
              />
              <SelectField
                label="Program"
                value={form.program}
                onChange={(v) => set("program", v)}
                options={allPrograms}
              />
              <DateField label="From" value={form.from} onChange={(v) => set("from", v)} />
              <DateField label="To" value={form.to} onChange={(v) => set("to", v)} />
            </>
          ) : null}
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300"
          >
            {pending ? "Comparing…" : "Compare"}
          </button>
        </div>
      </form>
      <div role="alert" data-testid="compare-error">
        {error ? (
          <p className="rounded-lg border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-700 dark:bg-rose-950 dark:text-rose-100">
            {error}
          </p>
        ) : null}
      </div>
      {/* Always in the page, so the outcome (and any small-sample warning in it) is announced when it arrives. */}
      <div aria-live="polite" aria-busy={pending}>
        {result ? <CompareOutcome result={result} /> : null}
      </div>
    </section>
  );
}
