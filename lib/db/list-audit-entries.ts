import type { ActorType, AuditAction, AuditEntryView, AuditOutcome } from "../domain/audit.ts";
import type { Db } from "./create-db.ts";
import type { Prisma } from "./generated/client.ts";

export interface AuditQuery {
  roundId?: string;
  seatId?: string;
  /** "admin", "system", or an applicant's id. */
  actor?: string;
  /** Entries at or after this instant (epoch ms)… */
  from?: number;
  /** …and before this one. */
  to?: number;
  /** The `nextCursor` of the page before: entries older than it. */
  cursor?: number;
  limit: number;
  /** Only the entries about this applicant: changes to a seat they held before or after. */
  applicantId?: string;
}

export interface AuditPage<E = AuditEntryView> {
  /** Newest first. */
  entries: E[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/**
 * A page of the audit log, newest first, filtered by round, seat, actor and
 * time, with the names and labels the rows refer to. Filters start from an
 * index that grows at its end: (roundId, id, seatId, holderBefore,
 * holderAfter) answers a round's entries for a seat or an applicant from the
 * index alone; (actorType, id) and (at) the rest. Paging goes by id. An
 * applicant's entries across all rounds scan that first index whole: fine for
 * the rounds Intake runs (see docs/architecture.md).
 */
export async function listAuditEntries(db: Db, query: AuditQuery): Promise<AuditPage> {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (query.roundId) and.push({ roundId: query.roundId });
  if (query.seatId) {
    // A seat's entries are read within its round, from the round's index.
    const seat = query.roundId
      ? null
      : await db.seat.findUnique({ where: { id: query.seatId }, select: { roundId: true } });
    if (seat) and.push({ roundId: seat.roundId });
    and.push({ seatId: query.seatId });
  }
  if (query.actor === "admin" || query.actor === "system") and.push({ actorType: query.actor });
  else if (query.actor) {
    // An applicant acts only on a seat they hold before or after: the holders (in the index) narrow it first.
    const holder = query.actor;
    and.push({ OR: [{ holderBefore: holder }, { holderAfter: holder }], actorType: "applicant", actorId: holder });
  }
  if (query.applicantId) {
    const me = query.applicantId;
    and.push({ OR: [{ holderBefore: me }, { holderAfter: me }] });
  }
  if (query.from !== undefined) and.push({ at: { gte: new Date(query.from) } });
  if (query.to !== undefined) and.push({ at: { lt: new Date(query.to) } });
  if (query.cursor !== undefined) and.push({ id: { lt: query.cursor } });

  const rows = await db.auditEntry.findMany({ where: { AND: and }, orderBy: { id: "desc" }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const applicantIds = new Set<string>();
  for (const r of page) {
    for (const id of [r.actorType === "applicant" ? r.actorId : null, r.holderBefore, r.holderAfter]) {
      if (id) applicantIds.add(id);
    }
  }
  const [applicants, seats, rounds] = await db.$transaction([
    db.applicant.findMany({ where: { id: { in: [...applicantIds] } }, select: { id: true, name: true } }),
    db.seat.findMany({
      where: { id: { in: [...new Set(page.flatMap((r) => r.seatId ?? []))] } },
      select: { id: true, label: true },
    }),
    db.round.findMany({
      where: { id: { in: [...new Set(page.flatMap((r) => r.roundId ?? []))] } },
      select: { id: true, title: true },
    }),
  ]);
  const nameOf = new Map(applicants.map((a) => [a.id, a.name]));
  const labelOf = new Map(seats.map((s) => [s.id, s.label]));
  const titleOf = new Map(rounds.map((r) => [r.id, r.title]));
  const person = (id: string | null) => (id ? { id, name: nameOf.get(id) ?? null } : null);
  const parse = (text: string | null) => (text ? (JSON.parse(text) as Record<string, unknown>) : null);
  const withHolder = (state: Record<string, unknown> | null, holderId: string | null) =>
    state && ("holderId" in state ? state : { status: state.status, holderId, heldUntil: state.heldUntil ?? null });

  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.getTime(),
      actor: {
        type: r.actorType as ActorType,
        id: r.actorId,
        name: r.actorType === "applicant" && r.actorId ? (nameOf.get(r.actorId) ?? null) : null,
      },
      action: r.action as AuditAction,
      roundId: r.roundId,
      roundTitle: r.roundId ? (titleOf.get(r.roundId) ?? null) : null,
      seatId: r.seatId,
      seatLabel: r.seatId ? (labelOf.get(r.seatId) ?? null) : null,
      holderBefore: person(r.holderBefore),
      holderAfter: person(r.holderAfter),
      // A changed seat's holder is stored in its column, not in the JSON: put it back for readers.
      before: r.seatId ? withHolder(parse(r.before), r.holderBefore) : parse(r.before),
      after: r.seatId ? withHolder(parse(r.after), r.holderAfter) : parse(r.after),
      outcome: r.outcome as AuditOutcome,
      requestId: r.requestId,
      traceId: r.traceId,
      detail: r.detail,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
