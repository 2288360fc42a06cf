import type { z } from "zod";
import type { Clock } from "../../lib/clock.ts";
import type { Db } from "../../lib/db/create-db.ts";
import { getRoundSnapshot } from "../../lib/db/get-round-snapshot.ts";
import { getWaitlistStatus } from "../../lib/db/get-waitlist-status.ts";
import type { SeatOutcome } from "../../lib/domain/seat-rules.ts";
import { type ErrorBody, errorBody, toAck } from "../../lib/errors.ts";
import { applicantRoomOf, roomOf } from "../../lib/realtime/events.ts";
import { parseInput } from "../../lib/schemas/parse-input.ts";
import {
  ZRoundJoin,
  ZRoundLeave,
  ZSeatConfirm,
  ZSeatHold,
  ZSeatRelease,
  ZTimeSync,
  ZWaitlistJoin,
  ZWaitlistLeave,
} from "../../lib/schemas/socket.ts";
import type { Logger } from "../log.ts";
import type { ReservationEngine } from "../reservation-engine.ts";
import type { IntakeServer, IntakeSocket } from "./types.ts";

interface Deps {
  db: Db;
  engine: ReservationEngine;
  clock: Clock;
  log: Logger;
}

type Answer = ({ ok: true } & object) | ErrorBody;

/**
 * Socket handlers stay thin like route handlers: parse (zod), authorize, call
 * the engine or a query, answer through the acknowledgement.
 */
export function registerSocketHandlers(io: IntakeServer, deps: Deps): void {
  const { db, engine, clock, log } = deps;

  io.on("connection", (socket) => {
    // Private events (waitlist position, offers) reach every socket of the applicant.
    if (socket.data.applicantId) void socket.join(applicantRoomOf(socket.data.applicantId));

    const on = <S extends z.ZodType>(
      event: string,
      schema: S,
      run: (input: z.infer<S>, socket: IntakeSocket) => Promise<Answer>,
    ) => {
      // Events are registered by name; the typed map in lib/realtime documents each one.
      (socket as unknown as { on(e: string, l: (...a: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === "function" ? (last as (a: Answer) => void) : undefined;
        const payloads = ack ? args.slice(0, -1) : args;
        if (payloads.length > 1) {
          ack?.(errorBody("INVALID_INPUT", "payload: a command takes one payload object and an acknowledgement"));
          return;
        }
        void answer(event, schema, run, socket, payloads[0]).then((response) => ack?.(response));
      });
    };

    on("round:join", ZRoundJoin, async ({ roundId }, s) => {
      // Join first, then read: no change can fall between the snapshot and the stream.
      await s.join(roomOf(roundId));
      const snapshot = await getRoundSnapshot(db, { roundId, now: clock.now(), viewerId: s.data.applicantId });
      if (!snapshot) {
        await s.leave(roomOf(roundId));
        return errorBody("NOT_FOUND", "No such round.");
      }
      const waitlist = await getWaitlistStatus(db, roundId, s.data.applicantId);
      return { ok: true, snapshot, waitlist };
    });

    on("waitlist:join", ZWaitlistJoin, async ({ roundId }, s) => {
      const applicantId = s.data.applicantId;
      if (!applicantId) return unauthenticated;
      const outcome = await engine.submit(roundId, { kind: "waitlist-join", applicantId });
      if (!outcome.ok) return errorBody(outcome.code, outcome.message);
      return { ok: true, position: outcome.position ?? 0 };
    });

    on("waitlist:leave", ZWaitlistLeave, async ({ roundId }, s) => {
      const applicantId = s.data.applicantId;
      if (!applicantId) return unauthenticated;
      const outcome = await engine.submit(roundId, { kind: "waitlist-leave", applicantId });
      return outcome.ok ? { ok: true } : errorBody(outcome.code, outcome.message);
    });

    on("round:leave", ZRoundLeave, async ({ roundId }, s) => {
      await s.leave(roomOf(roundId));
      return { ok: true };
    });

    on("time:sync", ZTimeSync, async () => ({ ok: true, serverNow: clock.now() }));

    on("seat:hold", ZSeatHold, async ({ roundId, seatId, requestId }, s) => {
      const applicantId = s.data.applicantId;
      if (!applicantId) return unauthenticated;
      const outcome = await engine.submit(roundId, { kind: "hold", applicantId, seatId, requestId });
      return reply(outcome, (seat) => ({
        hold: { seatId: seat.id, label: seat.label, expiresAt: seat.heldUntil ?? 0 },
      }));
    });

    on("seat:confirm", ZSeatConfirm, async ({ roundId, seatId, requestId }, s) => {
      const applicantId = s.data.applicantId;
      if (!applicantId) return unauthenticated;
      const outcome = await engine.submit(roundId, { kind: "confirm", applicantId, seatId, requestId });
      return reply(outcome, (seat) => ({ booking: { seatId: seat.id, label: seat.label } }));
    });

    on("seat:release", ZSeatRelease, async ({ roundId, seatId }, s) => {
      const applicantId = s.data.applicantId;
      if (!applicantId) return unauthenticated;
      const outcome = await engine.submit(roundId, { kind: "release", applicantId, seatId });
      return reply(outcome, () => ({}));
    });
  });

  async function answer<S extends z.ZodType>(
    event: string,
    schema: S,
    run: (input: z.infer<S>, socket: IntakeSocket) => Promise<Answer>,
    socket: IntakeSocket,
    payload: unknown,
  ): Promise<Answer> {
    const parsed = parseInput(schema, payload ?? {});
    if (!parsed.ok) return errorBody(parsed.code, parsed.message);
    try {
      return await run(parsed.value, socket);
    } catch (err) {
      log.error({ err, event }, "socket command failed");
      return toAck(err);
    }
  }
}

const unauthenticated = errorBody("UNAUTHENTICATED", "Sign in with a name to claim seats.");

function reply<T extends object>(outcome: SeatOutcome, value: (seat: Extract<SeatOutcome, { ok: true }>["seat"]) => T) {
  return outcome.ok ? { ok: true as const, ...value(outcome.seat) } : errorBody(outcome.code, outcome.message);
}
