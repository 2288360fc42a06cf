import type { RateLimiter } from "../rate-limit/create-rate-limiter.ts";
import type { IntakeSocket } from "./types.ts";

/**
 * Handshake middleware, registered after authenticateSocket so it knows the
 * applicant: a socket takes a place under the connection caps and gives it
 * back when it disconnects; over a cap the handshake is refused with a
 * connect_error whose `data` is the error envelope's error. A client refused
 * by middleware does not reconnect on its own, which is what a cap wants.
 * Registered last, so no later middleware can refuse a socket that holds a place.
 */
export function capSocketConnections(limiter: RateLimiter) {
  return (socket: IntakeSocket, next: (err?: Error) => void) => {
    const grant = limiter.connections.open({
      ip: limiter.clientIp(socket.request),
      applicantId: socket.data.applicantId,
    });
    if (!grant.ok) {
      const refusal = new Error(grant.message) as Error & { data?: unknown };
      refusal.data = { code: "TOO_MANY_CONNECTIONS", message: grant.message };
      next(refusal);
      return;
    }
    socket.once("disconnect", grant.release);
    next();
  };
}
