import { performance } from "node:perf_hooks";
import { context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { z } from "zod";
import type { Clock } from "../../lib/clock.ts";
import type { Db } from "../../lib/db/create-db.ts";
import { getRoundSnapshot } from "../../lib/db/get-round-snapshot.ts";
import { getWaitlistStatus } from "../../lib/db/get-waitlist-status.ts";
import type { CommandMeta } from "../../lib/domain/audit.ts";
import type { SeatOutcome } from "../../lib/domain/seat-rules.ts";
import { type ErrorBody, errorBody, rateLimitedBody, toAck } from "../../lib/errors.ts";
import {
  type AckOf,
  applicantRoomOf,
  type ClientToServerEvents,
  type PayloadOf,
  roomOf,
} from "../../lib/realtime/events.ts";
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
import type { Metrics } from "../observability/metrics.ts";
import { newRequestId } from "../observability/request-id.ts";
import { tracingEnabled } from "../observability/tracing.ts";
import type { RateLimiter, RateLimitScope } from "../rate-limit/create-rate-limiter.ts";
import { createRefusalPacer } from "../rate-limit/pace-refusals.ts";
import type { ReservationEngine } from "../reservation-engine.ts";
import type { Sessions } from "../sessions.ts";
import { joinSessionRoom } from "./authenticate-socket.ts";
import type { IntakeServer, IntakeSocket } from "./types.ts";

interface Deps {
  db: Db;
  engine: ReservationEngine;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  rateLimiter: RateLimiter;
  sessions: Pick<Sessions, "endedRecently">;
}

type Event = keyof ClientToServerEvents;
type Answer = ({ ok: true } & object) | ErrorBody;

/** One command's ids, for its log line, its ack and the audit trail of what it submits. */
interface Call {
  /** The payload's requestId (also the idempotency key) or, without one, a fresh id for logs and the ack only. */
  requestId: string;
  traceId: string | null;
}

/** A command an applicant's session must send: its handler gets who, and the audit meta of what it submits. */
interface ApplicantCall extends Call {
  applicantId: string;
  meta: CommandMeta;
}

interface CommandOptions {
  /** Refuse the command UNAUTHENTICATED (after parsing, as its handler would) unless the socket is an applicant's. */
  applicant?: true;
}

type CallOf<O extends CommandOptions> = O extends { applicant: true } ? ApplicantCall : Call;

/**
 * Registers one command: its payload schema must parse to the event's payload
 * and its handler must answer the event's ack (lib/realtime/events.ts), so a
 * wrong answer fails tsc (register-socket-handlers.test-d.ts shows it).
 */
export type OnCommand = <E extends Event, S extends z.ZodType<PayloadOf<E>>, O extends CommandOptions = object>(
  event: E,
  schema: S,
  run: (input: z.infer<S>, socket: IntakeSocket, call: CallOf<O>) => Promise<AckOf<E>>,
  options?: O,
) => void;

/** The rate limit each command counts against (docs/operations.md#rate-limits). */
const SCOPE_OF: Record<Event, RateLimitScope> = {
  "seat:hold": "claims",
  "seat:confirm": "claims",
  "seat:release": "claims",
  "waitlist:join": "claims",
  "waitlist:leave": "claims",
  "round:join": "watch",
  "round:leave": "reads",
  "time:sync": "reads",
};

/**
 * Socket handlers stay thin like route handlers: parse (zod), authorize, call
 * the engine or a query, answer through the acknowledgement.
 */
export function registerSocketHandlers(io: IntakeServer, deps: Deps): void {
  const { db, engine, clock, log, metrics, rateLimiter } = deps;
  const tracer = trace.getTracer("intake");

  io.on("connection", (socket) => {
    // Private events (waitlist position, offers) reach every socket of the applicant.
    if (socket.data.applicantId) void socket.join(applicantRoomOf(socket.data.applicantId));
    if (!joinSessionRoom(socket, deps.sessions)) return;
    // The handshake's address (TRUST_PROXY applied) is the one every command of this socket is charged to.
    const ip = rateLimiter.clientIp(socket.request);
    const deliver = createRefusalPacer(() => {
      log.warn({ applicantId: socket.data.applicantId, ip }, "socket disconnected: it kept sending while rate limited");
      socket.disconnect(true);
    });

    const on: OnCommand = (event, schema, run, options) => {
      // Payload and answer were checked against the event where on() was called; from here on a handler is a Run.
      const handle = options?.applicant ? asApplicant(run as ApplicantRun) : (run as Run);
      // Registered by name with a listener that takes anything: a client may send any shape, and answer() parses it.
      (socket as unknown as { on(e: string, l: (...a: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
        const started = performance.now();
        const last = args[args.length - 1];
        const ack = typeof last === "function" ? (last as (a: Answer) => void) : undefined;
        const payloads = ack ? args.slice(0, -1) : args;
        if (payloads.length > 1) {
          const refusal = errorBody(
            "INVALID_INPUT",
            "payload: a command takes one payload object and an acknowledgement",
          );
          ack?.(settle(event, socket, started, { requestId: newRequestId(), traceId: null }, undefined, refusal));
          return;
        }
        void answer(event, schema, handle, socket, ip, payloads[0], started).then((response) => deliver(response, ack));
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

    on(
      "waitlist:join",
      ZWaitlistJoin,
      async ({ roundId }, _s, { applicantId, meta }) => {
        const outcome = await engine.submit(roundId, { kind: "waitlist-join", applicantId, meta });
        if (!outcome.ok) return errorBody(outcome.code, outcome.message);
        return { ok: true, position: outcome.position ?? 0 };
      },
      { applicant: true },
    );

    on(
      "waitlist:leave",
      ZWaitlistLeave,
      async ({ roundId }, _s, { applicantId, meta }) => {
        const outcome = await engine.submit(roundId, { kind: "waitlist-leave", applicantId, meta });
        return outcome.ok ? { ok: true } : errorBody(outcome.code, outcome.message);
      },
      { applicant: true },
    );

    on("round:leave", ZRoundLeave, async ({ roundId }, s) => {
      await s.leave(roomOf(roundId));
      return { ok: true };
    });

    on("time:sync", ZTimeSync, async () => ({ ok: true, serverNow: clock.now() }));

    on(
      "seat:hold",
      ZSeatHold,
      async ({ roundId, seatId, requestId }, _s, { applicantId, meta }) => {
        // Only the client's own requestId is an idempotency key; a generated one is for the audit trail.
        const outcome = await engine.submit(roundId, { kind: "hold", applicantId, seatId, requestId, meta });
        return reply(outcome, (seat) => ({
          hold: { seatId: seat.id, label: seat.label, expiresAt: seat.heldUntil ?? 0 },
        }));
      },
      { applicant: true },
    );

    on(
      "seat:confirm",
      ZSeatConfirm,
      async ({ roundId, seatId, requestId }, _s, { applicantId, meta }) => {
        const outcome = await engine.submit(roundId, { kind: "confirm", applicantId, seatId, requestId, meta });
        return reply(outcome, (seat) => ({ booking: { seatId: seat.id, label: seat.label } }));
      },
      { applicant: true },
    );

    on(
      "seat:release",
      ZSeatRelease,
      async ({ roundId, seatId }, _s, { applicantId, meta }) => {
        const outcome = await engine.submit(roundId, { kind: "release", applicantId, seatId, meta });
        return reply(outcome, () => ({}));
      },
      { applicant: true },
    );
  });

  /**
   * Parses, runs and answers one command: in its own span when tracing is on
   * (the engine carries that context into the commit), with a requestId in
   * the ack, one log line, and the outcome and latency in the metrics.
   */
  async function answer(
    event: Event,
    schema: z.ZodType,
    run: Run,
    socket: IntakeSocket,
    ip: string,
    payload: unknown,
    started: number,
  ): Promise<Answer & { requestId: string }> {
    // A command is the root of its own trace: a socket frame brings no trace context.
    const span = tracingEnabled()
      ? tracer.startSpan(
          event,
          { kind: SpanKind.SERVER, attributes: { "rpc.system": "socket.io", "rpc.method": event } },
          ROOT_CONTEXT,
        )
      : undefined;
    const parsed = parseInput(schema, payload ?? {});
    const given = parsed.ok ? (parsed.value as { requestId?: unknown }).requestId : undefined;
    const call: Call = {
      requestId: typeof given === "string" ? given : newRequestId(),
      traceId: span ? span.spanContext().traceId : null,
    };
    // Limited before anything runs, malformed commands included; parsing first only finds the requestId.
    const refusal = await limit(event, socket, ip);
    if (refusal) return settle(event, socket, started, call, span, refusal);
    if (!parsed.ok) return settle(event, socket, started, call, span, errorBody(parsed.code, parsed.message));
    let response: Answer;
    try {
      response = span
        ? await context.with(trace.setSpan(ROOT_CONTEXT, span), () => run(parsed.value, socket, call))
        : await run(parsed.value, socket, call);
    } catch (err) {
      log.error({ err, event, requestId: call.requestId, traceId: call.traceId ?? undefined }, "socket command failed");
      response = toAck(err);
    }
    return settle(event, socket, started, call, span, response, (parsed.value as { roundId?: string }).roundId);
  }

  /** RATE_LIMITED with retryAfterMs if the command is over a limit of its applicant or address, else null. */
  async function limit(event: Event, socket: IntakeSocket, ip: string): Promise<ErrorBody | null> {
    const scope = SCOPE_OF[event];
    const applicantId = socket.data.applicantId;
    // A claim without a session is refused UNAUTHENTICATED right after, at no more cost than a refusal here.
    if (scope === "claims" && !applicantId) return null;
    const admission = await rateLimiter.admit(scope, { ip, applicantId });
    if (admission.ok) return null;
    metrics.rateLimited.inc({ scope, route: event });
    return rateLimitedBody(admission.message, admission.retryAfterMs);
  }

  function settle(
    event: string,
    socket: IntakeSocket,
    started: number,
    call: Call,
    span: Span | undefined,
    response: Answer,
    roundId?: string,
  ): Answer & { requestId: string } {
    const outcome = response.ok ? "ok" : response.error.code;
    const seconds = (performance.now() - started) / 1000;
    metrics.commands.inc({ command: event, outcome });
    metrics.commandDuration.observe({ command: event }, seconds);
    if (span) {
      span.setAttribute("intake.request_id", call.requestId);
      span.setAttribute("intake.outcome", outcome);
      if (roundId) span.setAttribute("intake.round_id", roundId);
      if (outcome === "INTERNAL") span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    // A flood's refusals go to debug: at info they would drown the log the flood is already filling.
    const level = outcome === "RATE_LIMITED" ? "debug" : "info";
    if (log.isLevelEnabled(level)) {
      const { requestId, traceId } = call;
      const applicantId = socket.data.applicantId;
      const ms = Math.round(seconds * 10_000) / 10;
      log[level](
        { requestId, traceId: traceId ?? undefined, event, roundId, applicantId, outcome, ms },
        "socket command",
      );
    }
    return { ...response, requestId: call.requestId };
  }
}

/** A handler as answer() runs it, its payload and answer checked where it was registered. */
type Run = (input: unknown, socket: IntakeSocket, call: Call) => Promise<Answer>;
type ApplicantRun = (input: unknown, socket: IntakeSocket, call: ApplicantCall) => Promise<Answer>;

const unauthenticated = errorBody("UNAUTHENTICATED", "Sign in with a name to claim seats.");

/** The applicant guard of claims, run where each handler ran it: after parsing, inside the command's span. */
function asApplicant(run: ApplicantRun): Run {
  return async (input, socket, call) => {
    const applicantId = socket.data.applicantId;
    if (!applicantId) return unauthenticated;
    const meta: CommandMeta = {
      requestId: call.requestId,
      traceId: call.traceId,
      actor: { type: "applicant", id: applicantId },
    };
    return run(input, socket, { ...call, applicantId, meta });
  };
}

function reply<T extends object>(outcome: SeatOutcome, value: (seat: Extract<SeatOutcome, { ok: true }>["seat"]) => T) {
  return outcome.ok ? { ok: true as const, ...value(outcome.seat) } : errorBody(outcome.code, outcome.message);
}
