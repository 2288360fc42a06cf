import { describe, expect, it } from "vitest";
import { type AuditEntryView, auditEntriesOf, toApplicantAuditEntry } from "./audit.ts";
import type { BatchCommand } from "./batch-command.ts";
import type { PlanEvent, Seat } from "./seat-rules.ts";

const entry = (overrides: Partial<AuditEntryView>): AuditEntryView => ({
  id: 7,
  at: 1,
  actor: { type: "admin", id: null, name: null },
  action: "seat.admin-reassign",
  roundId: "r1",
  roundTitle: "Winter",
  seatId: "s1",
  seatLabel: "A1",
  holderBefore: { id: "ada", name: "Ada" },
  holderAfter: { id: "bo", name: "Bo" },
  before: { status: "BOOKED", holderId: "ada", heldUntil: null },
  after: { status: "BOOKED", holderId: "bo", heldUntil: null },
  outcome: "OK",
  requestId: "req-1",
  traceId: "t",
  detail: "swap",
  ...overrides,
});

describe("toApplicantAuditEntry", () => {
  it("tells each applicant whether the seat was theirs, never who else held it", () => {
    const forAda = toApplicantAuditEntry(entry({}), "ada");
    expect(forAda).toMatchObject({
      actor: "admin",
      before: { status: "BOOKED", yours: true, heldUntil: null },
      after: { status: "BOOKED", yours: false, heldUntil: null },
      detail: "swap",
    });
    expect(JSON.stringify(forAda)).not.toContain("bo");
    expect(JSON.stringify(toApplicantAuditEntry(entry({}), "bo"))).not.toContain("ada");
  });

  it("calls the applicant's own actions theirs", () => {
    const own = entry({ actor: { type: "applicant", id: "ada", name: "Ada" }, action: "seat.hold" });
    expect(toApplicantAuditEntry(own, "ada").actor).toBe("you");
  });
});

describe("auditEntriesOf", () => {
  const seat = (holderId: string | null): Seat => ({
    id: "s1",
    label: "A1",
    row: 0,
    col: 0,
    status: holderId ? "HELD" : "FREE",
    holderId,
    heldUntil: holderId ? 5 : null,
    expiredHolderId: null,
    version: 1,
  });
  const origin = { requestId: "batch-req", traceId: "batch-trace" };

  it("gives a lapse to the system under the batch's own request", () => {
    const events: PlanEvent[] = [
      {
        cause: null,
        by: "system",
        action: "seat.expire",
        outcome: "OK",
        seat: { id: "s1", before: seat("ada"), after: seat(null) },
      },
    ];
    const [row] = auditEntriesOf("r1", [], events, 9, origin);
    expect(row).toEqual({
      at: 9,
      actor: { type: "system", id: null },
      action: "seat.expire",
      roundId: "r1",
      seatId: "s1",
      holderBefore: "ada",
      holderAfter: null,
      before: { status: "HELD", heldUntil: 5 },
      after: { status: "FREE", heldUntil: null },
      outcome: "OK",
      requestId: "batch-req",
      traceId: "batch-trace",
      detail: null,
    });
  });

  it("keeps a refused admin command's reason and the seat's holder in its JSON, not in the holder columns", () => {
    const commands: BatchCommand[] = [{ kind: "admin-release", seatId: "s1", reason: "no-show", requestId: "adm-1" }];
    const events: PlanEvent[] = [
      {
        cause: 0,
        by: "command",
        action: "seat.admin-release",
        outcome: "SEAT_FREE",
        seat: { id: "s1", before: seat("bo"), after: null },
      },
    ];
    const [row] = auditEntriesOf("r1", commands, events, 9, origin);
    expect(row).toMatchObject({
      actor: { type: "admin", id: null },
      holderBefore: null,
      holderAfter: null,
      before: { status: "HELD", holderId: "bo", heldUntil: 5 },
      after: null,
      outcome: "SEAT_FREE",
      requestId: "adm-1",
      traceId: null,
      detail: "no-show",
    });
  });
});
