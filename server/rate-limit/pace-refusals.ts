import { performance } from "node:perf_hooks";
import type { ErrorBody } from "../../lib/errors.ts";

/** How long the answer to a repeated refusal is held back. */
export const REFUSAL_HOLD_MS = 1000;
/** Refusals one connection may have held back at once; more, and it is not waiting for its answers. */
export const MAX_HELD_REFUSALS = 64;

/** Delivers one answer through a pacer; `idle` says whether it holds nothing and remembers no limit (may be forgotten). */
export interface RefusalPacer {
  <A extends { ok: true } | ErrorBody>(response: A, answer: ((a: A) => void) | undefined): void;
  idle(): boolean;
}

/**
 * Paces the RATE_LIMITED answers of one client (a socket, or the HTTP
 * requests of one address). Refusing a command costs the server almost as
 * much as reading it, so a client that sends the next as soon as the last is
 * refused keeps the server busy however many it refuses. The first refusal is
 * answered at once (a person who clicked too fast learns why straight away);
 * refusals that follow while the client is still limited are answered only
 * after min(retryAfterMs, REFUSAL_HOLD_MS), which slows a client that waits
 * for its answers to a few commands a second. A client with more than
 * MAX_HELD_REFUSALS refusals held is not waiting for them: `overflow` is
 * called and the answer dropped (a socket is disconnected), or without it
 * the answer goes at once.
 */
export function createRefusalPacer(overflow?: () => void): RefusalPacer {
  let limitedUntil = 0;
  let held = 0;
  let overflowed = false;
  const deliver = <A extends { ok: true } | ErrorBody>(response: A, answer: ((a: A) => void) | undefined) => {
    if (response.ok || response.error.code !== "RATE_LIMITED") {
      answer?.(response);
      return;
    }
    const now = performance.now();
    const retryAfterMs = response.error.retryAfterMs ?? 0;
    const repeated = now < limitedUntil;
    limitedUntil = Math.max(limitedUntil, now + retryAfterMs);
    if (!repeated) {
      answer?.(response);
      return;
    }
    if (held >= MAX_HELD_REFUSALS) {
      if (!overflow) answer?.(response);
      else if (!overflowed) {
        overflowed = true;
        overflow();
      }
      return;
    }
    held++;
    const timer = setTimeout(
      () => {
        held--;
        answer?.(response);
      },
      Math.min(retryAfterMs, REFUSAL_HOLD_MS),
    );
    timer.unref();
  };
  return Object.assign(deliver, { idle: () => held === 0 && performance.now() >= limitedUntil });
}

/** Answers every refusal at once: for when too many clients are being paced to keep track of another. */
export const unpaced: RefusalPacer = Object.assign(
  <A extends { ok: true } | ErrorBody>(response: A, answer: ((a: A) => void) | undefined) => answer?.(response),
  { idle: () => true },
);
