import type { Db } from "./create-db.ts";
import { createRound } from "./create-round.ts";

const DEMO_SLUG = "open-source-mentorship";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Fills an empty database with a demo program: one OPEN round of 48 seats
 * closing a few hours after `now`, and two closed rounds with bookings.
 * Does nothing if the demo program exists, so it is safe on every start.
 */
export async function seedDemoData(db: Db, now: number): Promise<{ seeded: boolean }> {
  if (await db.program.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } })) return { seeded: false };
  const program = await db.program.create({
    data: {
      slug: DEMO_SLUG,
      name: "Open Source Mentorship",
      description: "A mentor takes apprentices for a twelve-week cohort.",
      timeZone: "Europe/Berlin",
    },
  });
  const open = await createRound(db, {
    programId: program.id,
    title: "Winter cohort",
    rows: 6,
    cols: 8,
    opensAt: now - HOUR,
    deadline: now + 3 * HOUR,
    timeZone: "Europe/Berlin",
    holdSeconds: 120,
    status: "OPEN",
    milestones: [
      { title: "Applications open", dueAt: now - HOUR },
      { title: "First review of held seats", dueAt: now + HOUR },
      { title: "Seats close", dueAt: now + 3 * HOUR },
      { title: "Cohort kick-off call" },
    ],
  });
  for (const [index, title] of ["Spring cohort", "Autumn cohort"].entries()) {
    const deadline = now - (60 + index * 120) * DAY;
    const round = await createRound(db, {
      programId: program.id,
      title,
      rows: 4,
      cols: 6,
      opensAt: deadline - 14 * DAY,
      deadline,
      timeZone: "Europe/Berlin",
      status: "CLOSED",
      milestones: [{ title: "Seats close", dueAt: deadline }],
    });
    const seats = await db.seat.findMany({ where: { roundId: round.id }, orderBy: [{ row: "asc" }, { col: "asc" }] });
    const taken = seats.slice(0, 18 - index * 5);
    for (const [i, seat] of taken.entries()) {
      const applicant = await db.applicant.create({ data: { name: `Past applicant ${index + 1}-${i + 1}` } });
      await db.seat.update({ where: { id: seat.id }, data: { status: "BOOKED", holderId: applicant.id, version: 1 } });
      await db.booking.create({
        data: { roundId: round.id, seatId: seat.id, applicantId: applicant.id, createdAt: new Date(deadline - DAY) },
      });
    }
    await db.round.update({ where: { id: round.id }, data: { seq: taken.length } });
  }
  return { seeded: Boolean(open.id) };
}
