import type { RoundStatus } from "../domain/round-clock.ts";
import { gridLayout } from "../domain/seat-layout.ts";
import type { Db } from "./create-db.ts";

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
  milestones?: { title: string; dueAt?: number }[];
}

/** Creates a round with a rows x cols grid of FREE seats, in one transaction. */
export async function createRound(db: Db, input: CreateRoundInput): Promise<{ id: string }> {
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
            dueAt: m.dueAt === undefined ? null : new Date(m.dueAt),
          })),
        },
      },
      select: { id: true },
    });
    await tx.seat.createMany({ data: seats.map((s) => ({ ...s, roundId: round.id })) });
    return round;
  });
}
