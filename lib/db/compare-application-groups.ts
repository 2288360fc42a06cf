import { type Comparison, compareGroups, type GroupCounts } from "../domain/compare-groups.ts";
import { localDateStart } from "../domain/local-date.ts";
import { nextBucketStart } from "../domain/time-buckets.ts";
import type { Result } from "../errors.ts";
import type { TCompareQuery } from "../schemas/analytics.ts";
import type { Db } from "./create-db.ts";
import { loadHeatmapCounts } from "./load-heatmap-counts.ts";
import { type ProgramRef, resolvePrograms } from "./resolve-programs.ts";

interface GroupSpec {
  programs: ProgramRef[];
  /** Every program when the query named none: then the label says "All programs". */
  allPrograms: boolean;
  channel?: string;
  from: string;
  to: string;
}

/** Compares the admission rates of groups a and b (programs × channel × period), from the rollups. */
export async function compareApplicationGroups(db: Db, query: TCompareQuery): Promise<Result<Comparison>> {
  const a = await resolvePrograms(db, query.aPrograms, "aPrograms");
  if (!a.ok) return a;
  const b = await resolvePrograms(db, query.bPrograms, "bPrograms");
  if (!b.ok) return b;
  const specA = {
    programs: a.value,
    allPrograms: !query.aPrograms?.length,
    channel: query.aChannel,
    from: query.aFrom,
    to: query.aTo,
  };
  const specB = {
    programs: b.value,
    allPrograms: !query.bPrograms?.length,
    channel: query.bChannel,
    from: query.bFrom,
    to: query.bTo,
  };
  const [countsA, countsB] = await Promise.all([sumGroup(db, specA, query.tz), sumGroup(db, specB, query.tz)]);
  const [labelA, labelB] = labels(specA, specB);
  return { ok: true, value: compareGroups({ ...countsA, label: labelA }, { ...countsB, label: labelB }) };
}

async function sumGroup(db: Db, spec: GroupSpec, tz: string): Promise<Omit<GroupCounts, "label">> {
  const from = localDateStart(spec.from, tz);
  const to = nextBucketStart(localDateStart(spec.to, tz), "day", tz, "monday");
  const counts = await loadHeatmapCounts(db, {
    programIds: spec.programs.map((p) => p.id),
    from,
    to,
    tz,
    groupBy: "channel",
  });
  const total = { applications: 0, admitted: 0, decided: 0 };
  for (const row of counts.rows) {
    if (spec.channel !== undefined && row.rowKey !== spec.channel) continue;
    total.applications += row.applications;
    total.admitted += row.admitted;
    total.decided += row.admitted + row.rejected;
  }
  return total;
}

/** Names that tell the groups apart: only the parts that differ, or "Group A/B" when nothing does. */
function labels(a: GroupSpec, b: GroupSpec): [string, string] {
  const parts = (g: GroupSpec) => ({
    programs: g.allPrograms ? "All programs" : g.programs.map((p) => p.name).join(" + "),
    channel: g.channel ?? "all channels",
    period: g.from === g.to ? g.from : `${g.from} to ${g.to}`,
  });
  const pa = parts(a);
  const pb = parts(b);
  const keys = (["programs", "channel", "period"] as const).filter((k) => pa[k] !== pb[k]);
  if (keys.length === 0) return ["Group A", "Group B"];
  return [keys.map((k) => pa[k]).join(", "), keys.map((k) => pb[k]).join(", ")];
}
