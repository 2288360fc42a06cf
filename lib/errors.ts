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
  /** The server is shutting down and takes no new commands. */
  UNAVAILABLE: 503,
  /** A bug: logged, never shown in detail. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorBody {
  ok: false;
  error: { code: ErrorCode; message: string };
}

/** Expected failures travel as values; AppError is for refusing at an edge. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export function fail(code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code, message };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { ok: false, error: { code, message } };
}

/** Any thrown value as the envelope; unknown errors hide their detail. */
export function toAck(err: unknown): ErrorBody {
  if (err instanceof AppError) return errorBody(err.code, err.message);
  return errorBody("INTERNAL", "Something went wrong on our side.");
}

export function toHttp(err: unknown): { status: number; body: ErrorBody } {
  const body = toAck(err);
  return { status: errorCodes[body.error.code], body };
}

export function httpStatusOf(code: ErrorCode): number {
  return errorCodes[code];
}
