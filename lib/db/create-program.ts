import type { CommandMeta } from "../domain/audit.ts";
import type { Result } from "../errors.ts";
import type { Db } from "./create-db.ts";
import type { Prisma } from "./generated/client.ts";
import { writeAuditEntries } from "./write-audit-entries.ts";

export interface ProgramView {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Fixed at creation: the analytics' daily rollups are cut in it. */
  timeZone: string;
}

export const programSelect = { id: true, slug: true, name: true, description: true, timeZone: true } as const;

/** Creates a program and its program.create audit row in one transaction; a slug in use is refused naming `slug`. */
export async function createProgram(
  db: Db,
  input: { program: Omit<ProgramView, "id">; now: number; meta: CommandMeta },
): Promise<Result<ProgramView>> {
  const { program, now, meta } = input;
  return db.$transaction(async (tx) => {
    if (await tx.program.findUnique({ where: { slug: program.slug }, select: { id: true } })) {
      return { ok: false, code: "INVALID_INPUT", message: "slug: is already used by another program" };
    }
    const created = await tx.program.create({ data: program, select: programSelect });
    await writeAuditEntries({ execute: (statement: Prisma.Sql) => tx.$executeRaw(statement) }, [
      {
        at: now,
        actor: meta.actor,
        action: "program.create",
        roundId: null,
        after: created,
        outcome: "OK",
        requestId: meta.requestId,
        traceId: meta.traceId,
      },
    ]);
    return { ok: true, value: created };
  });
}
