import { describe, expect, it } from "vitest";
import type { SeqEvent } from "../../lib/realtime/board-sync.ts";
import { createRoundFeed, FEED_BUFFER_SIZE } from "./round-feed.ts";

const seat = (roundId: string, seq: number): SeqEvent => ({
  kind: "seats",
  event: { roundId, seq, seats: [{ seatId: `s${seq}`, status: "HELD", heldUntil: seq }] },
});
/** One committed batch of `size` changes ending at `seq`. */
const batch = (roundId: string, seq: number, size: number): SeqEvent => ({
  kind: "seats",
  event: {
    roundId,
    seq,
    seats: Array.from({ length: size }, (_, i) => ({ seatId: `s${seq - size + 1 + i}`, status: "FREE" as const })),
  },
});
const seqs = (events: SeqEvent[] | null) => events?.map((e) => e.event.seq) ?? null;

describe("round feed", () => {
  it("replays the events after a seq while the buffer reaches back to it, and refuses older, future or unknown seqs", () => {
    const feed = createRoundFeed();
    expect(FEED_BUFFER_SIZE).toBeGreaterThanOrEqual(1000);
    expect(feed.eventsAfter("r", 0)).toBeNull();
    for (let seq = 11; seq <= 10 + FEED_BUFFER_SIZE + 500; seq++) feed.publish(seat("r", seq));
    const first = 11 + 500;
    const last = 10 + FEED_BUFFER_SIZE + 500;
    expect(feed.eventsAfter("r", first - 1)).toHaveLength(FEED_BUFFER_SIZE);
    expect(seqs(feed.eventsAfter("r", last - 3))).toEqual([last - 2, last - 1, last]);
    expect(feed.eventsAfter("r", last)).toEqual([]);
    expect(feed.eventsAfter("r", first - 2)).toBeNull();
    expect(feed.eventsAfter("r", last + 1)).toBeNull();
    expect(feed.eventsAfter("other", last)).toBeNull();
  });

  it("never replays across a jump in seq", () => {
    const feed = createRoundFeed(8);
    for (const seq of [1, 2, 3, 7, 8]) feed.publish(seat("r", seq));
    expect(feed.eventsAfter("r", 2)).toBeNull();
    expect(seqs(feed.eventsAfter("r", 6))).toEqual([7, 8]);
  });

  it("replays batches that span several seqs by where they end, and keeps them when seqs continue across them", () => {
    const feed = createRoundFeed(8);
    feed.publish(batch("r", 3, 3)); // seqs 1..3
    feed.publish(seat("r", 4));
    feed.publish(batch("r", 9, 5)); // seqs 5..9
    expect(seqs(feed.eventsAfter("r", 0))).toEqual([3, 4, 9]);
    expect(seqs(feed.eventsAfter("r", 3))).toEqual([4, 9]);
    expect(seqs(feed.eventsAfter("r", 4))).toEqual([9]);
    expect(feed.eventsAfter("r", 9)).toEqual([]);
    feed.publish(batch("r", 12, 2)); // starts at 11: a jump, so nothing older is replayable
    expect(feed.eventsAfter("r", 9)).toBeNull();
    expect(seqs(feed.eventsAfter("r", 10))).toEqual([12]);
  });

  it("delivers each round's events to its own subscribers until they unsubscribe", () => {
    const feed = createRoundFeed();
    const got: number[] = [];
    const stop = feed.subscribe("a", (e) => got.push(e.event.seq));
    feed.publish(seat("a", 1));
    feed.publish(seat("b", 1));
    stop();
    feed.publish(seat("a", 2));
    expect(got).toEqual([1]);
  });
});
