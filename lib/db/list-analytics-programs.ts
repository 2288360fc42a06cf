import type { Db } from "./create-db.ts";
import type { ProgramRef } from "./resolve-programs.ts";

export interface AnalyticsCatalog {
  programs: ProgramRef[];
  channels: string[];
  /** UTC dates of the first and last submission; null without history. */
  range: { first: string | null; last: string | null };
}

/** What the analytics filters offer: programs, channel labels and the span of the history. */
export async function listAnalyticsPrograms(db: Db): Promise<AnalyticsCatalog> {
  const [programs, channels, span] = await Promise.all([
    db.program.findMany({ select: { id: true, slug: true, name: true, timeZone: true }, orderBy: { name: "asc" } }),
    db.$queryRaw<{ channel: string }[]>`SELECT DISTINCT "channel" FROM "ApplicationDaily" ORDER BY 1`,
    db.application.aggregate({ _min: { submittedAt: true }, _max: { submittedAt: true } }),
  ]);
  const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return {
    programs,
    channels: channels.map((c) => c.channel),
    range: { first: date(span._min.submittedAt), last: date(span._max.submittedAt) },
  };
}
