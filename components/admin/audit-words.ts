import type { AuditAction } from "@/lib/domain/audit";

/** Each audit action in words, for admins and applicants alike. */
export const actionWords: Record<AuditAction, string> = {
  "seat.hold": "Seat held",
  "seat.confirm": "Seat booked",
  "seat.release": "Seat released",
  "seat.expire": "Hold ran out",
  "seat.offer": "Seat offered from the waitlist",
  "seat.admin-release": "Seat released by an admin",
  "seat.admin-reassign": "Seat reassigned by an admin",
  "round.create": "Round created",
  "round.edit": "Round edited",
  "round.open": "Round opened",
  "round.pause": "Round paused",
  "round.resume": "Round resumed",
  "round.extend": "Deadline extended",
  "round.close": "Round closed",
  "program.create": "Program created",
  "program.edit": "Program edited",
};

type State = Record<string, unknown> | null;

const statusOf = (state: State) => (typeof state?.status === "string" ? state.status : null);

/**
 * What changed, in a few words: a seat's or round's status before and after,
 * and a round's new deadline, or the fields an edit changed.
 */
export function changeWords(
  before: State,
  after: State,
  formatTime: (ms: number) => string,
  holders?: { before: string | null; after: string | null },
): string {
  if (after === null) return "refused: nothing changed";
  const parts: string[] = [];
  const from = statusOf(before);
  const to = statusOf(after);
  if (from !== to && (from || to)) parts.push(`${from ?? "—"} → ${to ?? "—"}`);
  if (holders && holders.before !== holders.after) {
    parts.push(`holder ${holders.before ?? "nobody"} → ${holders.after ?? "nobody"}`);
  }
  if (typeof after.deadline === "number" && after.deadline !== before?.deadline) {
    parts.push(`deadline ${formatTime(after.deadline)}`);
  }
  if (parts.length === 0 && !to) {
    const fields = Object.keys(after).filter((k) => k !== "status");
    if (fields.length > 0) parts.push(`changed ${fields.join(", ")}`);
  }
  return parts.join("; ");
}
