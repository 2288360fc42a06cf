import type { RoundStatus } from "../domain/round-clock.ts";
import type { RoundView } from "../realtime/events.ts";

export interface RoundRecord {
  id: string;
  programId: string;
  program: { name: string };
  title: string;
  seatCount: number;
  opensAt: Date;
  deadline: Date;
  timeZone: string;
  holdSeconds: number;
  status: string;
  pausedAt: Date | null;
  milestones: { position: number; title: string; dueAt: Date | null }[];
}

/** The include that loads what toRoundView needs. */
export const roundViewInclude = {
  program: { select: { name: true } },
  milestones: { orderBy: { position: "asc" } },
} as const;

export function toRoundView(r: RoundRecord): RoundView {
  return {
    id: r.id,
    programId: r.programId,
    programName: r.program.name,
    title: r.title,
    seatCount: r.seatCount,
    opensAt: r.opensAt.getTime(),
    deadline: r.deadline.getTime(),
    timeZone: r.timeZone,
    holdSeconds: r.holdSeconds,
    status: r.status as RoundStatus,
    pausedAt: r.pausedAt?.getTime() ?? null,
    milestones: r.milestones.map((m) => ({ position: m.position, title: m.title, dueAt: m.dueAt?.getTime() ?? null })),
  };
}
