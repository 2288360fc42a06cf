import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";
import type { PlannedCommand } from "./replay-known-requests.ts";

/** The applicants an admin reassigns seats to that exist (the planner refuses the others); undefined without reassigns. */
export async function loadReassignTargets(
  tx: DriverTx,
  planned: readonly PlannedCommand[],
): Promise<Set<string> | undefined> {
  const targets = planned.flatMap((p) => (p.command.kind === "admin-reassign" ? [p.command.toApplicantId] : []));
  if (targets.length === 0) return undefined;
  const rows = await tx.query<{ id: string }>(
    Prisma.sql`SELECT "id" FROM "Applicant" WHERE "id" IN (${Prisma.join([...new Set(targets)])})`,
  );
  return new Set(rows.map((r) => r.id));
}
