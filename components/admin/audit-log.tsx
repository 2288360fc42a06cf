"use client";

import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { browserTimeZone } from "@/components/ui/browser-time-zone";
import { type ApiRefusal, unexpectedFailure } from "../api/call-api";
import { type AdminRound, type AuditPageAnswer, callAdminApi } from "./admin-api";
import { AuditTable } from "./audit-table";
import { buttonClass, Field, FormAlert, focusFirst, hintClass, inputClass } from "./form-parts";
import { fromZonedInput, toZonedInput } from "./zoned-time";

export interface RoundChoice {
  id: string;
  title: string;
  programName: string;
}

/** The audit API's own parameters, as the page's URL carries them. */
export interface AuditQueryParams {
  roundId?: string;
  seatId?: string;
  actor?: string;
  from?: string;
  to?: string;
}

type ActorKind = "" | "admin" | "system" | "applicant";

interface FilterValues {
  roundId: string;
  seatId: string;
  actorKind: ActorKind;
  applicantId: string;
  /** datetime-local text in the browser's zone. */
  from: string;
  to: string;
}

const PAGE_SIZE = 50;

function filtersOf(query: AuditQueryParams, zone: string): FilterValues {
  const actor = query.actor ?? "";
  const time = (text: string | undefined) => {
    const ms = Number(text);
    return text && Number.isFinite(ms) ? toZonedInput(ms, zone) : "";
  };
  return {
    roundId: query.roundId ?? "",
    seatId: query.seatId ?? "",
    actorKind: actor === "" ? "" : actor === "admin" || actor === "system" ? actor : "applicant",
    applicantId: actor === "admin" || actor === "system" ? "" : actor,
    from: time(query.from),
    to: time(query.to),
  };
}

/** The API query for the filters, or the field a time could not be read from. */
function queryOf(
  f: FilterValues,
  zone: string,
): { ok: true; query: URLSearchParams } | { ok: false; refusal: ApiRefusal } {
  const query = new URLSearchParams();
  if (f.roundId) query.set("roundId", f.roundId);
  if (f.roundId && f.seatId) query.set("seatId", f.seatId);
  if (f.actorKind === "admin" || f.actorKind === "system") query.set("actor", f.actorKind);
  if (f.actorKind === "applicant") query.set("actor", f.applicantId.trim());
  for (const key of ["from", "to"] as const) {
    if (f[key].trim() === "") continue;
    const ms = fromZonedInput(f[key], zone);
    if (ms === null) {
      const message = `${key}: enter a date and time, or leave it empty`;
      return { ok: false, refusal: { ok: false, status: 400, code: "INVALID_INPUT", message, field: key } };
    }
    query.set(key, String(ms));
  }
  return { ok: true, query };
}

/**
 * The audit log for admins: filters for round, seat, actor and a time range
 * (in the browser's zone, said beside them), newest first, with older pages
 * loaded on request. The filters live in the URL, so a link opens the same view.
 */
export function AuditLog({ rounds, initialQuery }: { rounds: RoundChoice[]; initialQuery: AuditQueryParams }) {
  const ids = useId();
  const idOf = (name: string) => `${ids}-${name}`;
  // The browser's zone is only known after hydration.
  const [zone, setZone] = useState<string | null>(null);
  const [values, setValues] = useState<FilterValues | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const [entries, setEntries] = useState<AuditPageAnswer["entries"]>([]);
  const [nextCursor, setNextCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [refusal, setRefusal] = useState<ApiRefusal | null>(null);
  const [seats, setSeats] = useState<{ id: string; label: string }[]>([]);
  const request = useRef<AbortController | null>(null);

  useEffect(() => {
    const browserZone = browserTimeZone();
    setZone(browserZone);
    const initial = filtersOf(initialQuery, browserZone);
    setValues(initial);
    const built = queryOf(initial, browserZone);
    setApplied(built.ok ? built.query.toString() : "");
  }, [initialQuery]);

  const load = useCallback(async (query: string, cursor: number | null) => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    const params = new URLSearchParams(query);
    params.set("limit", String(PAGE_SIZE));
    if (cursor !== null) params.set("cursor", String(cursor));
    setLoading(true);
    try {
      const answer = await callAdminApi<AuditPageAnswer>(`/api/admin/audit?${params}`, { signal: controller.signal });
      if (!answer.ok) {
        setRefusal(answer);
        if (cursor === null) {
          setEntries([]);
          setNextCursor(null);
        }
        return answer;
      }
      setRefusal(null);
      setEntries((current) => (cursor === null ? answer.value.entries : [...current, ...answer.value.entries]));
      setNextCursor(answer.value.nextCursor);
      return answer;
    } catch (error) {
      // Aborted: a newer request answers. Anything else is a bug the admin is told of.
      if (!controller.signal.aborted) {
        setRefusal(unexpectedFailure("audit request", error));
      }
      return null;
    } finally {
      if (request.current === controller) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (applied === null) return;
    window.history.replaceState(null, "", applied ? `?${applied}` : window.location.pathname);
    void load(applied, null).then((answer) => {
      if (answer && !answer.ok && answer.field) focusFirst([`${ids}-${answer.field}`]);
    });
  }, [applied, load, ids]);

  // The seats of the chosen round, for the seat filter.
  const roundId = values?.roundId ?? "";
  useEffect(() => {
    setSeats([]);
    if (!roundId) return;
    const controller = new AbortController();
    callAdminApi<AdminRound & { ok: true }>(`/api/admin/rounds/${encodeURIComponent(roundId)}`, {
      signal: controller.signal,
    }).then(
      (answer) => {
        if (answer.ok) setSeats(answer.value.seats.map((s) => ({ id: s.id, label: s.label })));
      },
      (error: unknown) => {
        // Aborted when the round filter changed again; anything else is a bug the admin is told of.
        if (controller.signal.aborted) return;
        setRefusal(unexpectedFailure("round seats request", error));
      },
    );
    return () => controller.abort();
  }, [roundId]);

  if (!zone || !values) {
    return (
      <p role="status" className={hintClass}>
        Loading the audit log…
      </p>
    );
  }

  const set = <K extends keyof FilterValues>(key: K, value: FilterValues[K]) =>
    setValues((v) => (v ? { ...v, [key]: value, ...(key === "roundId" ? { seatId: "" } : {}) } : v));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const built = queryOf(values, zone);
    if (!built.ok) {
      setRefusal(built.refusal);
      focusFirst([idOf(built.refusal.field ?? "alert")]);
      return;
    }
    const query = built.query.toString();
    if (query === applied) void load(query, null);
    else setApplied(query);
  };

  const errorFor = (field: string) => (refusal?.field === field ? refusal.message : null);
  const actorError = errorFor("actor");

  return (
    <div className="space-y-6">
      <form onSubmit={submit} noValidate aria-label="Audit filters" className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field id={idOf("roundId")} label="Round" error={errorFor("roundId")}>
            {(c) => (
              <select
                {...c}
                className={inputClass}
                value={values.roundId}
                onChange={(e) => set("roundId", e.target.value)}
              >
                <option value="">All rounds</option>
                {rounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title} ({r.programName})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={idOf("seatId")}
            label="Seat"
            hint={values.roundId ? undefined : "Choose a round to filter by one of its seats."}
            error={errorFor("seatId")}
          >
            {(c) => (
              <select
                {...c}
                className={inputClass}
                value={values.seatId}
                disabled={!values.roundId}
                onChange={(e) => set("seatId", e.target.value)}
              >
                <option value="">All seats</option>
                {seats.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={idOf("actor")} label="Who" error={values.actorKind === "applicant" ? null : actorError}>
            {(c) => (
              <select
                {...c}
                className={inputClass}
                value={values.actorKind}
                onChange={(e) => set("actorKind", e.target.value as ActorKind)}
              >
                <option value="">Anyone</option>
                <option value="admin">Admin</option>
                <option value="system">System (lapses, waitlist offers, closing)</option>
                <option value="applicant">One applicant…</option>
              </select>
            )}
          </Field>
          {values.actorKind === "applicant" ? (
            <Field
              id={idOf("applicantId")}
              label="Applicant id"
              hint="What this applicant did themselves."
              error={actorError}
            >
              {(c) => (
                <input
                  {...c}
                  className={`${inputClass} font-mono`}
                  autoCapitalize="none"
                  spellCheck={false}
                  value={values.applicantId}
                  onChange={(e) => set("applicantId", e.target.value)}
                />
              )}
            </Field>
          ) : null}
          <Field
            id={idOf("from")}
            label={`From (${zone})`}
            hint="At or after; your browser's time zone."
            error={errorFor("from")}
          >
            {(c) => (
              <input
                {...c}
                type="datetime-local"
                className={inputClass}
                value={values.from}
                onChange={(e) => set("from", e.target.value)}
              />
            )}
          </Field>
          <Field id={idOf("to")} label={`To (${zone})`} hint="Before; your browser's time zone." error={errorFor("to")}>
            {(c) => (
              <input
                {...c}
                type="datetime-local"
                className={inputClass}
                value={values.to}
                onChange={(e) => set("to", e.target.value)}
              />
            )}
          </Field>
        </div>
        <FormAlert id={idOf("alert")} message={refusal ? `Could not read the audit log: ${refusal.message}` : null} />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass.primary} disabled={loading}>
            Apply filters
          </button>
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => {
              setValues(filtersOf({}, zone));
              setRefusal(null);
              if (applied === "") void load("", null);
              else setApplied("");
            }}
          >
            Clear filters
          </button>
        </div>
      </form>

      <section aria-labelledby={idOf("results")} aria-busy={loading} className="space-y-3">
        <h2 id={idOf("results")} className="text-lg font-semibold">
          Entries
        </h2>
        <p role="status" className={hintClass} data-audit-status>
          {loading
            ? "Loading…"
            : refusal
              ? ""
              : entries.length === 0
                ? "No entries match these filters."
                : `${entries.length === 1 ? "1 entry" : `${entries.length} entries`}, newest first${nextCursor === null ? " (all of them)" : ""}.`}
        </p>
        {entries.length > 0 ? (
          <AuditTable entries={entries} timeZone={zone} caption="Audit entries, newest first" />
        ) : null}
        {nextCursor !== null && applied !== null ? (
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={loading}
            onClick={() => void load(applied, nextCursor)}
          >
            Load older entries
          </button>
        ) : null}
      </section>
    </div>
  );
}
