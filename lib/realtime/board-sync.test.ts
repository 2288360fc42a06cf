import { describe, expect, it } from "vitest";
import type { SeatStatus } from "../domain/seat-rules.ts";
import { BoardSync, type SeqEvent } from "./board-sync.ts";
import type { RoundSnapshot, RoundView, SeatDelta, SeatView } from "./events.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const HOUR = 3_600_000;

function roundView(overrides: Partial<RoundView> = {}): RoundView {
  return {
    id: "r1",
    programId: "p1",
    programName: "Nursing",
    title: "Autumn intake",
    seatCount: 3,
    opensAt: T0 - HOUR,
    deadline: T0 + HOUR,
    timeZone: "Europe/Berlin",
    holdSeconds: 120,
    status: "OPEN",
    pausedAt: null,
    milestones: [],
    ...overrides,
  };
}

function seatView(fields: Partial<SeatView> & Pick<SeatView, "id">): SeatView {
  return { label: fields.id.toUpperCase(), row: 0, col: 0, status: "FREE", ...fields };
}

function snapshot(seq: number, seats: SeatView[] = threeSeats()): RoundSnapshot {
  return { seq, round: roundView(), seats };
}

function threeSeats(): SeatView[] {
  return [seatView({ id: "a1", col: 0 }), seatView({ id: "a2", col: 1 }), seatView({ id: "a3", col: 2 })];
}

function seatEvent(seq: number, seatId: string, status: SeatStatus, heldUntil?: number): SeqEvent {
  return { kind: "seats", event: { roundId: "r1", seq, seats: [change(seatId, status, heldUntil)] } };
}

function change(seatId: string, status: SeatStatus, heldUntil?: number): SeatDelta {
  return heldUntil === undefined ? { seatId, status } : { seatId, status, heldUntil };
}

/** One committed batch: `seq` is the seq of its last change. */
function batchEvent(seq: number, seats: SeatDelta[]): SeqEvent {
  return { kind: "seats", event: { roundId: "r1", seq, seats } };
}

function roundEvent(seq: number, round: RoundView): SeqEvent {
  return { kind: "round", event: { roundId: "r1", seq, round } };
}

function seatIn(sync: BoardSync, id: string): SeatView | undefined {
  return sync.board?.seats.find((s) => s.id === id);
}

function loaded(seq: number, seats?: SeatView[]): BoardSync {
  const sync = new BoardSync();
  sync.loadSnapshot(snapshot(seq, seats));
  return sync;
}

describe("BoardSync before a snapshot", () => {
  it("buffers events until the snapshot arrives", () => {
    const sync = new BoardSync();
    expect(sync.receive(seatEvent(11, "a1", "HELD", T0))).toBe("buffered");
    expect(sync.board).toBeNull();
  });

  it("applies buffered events after the snapshot in seq order, whatever order they arrived in", () => {
    const sync = new BoardSync();
    sync.receive(seatEvent(12, "a1", "BOOKED"));
    sync.receive(seatEvent(11, "a1", "HELD", T0));
    sync.receive(seatEvent(13, "a2", "HELD", T0 + 5));

    expect(sync.loadSnapshot(snapshot(10))).toBe("applied");
    expect(sync.board?.seq).toBe(13);
    expect(sync.board?.seats).toStrictEqual([
      { id: "a1", label: "A1", row: 0, col: 0, status: "BOOKED" },
      { id: "a2", label: "A2", row: 0, col: 1, status: "HELD", heldUntil: T0 + 5 },
      { id: "a3", label: "A3", row: 0, col: 2, status: "FREE" },
    ]);
  });

  it("ignores buffered events at or below the snapshot's seq", () => {
    const sync = new BoardSync();
    sync.receive(seatEvent(9, "a1", "BOOKED"));
    sync.receive(seatEvent(10, "a2", "BOOKED"));
    sync.receive(seatEvent(11, "a3", "HELD", T0));

    expect(sync.loadSnapshot(snapshot(10))).toBe("applied");
    expect(sync.board?.seq).toBe(11);
    expect(sync.board?.seats.map((s) => s.status)).toEqual(["FREE", "FREE", "HELD"]);
  });

  it("reports a gap when the buffered events skip a seq after the snapshot", () => {
    const sync = new BoardSync();
    sync.receive(seatEvent(12, "a1", "HELD", T0));
    expect(sync.loadSnapshot(snapshot(10))).toBe("gap");
    expect(sync.board?.seq).toBe(10);
  });
});

describe("BoardSync after a snapshot", () => {
  it("applies a delta whose seq is the board's seq + 1", () => {
    const sync = loaded(10);
    expect(sync.receive(seatEvent(11, "a2", "HELD", T0))).toBe("applied");
    expect(sync.board?.seq).toBe(11);
    expect(seatIn(sync, "a2")).toStrictEqual({ id: "a2", label: "A2", row: 0, col: 1, status: "HELD", heldUntil: T0 });
  });

  it("ignores a delta at or below the board's seq", () => {
    const sync = loaded(10);
    expect(sync.receive(seatEvent(10, "a1", "BOOKED"))).toBe("ignored");
    expect(sync.receive(seatEvent(3, "a1", "BOOKED"))).toBe("ignored");
    expect(sync.board?.seq).toBe(10);
    expect(seatIn(sync, "a1")?.status).toBe("FREE");
  });

  it("reports a gap for a delta past seq + 1 and leaves the board as it was", () => {
    const sync = loaded(10);
    expect(sync.receive(seatEvent(12, "a1", "BOOKED"))).toBe("gap");
    expect(sync.board?.seq).toBe(10);
    expect(seatIn(sync, "a1")?.status).toBe("FREE");
  });

  it("reports a gap for a delta about a seat it does not know", () => {
    const sync = loaded(10);
    expect(sync.receive(seatEvent(11, "zz", "HELD", T0))).toBe("gap");
    expect(sync.board?.seats.map((s) => s.status)).toEqual(["FREE", "FREE", "FREE"]);
    expect(sync.board?.seq).toBe(10);
  });

  it("replaces the round view on a round event and advances seq", () => {
    const sync = loaded(10);
    const paused = roundView({ status: "PAUSED", pausedAt: T0 });
    expect(sync.receive(roundEvent(11, paused))).toBe("applied");
    expect(sync.board?.round).toEqual(paused);
    expect(sync.board?.seq).toBe(11);
    expect(sync.receive(seatEvent(12, "a1", "HELD", T0))).toBe("applied");
  });

  it("carries heldUntil when the delta has it and removes it when the delta does not", () => {
    const sync = loaded(10);
    sync.receive(seatEvent(11, "a1", "HELD", T0 + 120_000));
    expect(seatIn(sync, "a1")?.heldUntil).toBe(T0 + 120_000);
    sync.receive(seatEvent(12, "a1", "BOOKED"));
    expect(seatIn(sync, "a1")).toStrictEqual({ id: "a1", label: "A1", row: 0, col: 0, status: "BOOKED" });
  });

  it("keeps the viewer's own seat marked mine while it is held or booked, and drops it once free", () => {
    const sync = loaded(10, [
      seatView({ id: "a1", status: "HELD", heldUntil: T0, mine: true }),
      seatView({ id: "a2" }),
    ]);
    sync.receive(seatEvent(11, "a1", "BOOKED"));
    expect(seatIn(sync, "a1")).toStrictEqual({ id: "a1", label: "A1", row: 0, col: 0, status: "BOOKED", mine: true });
    sync.receive(seatEvent(12, "a1", "FREE"));
    expect(seatIn(sync, "a1")).toStrictEqual({ id: "a1", label: "A1", row: 0, col: 0, status: "FREE" });
    sync.receive(seatEvent(13, "a1", "HELD", T0 + 1));
    expect(seatIn(sync, "a1")?.mine).toBeUndefined();
  });

  it("never marks someone else's seat as mine", () => {
    const sync = loaded(10);
    sync.receive(seatEvent(11, "a2", "HELD", T0));
    expect(seatIn(sync, "a2")).not.toHaveProperty("mine");
  });

  it("leaves the snapshot it was given untouched", () => {
    const given = snapshot(10);
    const sync = new BoardSync();
    sync.loadSnapshot(given);
    sync.receive(seatEvent(11, "a1", "BOOKED"));
    expect(given.seats.map((s) => s.status)).toEqual(["FREE", "FREE", "FREE"]);
  });
});

describe("BoardSync with several changes in one event", () => {
  it("applies every change of a batch in order and advances seq to the batch's last", () => {
    const sync = loaded(10);
    const batch = batchEvent(13, [change("a1", "HELD", T0), change("a2", "HELD", T0 + 1), change("a1", "BOOKED")]);
    expect(sync.receive(batch)).toBe("applied");
    expect(sync.board?.seq).toBe(13);
    expect(sync.board?.seats.map((s) => s.status)).toEqual(["BOOKED", "HELD", "FREE"]);
  });

  it("applies a batch that overlaps the snapshot rather than ignoring it or calling it a gap", () => {
    const sync = loaded(11, [seatView({ id: "a1", status: "HELD", heldUntil: T0 }), seatView({ id: "a2" })]);
    // seqs 11, 12, 13: the snapshot at 11 already has the first change.
    const batch = batchEvent(13, [change("a1", "HELD", T0), change("a2", "HELD", T0 + 1), change("a1", "FREE")]);
    expect(sync.receive(batch)).toBe("applied");
    expect(sync.board?.seq).toBe(13);
    expect(sync.board?.seats.map((s) => s.status)).toEqual(["FREE", "HELD"]);
  });

  it("reports a gap when a batch starts past seq + 1", () => {
    const sync = loaded(10);
    expect(sync.receive(batchEvent(13, [change("a1", "HELD", T0), change("a2", "HELD", T0)]))).toBe("gap");
    expect(sync.board?.seq).toBe(10);
    expect(sync.board?.seats.map((s) => s.status)).toEqual(["FREE", "FREE", "FREE"]);
  });

  it("stops at an unknown seat, keeping seq at the last change it applied", () => {
    const sync = loaded(10);
    expect(sync.receive(batchEvent(12, [change("a1", "HELD", T0), change("zz", "HELD", T0)]))).toBe("gap");
    expect(sync.board?.seq).toBe(11);
    expect(seatIn(sync, "a1")?.status).toBe("HELD");
  });
});

describe("BoardSync.invalidate", () => {
  it("drops the board and buffers until the next snapshot", () => {
    const sync = loaded(10);
    sync.invalidate();
    expect(sync.board).toBeNull();
    expect(sync.receive(seatEvent(21, "a3", "BOOKED"))).toBe("buffered");

    expect(sync.loadSnapshot(snapshot(20))).toBe("applied");
    expect(sync.board?.seq).toBe(21);
    expect(seatIn(sync, "a3")?.status).toBe("BOOKED");
  });
});
