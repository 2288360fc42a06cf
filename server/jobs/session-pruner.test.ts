import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createManualClock } from "../../lib/clock.ts";
import { createApplicant } from "../../lib/db/create-applicant.ts";
import { createSession } from "../../lib/db/create-session.ts";
import { dbPerTest } from "../../lib/db/testing/test-db.ts";
import { createLogger } from "../log.ts";
import { SESSION_RETENTION_MS, startSessionPruner } from "./session-pruner.ts";

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const DAY = 24 * 3_600_000;

describe("startSessionPruner", () => {
  const t = dbPerTest();

  it("deletes sessions past their retention on its interval, keeps live ones, and logs how many it removed", async () => {
    const { db } = t;
    const { id: applicantId } = await createApplicant(db, { name: "Ada", now: T0 - 40 * DAY });
    const live = await createSession(db, { identity: { applicantId }, now: T0, expiresAt: T0 + 30 * DAY });
    const old = T0 - SESSION_RETENTION_MS - 1;
    await createSession(db, { identity: { applicantId }, now: old - 30 * DAY, expiresAt: old });

    let pruned = (_line: Record<string, unknown>) => {};
    const logged = new Promise<Record<string, unknown>>((resolve) => {
      pruned = resolve;
    });
    const destination = new Writable({
      write(chunk, _encoding, done) {
        const line = JSON.parse(String(chunk)) as Record<string, unknown>;
        if (line.msg === "expired and revoked sessions pruned") pruned(line);
        done();
      },
    });
    const stop = startSessionPruner({
      db,
      clock: createManualClock(T0),
      log: createLogger({ destination }),
      intervalMs: 5,
    });
    try {
      expect(await logged).toMatchObject({ removed: 1 });
    } finally {
      stop();
    }
    expect((await db.session.findMany({ select: { id: true } })).map((s) => s.id)).toEqual([live.id]);
  });
});
