import type { RoundSnapshot, RoundUpdated, RoundView, SeatsUpdated, SeatView } from "./events.ts";

export interface Board {
  seq: number;
  round: RoundView;
  /** Seats in snapshot order (row, then column). */
  seats: SeatView[];
}

export type SeqEvent = { kind: "seats"; event: SeatsUpdated } | { kind: "round"; event: RoundUpdated };

/** The seq of an event's first step: a `seats` event spans one seq per change, a `round` event one. */
export function firstSeqOf(e: SeqEvent): number {
  return e.kind === "seats" ? e.event.seq - e.event.seats.length + 1 : e.event.seq;
}

export type ReceiveResult = "applied" | "buffered" | "ignored" | "gap";

/**
 * Keeps a watcher's board equal to the server's: a snapshot, then deltas in seq
 * order. Deltas that arrive before the snapshot wait in a buffer; deltas at or
 * below the board's seq are ignored; a jump past seq + 1 reports a gap, after
 * which the caller fetches a fresh snapshot (round:join again).
 */
export class BoardSync {
  board: Board | null = null;
  private pending: SeqEvent[] = [];
  private index = new Map<string, number>();

  loadSnapshot(snapshot: RoundSnapshot): ReceiveResult {
    this.board = { seq: snapshot.seq, round: snapshot.round, seats: snapshot.seats.map((s) => ({ ...s })) };
    this.index = new Map(this.board.seats.map((s, i) => [s.id, i]));
    const waiting = this.pending.sort((a, b) => a.event.seq - b.event.seq);
    this.pending = [];
    for (const e of waiting) {
      if (this.receive(e) === "gap") return "gap";
    }
    return "applied";
  }

  /** Forget the board's freshness (e.g. after a reconnect) and buffer until the next snapshot. */
  invalidate(): void {
    this.board = null;
    this.pending = [];
  }

  receive(e: SeqEvent): ReceiveResult {
    const board = this.board;
    if (!board) {
      this.pending.push(e);
      return "buffered";
    }
    if (e.event.seq <= board.seq) return "ignored";
    const first = firstSeqOf(e);
    if (first > board.seq + 1) return "gap";
    if (e.kind === "round") {
      board.seq = e.event.seq;
      board.round = e.event.round;
      return "applied";
    }
    // A snapshot taken mid-way through what this event covers already has its first changes.
    const changes = e.event.seats;
    for (let i = board.seq + 1 - first; i < changes.length; i++) {
      const change = changes[i];
      const at = change ? this.index.get(change.seatId) : undefined;
      const seat = at === undefined ? undefined : board.seats[at];
      if (!change || at === undefined || !seat) return "gap";
      const next: SeatView = { id: seat.id, label: seat.label, row: seat.row, col: seat.col, status: change.status };
      if (change.heldUntil !== undefined) next.heldUntil = change.heldUntil;
      // "mine" is per viewer: keep it while the seat stays taken, drop it once free.
      if (seat.mine && change.status !== "FREE") next.mine = true;
      board.seats[at] = next;
      board.seq = first + i;
    }
    return "applied";
  }
}
