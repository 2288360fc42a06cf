import type { CommandMeta } from "../domain/audit.ts";
import type { RoundStatus } from "../domain/round-clock.ts";
import { gridLayout } from "../domain/seat-layout.ts";
import type { Db } from "./create-db.ts";
import type { Prisma } from "./generated/client.ts";
import { writeAuditEntries } from "./write-audit-entries.ts";

export interface CreateRoundInput {
  programId: string;
  title: string;
  rows: number;
  cols: number;
  opensAt: number;
  deadline: number;
  timeZone: string;
  holdSeconds?: number;
  status?: RoundStatus;
  milestones?: { title: string; dueAt?: number | null }[];
}

/**
 * Creates a round with a rows x cols grid of FREE seats, in one transaction;
 * with `audit` (an admin creating it), its round.create audit row too.
 */
export async function createRound(
  db: Db,
  input: CreateRoundInput,
  audit?: { meta: CommandMeta; now: number },
): Promise<{ id: string }> {
  const seats = gridLayout(input.rows, input.cols);
  return db.$transaction(async (tx) => {
    const round = await tx.round.create({
      data: {
        programId: input.programId,
        title: input.title,
        seatCount: seats.length,
        opensAt: new Date(input.opensAt),
        deadline: new Date(input.deadline),
        timeZone: input.timeZone,
        holdSeconds: input.holdSeconds ?? 120,
        status: input.status ?? "DRAFT",
        milestones: {
          create: (input.milestones ?? []).map((m, position) => ({
            position,
            title: m.title,
            dueAt: m.dueAt === undefined || m.dueAt === null ? null : new Date(m.dueAt),
          })),
        },
      },
      select: { id: true },
    });
    await tx.seat.createMany({ data: seats.map((s) => ({ ...s, roundId: round.id })) });
    if (audit) {
      const { rows, cols, milestones, ...settings } = input;
      await writeAuditEntries({ execute: (statement: Prisma.Sql) => tx.$executeRaw(statement) }, [
        {
          at: audit.now,
          actor: audit.meta.actor,
          action: "round.create",
          roundId: round.id,
          after: { ...settings, layout: { rows, cols }, milestones: milestones ?? [] },
          outcome: "OK",
          requestId: audit.meta.requestId,
          traceId: audit.meta.traceId,
        },
      ]);
    }
    return round;
  });
}
