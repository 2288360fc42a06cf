/**
 * A test of types: `tsc --noEmit` (npm run typecheck) checks it, nothing runs
 * it. Each `@ts-expect-error` must meet an error, so were on() to stop
 * checking a handler's answer against ClientToServerEvents, they would turn
 * into "unused @ts-expect-error" failures.
 */
import { errorBody } from "../../lib/errors.ts";
import { ZRoundJoin, ZRoundLeave, ZSeatHold, ZSeatRelease, ZTimeSync } from "../../lib/schemas/socket.ts";
import type { OnCommand } from "./register-socket-handlers.ts";

declare const on: OnCommand;
const applicant = { applicant: true } as const;

// The shapes the event map names pass, refusals included.
on("time:sync", ZTimeSync, async () => ({ ok: true, serverNow: 0 }));
on("round:leave", ZRoundLeave, async () => errorBody("NOT_FOUND", "No such round."));
on(
  "seat:release",
  ZSeatRelease,
  async (_input, _socket, { applicantId }) => errorBody("NOT_HOLDER", applicantId),
  applicant,
);
on("seat:hold", ZSeatHold, async ({ seatId }) => ({
  ok: true,
  hold: { seatId: seatId ?? "", label: "", expiresAt: 0 },
}));

// @ts-expect-error seat:hold answers a hold, not a booking.
on("seat:hold", ZSeatHold, async () => ({ ok: true, booking: { seatId: "s1", label: "A1" } }), applicant);

// @ts-expect-error time:sync answers the server's time as a number.
on("time:sync", ZTimeSync, async () => ({ ok: true, serverNow: "now" }));

// @ts-expect-error round:join answers a snapshot and the waitlist, not bare ok.
on("round:join", ZRoundJoin, async () => ({ ok: true }));

// @ts-expect-error a refusal is the error envelope, not a bare code.
on("round:leave", ZRoundLeave, async () => ({ ok: false, code: "NOT_FOUND" }));

// @ts-expect-error the schema must parse to the event's payload.
on("seat:hold", ZTimeSync, async () => errorBody("INTERNAL", "unreachable"));

// @ts-expect-error only a command registered with { applicant: true } hands its handler the applicant.
on("round:join", ZRoundJoin, async (_input, _socket, { applicantId }) => errorBody("INTERNAL", applicantId));
