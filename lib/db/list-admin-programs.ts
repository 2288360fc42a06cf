import type { Db } from "./create-db.ts";
import { type ProgramView, programSelect } from "./create-program.ts";
import { listRounds, type RoundSummary } from "./list-rounds.ts";

export interface AdminProgram extends ProgramView {
  /** Every round of the program, drafts included, open ones first, with seat counts at `now`. */
  rounds: RoundSummary[];
}

/** The admin console's overview: every program with all its rounds. */
export async function listAdminPrograms(db: Db, input: { now: number }): Promise<AdminProgram[]> {
  const programs = await db.program.findMany({ select: programSelect, orderBy: { name: "asc" } });
  const rounds = await listRounds(db, { now: input.now, includeDrafts: true });
  return programs.map((p) => ({ ...p, rounds: rounds.filter((r) => r.programId === p.id) }));
}
