import type { CommandMeta } from "../domain/audit.ts";
import type { Result } from "../errors.ts";
import type { Db } from "./create-db.ts";
import { type ProgramView, programSelect } from "./create-program.ts";
import type { Prisma } from "./generated/client.ts";
import { writeAuditEntries } from "./write-audit-entries.ts";

export type ProgramEdit = Partial<Pick<ProgramView, "slug" | "name" | "description">>;

/**
 * Edits a program's slug, name or description with a program.edit audit row,
 * in one transaction. The program's name is part of every round view, so a new
 * name bumps the seq of its published rounds: run it through `engine.change`,
 * which announces them.
 */
export async function editProgram(
  db: Db,
  input: { programId: string; edit: ProgramEdit; now: number; meta: CommandMeta },
): Promise<Result<{ program: ProgramView; rounds: { id: string; seq: number }[] }>> {
  const { programId, edit, now, meta } = input;
  return db.$transaction(async (tx) => {
    const current = await tx.program.findUnique({ where: { id: programId }, select: programSelect });
    if (!current) return { ok: false, code: "NOT_FOUND", message: "No such program." };
    const fields = (Object.keys(edit) as (keyof ProgramEdit)[]).filter(
      (k) => edit[k] !== undefined && edit[k] !== current[k],
    );
    if (fields.length === 0) return { ok: true, value: { program: current, rounds: [] } };
    if (fields.includes("slug")) {
      const clash = await tx.program.findUnique({ where: { slug: edit.slug }, select: { id: true } });
      if (clash) return { ok: false, code: "INVALID_INPUT", message: "slug: is already used by another program" };
    }
    const program = await tx.program.update({ where: { id: programId }, data: edit, select: programSelect });
    const rounds = fields.includes("name")
      ? await tx.$queryRaw<{ id: string; seq: number }[]>`
          UPDATE "Round" SET "seq" = "seq" + 1 WHERE "programId" = ${programId} AND "status" != 'DRAFT'
          RETURNING "id", "seq"`
      : [];
    await writeAuditEntries({ execute: (statement: Prisma.Sql) => tx.$executeRaw(statement) }, [
      {
        at: now,
        actor: meta.actor,
        action: "program.edit",
        roundId: null,
        before: { id: programId, ...Object.fromEntries(fields.map((f) => [f, current[f]])) },
        after: { id: programId, ...Object.fromEntries(fields.map((f) => [f, program[f]])) },
        outcome: "OK",
        requestId: meta.requestId,
        traceId: meta.traceId,
      },
    ]);
    return { ok: true, value: { program, rounds: rounds.map((r) => ({ id: r.id, seq: Number(r.seq) })) } };
  });
}
