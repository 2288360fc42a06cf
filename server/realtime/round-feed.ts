import { firstSeqOf, type SeqEvent } from "../../lib/realtime/board-sync.ts";

/** Replays reach back at least this many events per round; older Last-Event-IDs get a fresh snapshot. */
export const FEED_BUFFER_SIZE = 1024;

export type FeedListener = (event: SeqEvent) => void;

export interface RoundFeed {
  /** Called by the engine's hooks, in seq order (the engine is the single writer). */
  publish(event: SeqEvent): void;
  /** Every event published for the round from now on; returns the unsubscribe. */
  subscribe(roundId: string, listener: FeedListener): () => void;
  /**
   * The round's events after `seq` if the buffer holds every one of them
   * ([] when `seq` is the latest); null when `seq` is older than the buffer,
   * ahead of it, or the buffer is empty (e.g. just after a restart).
   */
  eventsAfter(roundId: string, seq: number): SeqEvent[] | null;
}

/** A ring of the last `capacity` events of one round; each starts at the seq after the one before. */
class Ring {
  private readonly slots: SeqEvent[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  /** The seq of the oldest event's first step. */
  get first(): number | undefined {
    const oldest = this.slots[this.start];
    return oldest && firstSeqOf(oldest);
  }

  get last(): number | undefined {
    return this.slots[(this.start + this.slots.length - 1) % this.slots.length]?.event.seq;
  }

  push(e: SeqEvent): void {
    const last = this.last;
    // A jump in seq means something was never published: never replay across it.
    if (last !== undefined && firstSeqOf(e) !== last + 1) this.clear();
    if (this.slots.length < this.capacity) {
      this.slots.push(e);
      return;
    }
    this.slots[this.start] = e;
    this.start = (this.start + 1) % this.capacity;
  }

  after(seq: number): SeqEvent[] | null {
    const first = this.first;
    const last = this.last;
    if (first === undefined || last === undefined || seq < first - 1 || seq > last) return null;
    // Events span several seqs, so find the first one that ends past `seq` (the ring is short: a scan is fine).
    const out: SeqEvent[] = [];
    for (let i = 0; i < this.slots.length; i++) {
      const e = this.slots[(this.start + i) % this.slots.length];
      if (e && e.event.seq > seq) out.push(e);
    }
    return out;
  }

  private clear(): void {
    this.slots.length = 0;
    this.start = 0;
  }
}

/**
 * The per-process hub behind the SSE endpoint: a ring buffer and a set of
 * listeners per round. It lives in memory only, so a restart empties it and
 * reconnecting clients get a fresh snapshot.
 */
export function createRoundFeed(capacity = FEED_BUFFER_SIZE): RoundFeed {
  const rings = new Map<string, Ring>();
  const listeners = new Map<string, Set<FeedListener>>();

  return {
    publish(e) {
      const roundId = e.event.roundId;
      let ring = rings.get(roundId);
      if (!ring) {
        ring = new Ring(capacity);
        rings.set(roundId, ring);
      }
      ring.push(e);
      for (const listener of listeners.get(roundId) ?? []) listener(e);
    },
    subscribe(roundId, listener) {
      let set = listeners.get(roundId);
      if (!set) {
        set = new Set();
        listeners.set(roundId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(roundId) === set) listeners.delete(roundId);
      };
    },
    eventsAfter(roundId, seq) {
      return rings.get(roundId)?.after(seq) ?? null;
    },
  };
}
