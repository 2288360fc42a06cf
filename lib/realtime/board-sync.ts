import type { RoundSnapshot, RoundUpdated, RoundView, SeatUpdated, SeatView } from "./events.ts";

export interface Board {
  seq: number;
  round: RoundView;
  /** Seats in snapshot order (row, then column). */
  seats: SeatView[];
}

export type SeqEvent = { kind: "seat"; event: SeatUpdated } | { kind: "round"; event: RoundUpdated };

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
    if (e.event.seq > board.seq + 1) return "gap";
    if (e.kind === "round") {
      board.seq = e.event.seq;
      board.round = e.event.round;
      return "applied";
    }
    const at = this.index.get(e.event.seatId);
    const seat = at === undefined ? undefined : board.seats[at];
    if (at === undefined || !seat) return "gap";
    board.seq = e.event.seq;
    const next: SeatView = { id: seat.id, label: seat.label, row: seat.row, col: seat.col, status: e.event.status };
    if (e.event.heldUntil !== undefined) next.heldUntil = e.event.heldUntil;
    // "mine" is per viewer: keep it while the seat stays taken, drop it once free.
    if (seat.mine && e.event.status !== "FREE") next.mine = true;
    board.seats[at] = next;
    return "applied";
  }
}
