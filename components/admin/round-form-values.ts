/**
 * The round form's values without React: what the fields start with, how they
 * follow a live round, the body they send, and which field an API refusal is
 * about. Imports are relative (and of types only from lib/) so vitest runs it.
 */
import type { RoundView } from "@/lib/realtime/events";
import type { ApiRefusal } from "../api/call-api";
import { fromZonedInput, toZonedInput } from "./zoned-time";

export interface MilestoneRow {
  /** The row's React key: kept while the row stays, so a live update never remounts (and unfocuses) it. */
  key: number;
  title: string;
  /** datetime-local text in the form's zone; empty for "no due time". */
  dueAt: string;
  /** The stored instant this row was loaded with, so an untouched time is sent back exactly. */
  stored?: number | null;
}

export interface RoundFormValues {
  programId: string;
  title: string;
  rows: string;
  cols: string;
  opensAt: string;
  deadline: string;
  timeZone: string;
  holdSeconds: string;
  milestones: MilestoneRow[];
}

export type SeatLayoutSize = { rows: number; cols: number };

export interface ProgramChoice {
  id: string;
  name: string;
  timeZone: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A key no row in `rows` has. */
export function nextMilestoneKey(rows: readonly MilestoneRow[]): number {
  let max = 0;
  for (const row of rows) max = Math.max(max, row.key);
  return max + 1;
}

/**
 * `incoming` rows wearing the keys of the rows shown at the same positions, so
 * React updates those rows in place; rows beyond them get fresh keys.
 */
export function keepMilestoneKeys(shown: readonly MilestoneRow[], incoming: readonly MilestoneRow[]): MilestoneRow[] {
  let fresh = nextMilestoneKey(shown);
  return incoming.map((row, i) => ({ ...row, key: shown[i]?.key ?? fresh++ }));
}

/** The values of a stored round, in its own zone; milestone rows are keyed by position. */
export function roundFormValues(
  round: RoundView,
  layout: SeatLayoutSize,
  programId = round.programId,
): RoundFormValues {
  const zone = round.timeZone;
  return {
    programId,
    title: round.title,
    rows: String(layout.rows),
    cols: String(layout.cols),
    opensAt: toZonedInput(round.opensAt, zone),
    deadline: toZonedInput(round.deadline, zone),
    timeZone: zone,
    holdSeconds: String(round.holdSeconds),
    milestones: round.milestones.map((m, i) => ({
      key: i + 1,
      title: m.title,
      dueAt: m.dueAt === null ? "" : toZonedInput(m.dueAt, zone),
      stored: m.dueAt,
    })),
  };
}

/** A new round's values: the chosen program's zone, claims from now (to the minute), a week to apply. */
export function newRoundFormValues(
  programs: readonly ProgramChoice[],
  programId: string | undefined,
  now: number,
): RoundFormValues {
  const program = programs.find((p) => p.id === programId) ?? programs[0];
  const zone = program?.timeZone ?? "UTC";
  const opensAt = Math.floor(now / MINUTE) * MINUTE;
  return {
    programId: program?.id ?? "",
    title: "",
    rows: "4",
    cols: "6",
    opensAt: toZonedInput(opensAt, zone),
    deadline: toZonedInput(opensAt + 7 * DAY, zone),
    timeZone: zone,
    holdSeconds: "120",
    milestones: [],
  };
}

const sameMilestones = (a: readonly MilestoneRow[], b: readonly MilestoneRow[]) =>
  a.length === b.length && a.every((m, i) => m.title === b[i]?.title && m.dueAt === b[i]?.dueAt);

const FOLLOWED_FIELDS = ["title", "rows", "cols", "timeZone", "holdSeconds", "opensAt", "deadline"] as const;

/**
 * The form after the round changed under it (an extension, another admin's
 * edit) from `before` to `after`: each field the admin has not edited follows
 * the round; edited ones stay. Returns `current` itself when nothing moves.
 */
export function followLiveRound(
  current: RoundFormValues,
  before: RoundFormValues,
  after: RoundFormValues,
): RoundFormValues {
  let changed = false;
  const next = { ...current };
  for (const key of FOLLOWED_FIELDS) {
    if (current[key] === before[key] && current[key] !== after[key]) {
      next[key] = after[key];
      changed = true;
    }
  }
  if (sameMilestones(current.milestones, before.milestones) && !sameMilestones(current.milestones, after.milestones)) {
    next.milestones = keepMilestoneKeys(current.milestones, after.milestones);
    changed = true;
  }
  return changed ? next : current;
}

/** A time field's text as an instant, or the stored one when the text still shows it. */
function instantOf(text: string, zone: string, stored?: number | null): number | null {
  if (stored !== undefined && stored !== null && text === toZonedInput(stored, zone)) return stored;
  return fromZonedInput(text, zone);
}

export type RoundBody = { ok: true; body: Record<string, unknown> } | { ok: false; refusal: ApiRefusal };

/**
 * The body to send (all fields to create; only what changed to edit a stored
 * `round`), or a refusal of our own for a time that is not a date and time.
 * Times are read in `textZone`, the zone the time fields are written in.
 */
export function roundFormBody(
  values: RoundFormValues,
  textZone: string,
  stored: { round: RoundView; layout: SeatLayoutSize } | null,
): RoundBody {
  const round = stored?.round;
  const bad = (field: string, message: string) => ({
    ok: false as const,
    refusal: { ok: false as const, status: 400, code: "INVALID_INPUT" as const, message, field },
  });
  const opensAt = instantOf(values.opensAt, textZone, round?.opensAt);
  if (opensAt === null) return bad("opensAt", "opensAt: enter a date and time");
  const deadline = instantOf(values.deadline, textZone, round?.deadline);
  if (deadline === null) return bad("deadline", "deadline: enter a date and time");
  const milestones: { title: string; dueAt: number | null }[] = [];
  for (const [i, m] of values.milestones.entries()) {
    const dueAt = m.dueAt.trim() === "" ? null : instantOf(m.dueAt, textZone, m.stored);
    if (dueAt === null && m.dueAt.trim() !== "") {
      return bad(`milestones.${i}.dueAt`, `milestones.${i}.dueAt: enter a date and time, or leave it empty`);
    }
    milestones.push({ title: m.title, dueAt });
  }
  const rows = Number(values.rows);
  const cols = Number(values.cols);
  const grid = { seatCount: rows * cols, layout: { rows, cols } };
  const holdSeconds = Number(values.holdSeconds);
  const timeZone = values.timeZone.trim();
  if (!stored) {
    return {
      ok: true,
      body: {
        programId: values.programId,
        title: values.title,
        ...grid,
        opensAt,
        deadline,
        timeZone,
        holdSeconds,
        milestones,
      },
    };
  }
  const { round: was, layout } = stored;
  // An edit sends what changed, so an untouched field can never be refused (or moved by rounding).
  const body: Record<string, unknown> = {};
  if (values.title !== was.title) body.title = values.title;
  if (rows !== layout.rows || cols !== layout.cols) Object.assign(body, grid);
  if (opensAt !== was.opensAt) body.opensAt = opensAt;
  if (deadline !== was.deadline) body.deadline = deadline;
  if (timeZone !== was.timeZone) body.timeZone = timeZone;
  if (holdSeconds !== was.holdSeconds) body.holdSeconds = holdSeconds;
  const storedMilestones = was.milestones.map((m) => ({ title: m.title, dueAt: m.dueAt }));
  if (JSON.stringify(milestones) !== JSON.stringify(storedMilestones)) body.milestones = milestones;
  return { ok: true, body };
}

/** The form control an API message is about: `layout.rows` -> rows, `milestones.1.dueAt` -> milestone-1-dueAt. */
export function controlOf(refusal: ApiRefusal): string | null {
  if (refusal.code === "BELOW_BOOKED_SEATS" || refusal.code === "SEATS_IN_USE") return "rows";
  const field = refusal.field;
  if (!field) return null;
  const [head, second, third] = field.split(".");
  if (head === "seatCount" || head === "layout") return second === "cols" ? "cols" : "rows";
  if (head === "milestones") return second === undefined ? "milestones" : `milestone-${second}-${third ?? "title"}`;
  return head ?? null;
}
