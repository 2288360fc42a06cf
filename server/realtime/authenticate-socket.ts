import type { SessionOptions } from "iron-session";
import type { Db } from "../../lib/db/create-db.ts";
import { findApplicant } from "../../lib/db/find-applicant.ts";
import { sessionFromCookieHeader } from "../../lib/session.ts";
import type { Logger } from "../log.ts";
import type { IntakeSocket } from "./types.ts";

/**
 * Handshake middleware: a valid session cookie naming a real applicant marks
 * the socket as that applicant. Without one the socket may still watch.
 */
export function authenticateSocket(db: Db, options: SessionOptions, log: Logger) {
  return async (socket: IntakeSocket, next: (err?: Error) => void) => {
    try {
      const session = await sessionFromCookieHeader(socket.request.headers.cookie, options);
      if (session.applicantId && (await findApplicant(db, session.applicantId))) {
        socket.data.applicantId = session.applicantId;
      }
      next();
    } catch (err) {
      // The client learns only that it failed; the detail goes to the log.
      log.error({ err }, "socket handshake failed");
      next(new Error("Could not check your session; try again."));
    }
  };
}
