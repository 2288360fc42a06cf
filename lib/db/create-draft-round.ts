import type { CommandMeta } from "../domain/audit.ts";
import type { Result } from "../errors.ts";
import type { Db } from "./create-db.ts";
import { type CreateRoundInput, createRound } from "./create-round.ts";

/**
 * An admin's new round: always a DRAFT (opening it is a command, through the
 * engine), with its round.create audit row. A program that does not exist is
 * refused naming `programId`, and nothing is written.
 */
export async function createDraftRound(
  db: Db,
  input: { round: Omit<CreateRoundInput, "status">; now: number; meta: CommandMeta },
): Promise<Result<{ id: string }>> {
  const program = await db.program.findUnique({ where: { id: input.round.programId }, select: { id: true } });
  if (!program) return { ok: false, code: "INVALID_INPUT", message: "programId: no such program" };
  const round = await createRound(db, { ...input.round, status: "DRAFT" }, { meta: input.meta, now: input.now });
  return { ok: true, value: round };
}
