import { describe, expect, it } from "vitest";
import { type AuditEntryView, toApplicantAuditEntry } from "./audit.ts";

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
