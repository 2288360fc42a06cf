import { describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { nextEvent as nextSseEvent, openSse } from "./sse-client.ts";
import { appPerTest, connectSocket, nextEvent } from "./test-app.ts";

describe("waiting for an event in a test", () => {
  const t = appPerTest(Date.UTC(2026, 0, 5, 9));

  it("gives up on a socket event that does not come, naming the event and the match", async () => {
    const socket = t.track(await connectSocket(t.app.url));
    await expect(nextEvent(socket, "round:updated", undefined, 100)).rejects.toThrow(
      'no "round:updated" within 100 ms',
    );
    await expect(nextEvent(socket, "waitlist:offer", (e) => e.roundId === "r1", 100)).rejects.toThrow(
      'no "waitlist:offer" matching (e) => e.roundId === "r1" within 100 ms',
    );
    expect(socket.listeners("waitlist:offer")).toHaveLength(0);
  });

  it("gives up on an event stream that sends nothing but its snapshot, naming the stream", async () => {
    const round = await createOpenRound(t.app.db, t.clock.now());
    const stream = await openSse(`${t.app.url}/api/rounds/${round.id}/events`);
    try {
      expect((await nextSseEvent(stream)).event).toBe("snapshot");
      await expect(nextSseEvent(stream, 100)).rejects.toThrow(
        `no event (heartbeats aside) on /api/rounds/${round.id}/events within 100 ms`,
      );
      await expect(stream.next(50)).rejects.toThrow(`nothing on /api/rounds/${round.id}/events within 50 ms`);
    } finally {
      stream.close();
    }
  });
});
