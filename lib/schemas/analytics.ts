import { z } from "zod";
import { isValidTimeZone } from "../domain/time-zone-name.ts";

/** Larger grids are refused before any work: they would be slow to send and unreadable to draw. */
export const MAX_HEATMAP_CELLS = 200_000;

const ZLocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1970 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, "is not a calendar date from 1970 to 2100");

const ZTimeZone = z.string().max(64).refine(isValidTimeZone, "is not an IANA time zone (e.g. Europe/Berlin)");

/** A comma-separated list of program ids or slugs; empty means all. */
const ZProgramList = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== ""),
  )
  .refine((list) => list.length <= 100, "at most 100 programs")
  .refine((list) => list.every((p) => /^[\w-]{1,64}$/.test(p)), "must be program ids or slugs separated by commas");

const ZChannel = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, "must not contain control characters");

/** Query of GET /api/analytics/heatmap. Dates are local dates in `tz`, both inclusive. */
export const ZHeatmapQuery = z
  .strictObject({
    granularity: z.enum(["day", "week", "month"], { message: "must be day, week or month" }).default("week"),
    from: ZLocalDate.optional(),
    to: ZLocalDate.optional(),
    /** An IANA zone, or "program": each program's counts cut in its own zone. */
    tz: z.union([z.literal("program"), ZTimeZone]).optional(),
    weekStart: z.enum(["monday", "sunday"], { message: "must be monday or sunday" }).default("monday"),
    programs: ZProgramList.optional(),
    groupBy: z.enum(["program", "channel"], { message: "must be program or channel" }).default("program"),
    z: z.enum(["robust", "standard"], { message: "must be robust or standard" }).default("robust"),
    threshold: z.coerce
      .number({ message: "must be a number" })
      .positive("must be above 0")
      .max(100, "must be at most 100")
      .default(3),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["from"], message: "must not be after to" });
export type THeatmapQuery = z.infer<typeof ZHeatmapQuery>;

/** Query of GET /api/analytics/compare: groups a and b, each programs (default all), a channel (default all) and a period. */
export const ZCompareQuery = z
  .strictObject({
    aPrograms: ZProgramList.optional(),
    aChannel: ZChannel.optional(),
    aFrom: ZLocalDate,
    aTo: ZLocalDate,
    bPrograms: ZProgramList.optional(),
    bChannel: ZChannel.optional(),
    bFrom: ZLocalDate,
    bTo: ZLocalDate,
    tz: ZTimeZone.default("UTC"),
  })
  .refine((q) => q.aFrom <= q.aTo, { path: ["aFrom"], message: "must not be after aTo" })
  .refine((q) => q.bFrom <= q.bTo, { path: ["bFrom"], message: "must not be after bTo" });
export type TCompareQuery = z.infer<typeof ZCompareQuery>;
