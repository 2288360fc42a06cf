/**
 * The one error vocabulary of Intake. Every refusal, over HTTP or a socket
 * acknowledgement, is `{ ok: false, error: { code, message } }`.
 */
export const errorCodes = {
  /** A payload, query or body failed its zod schema; nothing was written. */
  INVALID_INPUT: 400,
  /** The command needs an applicant session, or the page or API an admin session, and the caller has none. */
  UNAUTHENTICATED: 401,
  /** The caller is signed in but may not do this (e.g. an applicant on an admin API). */
  FORBIDDEN: 403,
  /** Admin sign-in with a wrong password. */
  INVALID_CREDENTIALS: 401,
  /** The admin session ran past ADMIN_SESSION_TTL, or the admin password changed since sign-in. */
  ADMIN_SESSION_EXPIRED: 401,
  /** The round or seat does not exist (or the seat is not in that round). */
  NOT_FOUND: 404,
  /** The round is a draft, paused, closed, or not yet at its opensAt. */
  ROUND_NOT_OPEN: 409,
  /** The round's deadline has passed. */
  DEADLINE_PASSED: 409,
  /** The chosen seat is held or booked by someone else. */
  SEAT_TAKEN: 409,
  /** Best available found no free seat. */
  NO_SEATS_LEFT: 409,
  /** The applicant already holds or has booked a seat in this round. */
  ALREADY_HAS_SEAT: 409,
  /** Confirm or release of a seat the caller does not hold. */
  NOT_HOLDER: 403,
  /** The caller's hold ran out before the confirm or release. */
  HOLD_EXPIRED: 409,
  /** A booked seat cannot be released by an applicant. */
  SEAT_BOOKED: 409,
  /** waitlist:join by an applicant already on the round's waitlist. */
  ALREADY_WAITLISTED: 409,
  /** waitlist:join while a seat is free: hold it instead. */
  SEATS_AVAILABLE: 409,
  /** A requestId was reused for a different command. */
  REQUEST_ID_REUSED: 409,
  /**
   * An admin round command the round's status does not allow: open a round that
   * is not a DRAFT, pause one that is not OPEN, resume one that is not PAUSED,
   * close a DRAFT, or change (edit, extend, close) a CLOSED round.
   */
  INVALID_TRANSITION: 409,
  /** An admin release or reassign of a seat nobody holds. */
  SEAT_FREE: 409,
  /** A layout edit with fewer seats than the round has booked. */
  BELOW_BOOKED_SEATS: 409,
  /** A layout edit that would remove seats that are held or booked (release or reassign them first). */
  SEATS_IN_USE: 409,
  /**
   * A rate limit refused the request or command before it ran (nothing was
   * done): too many from this applicant or address, or admin sign-in locked
   * after repeated failures. `retryAfterMs` says when to try again.
   */
  RATE_LIMITED: 429,
  /**
   * A request body over the cap (16 KiB), whatever its framing: the server
   * stopped reading it and closed the connection.
   */
  PAYLOAD_TOO_LARGE: 413,
  /**
   * This address or applicant already has as many sockets and event streams
   * open on this server as it may (MAX_CONNECTIONS_IP, MAX_CONNECTIONS_APPLICANT);
   * close one first.
   */
  TOO_MANY_CONNECTIONS: 429,
  /** The server is shutting down and takes no new commands. */
  UNAVAILABLE: 503,
  /** A bug: logged, never shown in detail. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorBody {
  ok: false;
  /** `retryAfterMs` only on RATE_LIMITED: how long until the limit lets the caller try again. */
  error: { code: ErrorCode; message: string; retryAfterMs?: number };
}

/** The limit behind a RATE_LIMITED refusal, for its body and its HTTP headers. */
export interface RateLimitRefusal {
  retryAfterMs: number;
  /** The points of the limit that refused (RateLimit-Limit). */
  limit: number;
}

/** Expected failures travel as values; AppError is for refusing at an edge. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export function fail(code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code, message };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Set on RATE_LIMITED: when to retry and which limit refused. */
  readonly rateLimit?: RateLimitRefusal;
  constructor(code: ErrorCode, message: string, rateLimit?: RateLimitRefusal) {
    super(message);
    this.name = "AppError";
    this.code = code;
    if (rateLimit) this.rateLimit = rateLimit;
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { ok: false, error: { code, message } };
}

/** The RATE_LIMITED envelope: the message and how long to wait, in ms. */
export function rateLimitedBody(message: string, retryAfterMs: number): ErrorBody {
  return { ok: false, error: { code: "RATE_LIMITED", message, retryAfterMs } };
}

/** Any thrown value as the envelope; unknown errors hide their detail. */
export function toAck(err: unknown): ErrorBody {
  if (err instanceof AppError) {
    const body = errorBody(err.code, err.message);
    if (err.rateLimit) body.error.retryAfterMs = err.rateLimit.retryAfterMs;
    return body;
  }
  return errorBody("INTERNAL", "Something went wrong on our side.");
}

export function toHttp(err: unknown): { status: number; body: ErrorBody } {
  const body = toAck(err);
  return { status: errorCodes[body.error.code], body };
}

export function httpStatusOf(code: ErrorCode): number {
  return errorCodes[code];
}
