"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { seatLabel } from "@/lib/domain/seat-layout";
import type { RoundView } from "@/lib/realtime/events";
import type { ApiRefusal } from "../api/call-api";
import { callAdminApi, type RoundAnswer } from "./admin-api";
import { buttonClass, Field, FormAlert, focusFirst, hintClass, inputClass, labelClass, StatusLine } from "./form-parts";
import {
  controlOf,
  followLiveRound,
  type MilestoneRow,
  newRoundFormValues,
  nextMilestoneKey,
  type ProgramChoice,
  type RoundFormValues,
  roundFormBody,
  roundFormValues,
  type SeatLayoutSize,
} from "./round-form-values";
import { TimeZoneOptions } from "./time-zone-options";
import { fromZonedInput, knowsTimeZone, toZonedInput } from "./zoned-time";

export type RoundFormProps =
  | {
      mode: "create";
      programs: ProgramChoice[];
      /** The program to preselect. */
      programId?: string;
      /** The server's clock when the page was rendered: the default times start from it. */
      now: number;
    }
  | {
      mode: "edit";
      round: RoundView;
      layout: SeatLayoutSize;
      /** Why the round cannot be edited (a closed round), or null. */
      locked: string | null;
      onSaved: (answer: RoundAnswer & { fields: string[] }) => void;
      /** A refused edit other than a form error is audited: the page reads the trail again. */
      onRefused?: () => void;
    };

/**
 * The round's settings: program, title, seat layout (rows × columns), when it
 * opens and its deadline (in the round's time zone), hold length and
 * milestones. Creates a DRAFT (POST /api/admin/rounds) or edits a round
 * (PATCH, only the fields that changed). The API validates; its message,
 * which names the field, is shown beside that field, and what was typed stays.
 */
export function RoundForm(props: RoundFormProps) {
  const router = useRouter();
  const ids = useId();
  const idOf = (control: string) => `${ids}-${control}`;
  const editing = props.mode === "edit";
  const round = editing ? props.round : null;
  const layout = editing ? props.layout : null;

  const [values, setValues] = useState<RoundFormValues>(() =>
    props.mode === "edit"
      ? roundFormValues(props.round, props.layout)
      : newRoundFormValues(props.programs, props.programId, props.now),
  );
  // The zone the time fields are written in: the last valid zone typed. A new valid zone keeps the moments.
  const [textZone, setTextZone] = useState(values.timeZone);
  const [zoneTouched, setZoneTouched] = useState(editing);
  const [refusal, setRefusal] = useState<ApiRefusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  // A live round changes under the form (extend, another admin's edit): fields not being edited follow it.
  const shown = useRef<RoundFormValues | null>(null);
  useEffect(() => {
    if (!round || !layout) return;
    const before = shown.current;
    const after = roundFormValues(round, layout);
    shown.current = after;
    if (!before) return;
    setValues((v) => followLiveRound(v, before, after));
    setTextZone((z) => (z === before.timeZone ? after.timeZone : z));
  }, [round, layout]);

  const set = <K extends keyof RoundFormValues>(key: K, value: RoundFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  /** Moves the time fields to a new zone, keeping the moments they name. */
  const rezone = (zone: string) => {
    if (!knowsTimeZone(zone) || zone === textZone) return;
    const move = (text: string) => {
      const at = fromZonedInput(text, textZone);
      return at === null ? text : toZonedInput(at, zone);
    };
    setValues((v) => ({
      ...v,
      opensAt: move(v.opensAt),
      deadline: move(v.deadline),
      milestones: v.milestones.map((m) => ({ ...m, dueAt: m.dueAt === "" ? "" : move(m.dueAt) })),
    }));
    setTextZone(zone);
  };

  const setZone = (zone: string) => {
    set("timeZone", zone);
    setZoneTouched(true);
    rezone(zone);
  };

  const setProgram = (programId: string) => {
    set("programId", programId);
    if (props.mode !== "create" || zoneTouched) return;
    const zone = props.programs.find((p) => p.id === programId)?.timeZone;
    if (zone) {
      set("timeZone", zone);
      rezone(zone);
    }
  };

  const setMilestone = (key: number, patch: Partial<MilestoneRow>) =>
    set(
      "milestones",
      values.milestones.map((m) => (m.key === key ? { ...m, ...patch } : m)),
    );

  const control = refusal ? controlOf(refusal) : null;
  const errorFor = (name: string) => (control === name && refusal ? refusal.message : null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRefusal(null);
    setDone(null);
    const built = roundFormBody(values, textZone, round && layout ? { round, layout } : null);
    if (!built.ok) return refuse(built.refusal);
    if (editing && Object.keys(built.body).length === 0) {
      setDone("Nothing to save: no setting was changed.");
      return;
    }
    setPending(true);
    try {
      if (props.mode === "edit" && round) {
        const answer = await callAdminApi<RoundAnswer & { fields: string[] }>(`/api/admin/rounds/${round.id}`, {
          method: "PATCH",
          body: built.body,
        });
        if (!answer.ok) return refuse(answer);
        const saved = answer.value;
        setDone(saved.fields.length === 0 ? "Nothing changed." : `Saved: ${saved.fields.join(", ")}.`);
        props.onSaved(saved);
      } else {
        const answer = await callAdminApi<RoundAnswer>("/api/admin/rounds", { method: "POST", body: built.body });
        if (!answer.ok) return refuse(answer);
        router.push(`/admin/rounds/${answer.value.round.id}?created=1`);
      }
    } finally {
      setPending(false);
    }
  }

  function refuse(answer: ApiRefusal) {
    setRefusal(answer);
    if (props.mode === "edit" && answer.status !== 400) props.onRefused?.();
    const target = controlOf(answer);
    const fallback = target === "milestones" ? [idOf("milestone-0-title"), idOf("add-milestone")] : [];
    focusFirst([...(target ? [idOf(target)] : []), ...fallback, idOf("alert")]);
  }

  const rows = Number(values.rows);
  const cols = Number(values.cols);
  const validGrid = Number.isInteger(rows) && Number.isInteger(cols) && rows > 0 && cols > 0;
  const locked = props.mode === "edit" ? props.locked : null;
  const zoneWords = textZone === values.timeZone.trim() ? textZone : `${textZone} (the last valid zone above)`;

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={editing ? "Round settings" : "New round"}
      aria-describedby={locked ? idOf("locked") : undefined}
      className="space-y-5"
    >
      {locked ? (
        <p id={idOf("locked")} className={hintClass}>
          {locked}
        </p>
      ) : null}
      <fieldset disabled={Boolean(locked)} className="space-y-5">
        {props.mode === "create" ? (
          <Field id={idOf("programId")} label="Program" error={errorFor("programId")}>
            {(c) => (
              <select
                {...c}
                name="programId"
                className={inputClass}
                value={values.programId}
                onChange={(e) => setProgram(e.target.value)}
              >
                {props.programs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}

        <Field id={idOf("title")} label="Title" error={errorFor("title")}>
          {(c) => (
            <input
              {...c}
              name="title"
              className={inputClass}
              maxLength={120}
              value={values.title}
              onChange={(e) => set("title", e.target.value)}
            />
          )}
        </Field>

        <fieldset className="space-y-2">
          <legend className={labelClass}>Seat layout</legend>
          <div className="flex flex-wrap items-start gap-3">
            <Field id={idOf("rows")} label="Rows" error={errorFor("rows")} className="w-32">
              {(c) => (
                <input
                  {...c}
                  name="rows"
                  type="number"
                  inputMode="numeric"
                  step={1}
                  className={inputClass}
                  value={values.rows}
                  onChange={(e) => set("rows", e.target.value)}
                />
              )}
            </Field>
            <span aria-hidden="true" className="pt-8 text-slate-500">
              ×
            </span>
            <Field id={idOf("cols")} label="Columns" error={errorFor("cols")} className="w-32">
              {(c) => (
                <input
                  {...c}
                  name="cols"
                  type="number"
                  inputMode="numeric"
                  step={1}
                  className={inputClass}
                  value={values.cols}
                  onChange={(e) => set("cols", e.target.value)}
                />
              )}
            </Field>
          </div>
          <p className={hintClass} data-seat-preview>
            {validGrid
              ? `${rows * cols} seats, labelled ${seatLabel(0, 0)}–${seatLabel(rows - 1, cols - 1)} (row letters, then column numbers).`
              : "Rows and columns are whole numbers from 1 to 100."}
            {editing ? " Seats are added or removed at the right and bottom edges; held or booked seats stay." : ""}
          </p>
        </fieldset>

        <Field
          id={idOf("timeZone")}
          label="Time zone"
          hint="An IANA name such as Europe/Berlin. Applicants see the deadline in it; the times below are entered in it."
          error={errorFor("timeZone")}
        >
          {(c) => (
            <>
              <input
                {...c}
                name="timeZone"
                className={inputClass}
                list={idOf("zones")}
                autoCapitalize="none"
                spellCheck={false}
                value={values.timeZone}
                onChange={(e) => setZone(e.target.value)}
              />
              <TimeZoneOptions id={idOf("zones")} />
            </>
          )}
        </Field>

        <fieldset className="space-y-2">
          <legend className={labelClass}>When</legend>
          <p className={hintClass} id={idOf("zone-note")} data-zone-note>
            Times are in {zoneWords}.
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              id={idOf("opensAt")}
              label={`Opens at (${textZone})`}
              hint="Claims start then, once the round is opened."
              error={errorFor("opensAt")}
            >
              {(c) => (
                <input
                  {...c}
                  name="opensAt"
                  type="datetime-local"
                  className={inputClass}
                  value={values.opensAt}
                  onChange={(e) => set("opensAt", e.target.value)}
                />
              )}
            </Field>
            <Field
              id={idOf("deadline")}
              label={`Deadline (${textZone})`}
              hint={
                round && round.status !== "DRAFT"
                  ? "Once open, it only moves later; use Close early to end sooner."
                  : "In the future, after the opening."
              }
              error={errorFor("deadline")}
            >
              {(c) => (
                <input
                  {...c}
                  name="deadline"
                  type="datetime-local"
                  className={inputClass}
                  value={values.deadline}
                  onChange={(e) => set("deadline", e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>

        <Field
          id={idOf("holdSeconds")}
          label="Hold length (seconds)"
          hint="How long a held seat waits for its confirmation: 10 seconds to 1 day. Holds already running keep theirs."
          error={errorFor("holdSeconds")}
          className="max-w-xs"
        >
          {(c) => (
            <input
              {...c}
              name="holdSeconds"
              type="number"
              inputMode="numeric"
              step={1}
              className={inputClass}
              value={values.holdSeconds}
              onChange={(e) => set("holdSeconds", e.target.value)}
            />
          )}
        </Field>

        <fieldset
          className="space-y-3"
          aria-describedby={errorFor("milestones") ? idOf("milestones-error") : undefined}
        >
          <legend className={labelClass}>Milestones</legend>
          <p className={hintClass}>
            Shown to applicants in this order, with a countdown to the next one. Leave the time empty for “no set time”.
          </p>
          {errorFor("milestones") ? (
            <p id={idOf("milestones-error")} className="text-sm font-medium text-red-700 dark:text-red-400">
              {errorFor("milestones")}
            </p>
          ) : null}
          {values.milestones.length === 0 ? <p className="text-sm">No milestones.</p> : null}
          <ol className="space-y-3">
            {values.milestones.map((m, i) => (
              <li key={m.key} className="flex flex-wrap items-end gap-3" data-milestone-row={i + 1}>
                <Field
                  id={idOf(`milestone-${i}-title`)}
                  label={`Milestone ${i + 1} title`}
                  error={errorFor(`milestone-${i}-title`)}
                  className="min-w-48 flex-1"
                >
                  {(c) => (
                    <input
                      {...c}
                      className={inputClass}
                      maxLength={120}
                      value={m.title}
                      onChange={(e) => setMilestone(m.key, { title: e.target.value })}
                    />
                  )}
                </Field>
                <Field
                  id={idOf(`milestone-${i}-dueAt`)}
                  label={`Milestone ${i + 1} due (${textZone}, optional)`}
                  error={errorFor(`milestone-${i}-dueAt`)}
                >
                  {(c) => (
                    <input
                      {...c}
                      type="datetime-local"
                      className={inputClass}
                      value={m.dueAt}
                      onChange={(e) => setMilestone(m.key, { dueAt: e.target.value })}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className={buttonClass.secondary}
                  onClick={() =>
                    set(
                      "milestones",
                      values.milestones.filter((x) => x.key !== m.key),
                    )
                  }
                >
                  Remove milestone {i + 1}
                </button>
              </li>
            ))}
          </ol>
          <button
            id={idOf("add-milestone")}
            type="button"
            className={buttonClass.secondary}
            disabled={values.milestones.length >= 20}
            onClick={() =>
              set("milestones", [
                ...values.milestones,
                { key: nextMilestoneKey(values.milestones), title: "", dueAt: "" },
              ])
            }
          >
            Add milestone
          </button>
        </fieldset>
      </fieldset>

      <FormAlert
        id={idOf("alert")}
        message={refusal ? `${editing ? "Not saved" : "The round was not created"}: ${refusal.message}` : null}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={!ready || pending || Boolean(locked)}>
          {pending ? "Saving…" : editing ? "Save settings" : "Create round (as draft)"}
        </button>
        <StatusLine message={done} />
      </div>
    </form>
  );
}
