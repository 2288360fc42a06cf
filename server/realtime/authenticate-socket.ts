import { sessionRoomOf } from "../../lib/realtime/events.ts";
import type { Logger } from "../log.ts";
import type { Sessions } from "../sessions.ts";
import type { IntakeSocket } from "./types.ts";

/**
 * Handshake middleware: a cookie naming a live applicant session marks the
 * socket as that applicant. Without one the socket may still watch. Any live
 * session is remembered, so that signing out disconnects the socket.
 */
export function authenticateSocket(sessions: Pick<Sessions, "fromCookieHeader">, log: Logger) {
  return async (socket: IntakeSocket, next: (err?: Error) => void) => {
    try {
      const session = await sessions.fromCookieHeader(socket.request.headers.cookie);
      if (session.applicantId) socket.data.applicantId = session.applicantId;
      if (session.sid) socket.data.sessionId = session.sid;
      next();
    } catch (err) {
      // The client learns only that it failed; the detail goes to the log.
      log.error({ err }, "socket handshake failed");
      next(new Error("Could not check your session; try again."));
    }
  };
}

/**
 * On connection: joins the socket to its session's room, which sign-out
 * disconnects. A session that ended between the handshake's lookup and now
 * missed this socket, so it is disconnected here. False if it was.
 */
export function joinSessionRoom(socket: IntakeSocket, sessions: Pick<Sessions, "endedRecently">): boolean {
  const sid = socket.data.sessionId;
  if (!sid) return true;
  void socket.join(sessionRoomOf(sid));
  if (!sessions.endedRecently(sid)) return true;
  socket.disconnect(true);
  return false;
}
