import { z } from "zod";
import { isValidTimeZone } from "../domain/time-zone-name.ts";
import { ZId } from "./ids.ts";

/** Bounds of a round's grid: large enough for any cohort, small enough to draw and to plan a batch over. */
export const MAX_LAYOUT_ROWS = 100;
export const MAX_LAYOUT_COLS = 100;
export const MAX_SEATS = 5000;

const ZText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\p{Cc}]+$/u, "must not contain control characters");

/** All times on the wire are epoch milliseconds (UTC). */
const ZInstant = z
  .number({ message: "must be a time in epoch milliseconds" })
  .int("must be a whole number of milliseconds")
  .min(0, "must be after 1970")
  .max(4_102_444_800_000, "must be before 2100");

const ZTimeZone = z.string().max(64).refine(isValidTimeZone, "is not an IANA time zone (e.g. Europe/Berlin)");

const ZSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "must be 1–64 lowercase letters, digits or dashes");

const ZReason = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(500, "must be at most 500 characters")
  .regex(/^[^\p{Cc}]*$/u, "must not contain control characters (keep it to one line)");

const ZLayout = z.strictObject({
  rows: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_LAYOUT_ROWS),
  cols: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_LAYOUT_COLS),
});

const ZSeatCount = z
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_SEATS, `must be at most ${MAX_SEATS}`);

const ZHoldSeconds = z
  .number({ message: "must be a number of seconds" })
  .int("must be a whole number of seconds")
  .min(10, "must be at least 10 seconds")
  .max(86_400, "must be at most 1 day");

const ZMilestones = z
  .array(z.strictObject({ title: ZText(120), dueAt: ZInstant.nullable().default(null) }))
  .max(20, "at most 20 milestones");

/** Seats are rows × columns; seatCount is sent too and must agree, so a form that miscounts is caught. */
function checkLayout(r: { seatCount?: number; layout?: { rows: number; cols: number } }, ctx: z.RefinementCtx): void {
  if (r.layout === undefined || r.seatCount === undefined) return;
  const { rows, cols } = r.layout;
  if (r.seatCount !== rows * cols) {
    ctx.addIssue({
      code: "custom",
      path: ["seatCount"],
      message: `must equal layout.rows × layout.cols (${rows} × ${cols} = ${rows * cols})`,
    });
  }
}

export const ZProgramCreate = z.strictObject({
  slug: ZSlug,
  name: ZText(100),
  description: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
  /** Fixed once created: the analytics' daily rollups are cut in it. */
  timeZone: ZTimeZone,
});
export type TProgramCreate = z.infer<typeof ZProgramCreate>;

export const ZProgramEdit = z
  .strictObject({
    slug: ZSlug.optional(),
    name: ZText(100).optional(),
    description: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: "name a field to change" });
export type TProgramEdit = z.infer<typeof ZProgramEdit>;

/** Body of POST /api/admin/rounds, checked against `now`: a round is created as a DRAFT and opened by command. */
export function zRoundCreate(now: number) {
  return z
    .strictObject({
      programId: ZId,
      title: ZText(120),
      seatCount: ZSeatCount,
      layout: ZLayout,
      opensAt: ZInstant,
      deadline: ZInstant,
      timeZone: ZTimeZone,
      holdSeconds: ZHoldSeconds.default(120),
      milestones: ZMilestones.default([]),
    })
    .superRefine(checkLayout)
    .refine((r) => r.deadline > now, { path: ["deadline"], message: "must be in the future" })
    .refine((r) => r.opensAt < r.deadline, { path: ["opensAt"], message: "must be before the deadline" });
}
export type TRoundCreate = z.infer<ReturnType<typeof zRoundCreate>>;

/**
 * Body of PATCH /api/admin/rounds/:id: any of the fields. Rules that need the
 * round as stored (its status, its deadline, its booked seats) are checked in
 * the engine's queue (lib/domain/round-edit.ts).
 */
export const ZRoundEdit = z
  .strictObject({
    title: ZText(120).optional(),
    seatCount: ZSeatCount.optional(),
    layout: ZLayout.optional(),
    opensAt: ZInstant.optional(),
    deadline: ZInstant.optional(),
    timeZone: ZTimeZone.optional(),
    holdSeconds: ZHoldSeconds.optional(),
    milestones: ZMilestones.optional(),
  })
  .refine((r) => (r.seatCount === undefined) === (r.layout === undefined), {
    path: ["seatCount"],
    message: "send seatCount and layout together",
  })
  .superRefine(checkLayout)
  .refine((r) => r.opensAt === undefined || r.deadline === undefined || r.opensAt < r.deadline, {
    path: ["opensAt"],
    message: "must be before the deadline",
  })
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: "name a field to change" });
export type TRoundEdit = z.infer<typeof ZRoundEdit>;

/** Body of open, pause, resume and close: an optional reason for the audit log. */
export const ZRoundAction = z.strictObject({ reason: ZReason.optional() });
export const ZRoundExtend = z.strictObject({ deadline: ZInstant, reason: ZReason.optional() });
export const ZSeatAdminRelease = z.strictObject({ reason: ZReason });
export const ZSeatAdminReassign = z.strictObject({ toApplicantId: ZId, reason: ZReason });

export const roundActions = ["open", "pause", "resume", "extend", "close"] as const;
export type RoundAction = (typeof roundActions)[number];
export const ZRoundActionParams = z.strictObject({ id: ZId, action: z.enum(roundActions) });

export const seatActions = ["release", "reassign"] as const;
export const ZSeatActionParams = z.strictObject({ id: ZId, seatId: ZId, action: z.enum(seatActions) });

export const ZProgramParams = z.strictObject({ id: ZId });

const ZQueryInstant = z.coerce
  .number({ message: "must be a time in epoch milliseconds" })
  .int("must be a whole number of milliseconds")
  .min(0, "must be after 1970")
  .max(4_102_444_800_000, "must be before 2100");

const auditPage = {
  roundId: ZId.optional(),
  from: ZQueryInstant.optional(),
  to: ZQueryInstant.optional(),
  cursor: z.coerce.number({ message: "must be a cursor from nextCursor" }).int().min(1).optional(),
  limit: z.coerce.number({ message: "must be a number" }).int().min(1, "must be at least 1").max(200).default(50),
};
const fromBeforeTo = (q: { from?: number; to?: number }) => q.from === undefined || q.to === undefined || q.from < q.to;

/** Query of GET /api/admin/audit. `actor` is admin, system or an applicant's id. */
export const ZAuditQuery = z
  .strictObject({ ...auditPage, seatId: ZId.optional(), actor: ZId.optional() })
  .refine(fromBeforeTo, { path: ["from"], message: "must be before to" });
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

/** Query of GET /api/audit/mine. */
export const ZMyAuditQuery = z
  .strictObject(auditPage)
  .refine(fromBeforeTo, { path: ["from"], message: "must be before to" });
export type TMyAuditQuery = z.infer<typeof ZMyAuditQuery>;
