import { describe, expect, it } from "vitest";
import { createApplicant } from "./create-applicant.ts";
import { createSession } from "./create-session.ts";
import { pruneSessions } from "./prune-sessions.ts";
import { revokeSession } from "./revoke-session.ts";
import { dbPerTest } from "./testing/test-db.ts";

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("pruneSessions", () => {
  const t = dbPerTest();

  it("removes sessions expired or revoked before the cutoff and keeps live ones and recent ones", async () => {
    const { db } = t;
    const { id: applicantId } = await createApplicant(db, { name: "Ada", now: T0 - 40 * DAY });
    const session = async (createdAt: number, expiresAt: number, revokedAt?: number) => {
      const { id } = await createSession(db, { identity: { applicantId }, now: createdAt, expiresAt });
      if (revokedAt !== undefined) await revokeSession(db, { id, now: revokedAt });
      return id;
    };
    const live = await session(T0 - DAY, T0 + 29 * DAY);
    const liveAdmin = (
      await createSession(db, {
        identity: { admin: { passwordSetAt: T0 - 2 * DAY } },
        now: T0,
        expiresAt: T0 + 8 * HOUR,
      })
    ).id;
    const expiredLongAgo = await session(T0 - 35 * DAY, T0 - 5 * DAY);
    const expiredJustNow = await session(T0 - 30 * DAY, T0 - HOUR);
    const revokedLongAgo = await session(T0 - 3 * DAY, T0 + 27 * DAY, T0 - 2 * DAY);
    const revokedJustNow = await session(T0 - 3 * DAY, T0 + 27 * DAY, T0 - HOUR);

    expect(await pruneSessions(db, { before: T0 - DAY })).toBe(2);

    const left = (await db.session.findMany({ select: { id: true } })).map((s) => s.id).sort();
    expect(left).toEqual([live, liveAdmin, expiredJustNow, revokedJustNow].sort());
    expect(left).not.toContain(expiredLongAgo);
    expect(left).not.toContain(revokedLongAgo);
    expect(await pruneSessions(db, { before: T0 - DAY })).toBe(0);
  });
});
