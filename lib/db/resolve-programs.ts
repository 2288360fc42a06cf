import { fail, type Result } from "../errors.ts";
import type { Db } from "./create-db.ts";

export interface ProgramRef {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

/**
 * The programs named by id or slug, in the order given; every program (by
 * name) when none are named. An unknown one is INVALID_INPUT naming `field`.
 */
export async function resolvePrograms(
  db: Db,
  refs: readonly string[] | undefined,
  field: string,
): Promise<Result<ProgramRef[]>> {
  const select = { id: true, slug: true, name: true, timeZone: true } as const;
  if (!refs || refs.length === 0) {
    return { ok: true, value: await db.program.findMany({ select, orderBy: { name: "asc" } }) };
  }
  const found = await db.program.findMany({
    select,
    where: { OR: [{ id: { in: [...refs] } }, { slug: { in: [...refs] } }] },
  });
  const programs: ProgramRef[] = [];
  for (const ref of refs) {
    const program = found.find((p) => p.id === ref || p.slug === ref);
    if (!program) return fail("INVALID_INPUT", `${field}: unknown program "${ref}"`);
    if (!programs.includes(program)) programs.push(program);
  }
  return { ok: true, value: programs };
}
