import type { CommandMeta } from "../domain/audit.ts";
import type { RoundStatus } from "../domain/round-clock.ts";
import { gridOf, planRoundEdit, type RoundEdit, type RoundSettings, type TakenSeat } from "../domain/round-edit.ts";
import { gridLayout } from "../domain/seat-layout.ts";
import type { Result } from "../errors.ts";
import type { Db } from "./create-db.ts";
import type { Prisma } from "./generated/client.ts";
import { writeAuditEntries } from "./write-audit-entries.ts";

export interface EditRoundResult {
  /** The fields that changed (none when the edit resent the current values). */
  fields: string[];
  /** The round's seq after the edit; null when nothing changed. */
  seq: number | null;
}

/**
 * Applies an admin's edit of a round's settings in one transaction: the round,
 * its milestones and, for a new layout, seats added (FREE) or removed (only
 * FREE ones, guarded), then its seq and an audit row. Run it through the
 * engine (`engine.change`), so it is ordered with the seat batches and
 * announced. A layout change takes two seq numbers and announces only the
 * second: every watcher sees a gap and takes a fresh snapshot, which is how
 * added and removed seats reach a board. A refusal other than a form error
 * leaves an audit row and changes nothing else.
 */
export async function editRound(
  db: Db,
  input: { roundId: string; edit: RoundEdit; now: number; meta: CommandMeta },
): Promise<Result<EditRoundResult>> {
  const { roundId, edit, now, meta } = input;
  return db.$transaction(async (tx) => {
    const round = await tx.round.findUnique({
      where: { id: roundId },
      include: { milestones: { orderBy: { position: "asc" } } },
    });
    if (!round) return { ok: false, code: "NOT_FOUND", message: "No such round." };
    const seats = await tx.seat.findMany({ where: { roundId }, select: { row: true, col: true } });
    const taken = await tx.seat.findMany({
      where: { roundId, status: { not: "FREE" } },
      select: { label: true, row: true, col: true, status: true },
    });
    const current: RoundSettings = {
      status: round.status as RoundStatus,
      title: round.title,
      opensAt: round.opensAt.getTime(),
      deadline: round.deadline.getTime(),
      timeZone: round.timeZone,
      holdSeconds: round.holdSeconds,
      layout: gridOf(seats),
      milestones: round.milestones.map((m) => ({ title: m.title, dueAt: m.dueAt?.getTime() ?? null })),
    };
    const plan = planRoundEdit(current, taken as TakenSeat[], edit, now);
    const audit = { execute: (statement: Prisma.Sql) => tx.$executeRaw(statement) };
    const entry = {
      at: now,
      actor: meta.actor,
      action: "round.edit" as const,
      roundId,
      requestId: meta.requestId,
      traceId: meta.traceId,
    };
    if (!plan.ok) {
      // A form error is not an action: it leaves nothing. Other refusals are audited.
      if (plan.code !== "INVALID_INPUT") {
        await writeAuditEntries(audit, [
          { ...entry, before: current, outcome: plan.code, detail: Object.keys(edit).join(", ") },
        ]);
      }
      return plan;
    }
    if (plan.fields.length === 0) return { ok: true, value: { fields: [], seq: null } };

    const layoutChanged = edit.layout !== undefined && plan.fields.includes("layout");
    if (edit.layout && layoutChanged) await applyLayout(tx, roundId, current.layout, edit.layout);
    if (edit.milestones && plan.fields.includes("milestones")) {
      await tx.milestone.deleteMany({ where: { roundId } });
      await tx.milestone.createMany({
        data: edit.milestones.map((m, position) => ({
          roundId,
          position,
          title: m.title,
          dueAt: m.dueAt === null ? null : new Date(m.dueAt),
        })),
      });
    }
    const updated = await tx.round.update({
      where: { id: roundId, status: round.status },
      data: {
        title: edit.title,
        opensAt: edit.opensAt === undefined ? undefined : new Date(edit.opensAt),
        deadline: edit.deadline === undefined ? undefined : new Date(edit.deadline),
        timeZone: edit.timeZone,
        holdSeconds: edit.holdSeconds,
        seatCount: edit.layout && layoutChanged ? edit.layout.rows * edit.layout.cols : undefined,
        seq: { increment: layoutChanged ? 2 : 1 },
      },
      select: { seq: true },
    });
    await writeAuditEntries(audit, [
      { ...entry, before: plan.before, after: plan.after, outcome: "OK", detail: plan.fields.join(", ") },
    ]);
    return { ok: true, value: { fields: plan.fields, seq: updated.seq } };
  });
}

/** Removes the seats outside the new grid (all FREE: the plan checked; the WHERE guards it) and adds the new ones. */
async function applyLayout(
  tx: Prisma.TransactionClient,
  roundId: string,
  from: { rows: number; cols: number },
  to: { rows: number; cols: number },
): Promise<void> {
  const outside = { roundId, OR: [{ row: { gte: to.rows } }, { col: { gte: to.cols } }] };
  const expected = await tx.seat.count({ where: outside });
  const removed = await tx.seat.deleteMany({ where: { ...outside, status: "FREE", holderId: null } });
  if (removed.count !== expected) throw new Error(`round ${roundId}: a seat to remove was taken during the edit`);
  const added = gridLayout(to.rows, to.cols).filter((s) => s.row >= from.rows || s.col >= from.cols);
  if (added.length > 0) await tx.seat.createMany({ data: added.map((s) => ({ ...s, roundId })) });
}
