import type http from "node:http";
import type { Clock } from "../../lib/clock.ts";
import type { Db } from "../../lib/db/create-db.ts";
import { getRoundSnapshot } from "../../lib/db/get-round-snapshot.ts";
import { isRoundPublished } from "../../lib/db/is-round-published.ts";
import type { SeqEvent } from "../../lib/realtime/board-sync.ts";
import { ZRoundParams } from "../../lib/schemas/http.ts";
import { parseInput } from "../../lib/schemas/parse-input.ts";
import type { Logger } from "../log.ts";
import type { ConnectionGrant } from "../rate-limit/connection-caps.ts";
import type { RoundFeed } from "../realtime/round-feed.ts";
import type { Sessions } from "../sessions.ts";
import { sendError } from "./send-error.ts";

export interface RoundEventsOptions {
  db: Db;
  clock: Clock;
  feed: RoundFeed;
  log: Logger;
  /** How often an idle stream gets a `: ping` comment (default 15 s). */
  heartbeatMs?: number;
  /** The `retry:` hint for EventSource reconnects (default 2 s). */
  retryMs?: number;
  /** Takes a place under the connection caps for this stream, or refuses it (429 TOO_MANY_CONNECTIONS). */
  openConnection?(req: http.IncomingMessage, applicantId: string | undefined): ConnectionGrant;
  /** Resolves a stream's session cookie, so signing out ends the stream (endSession); without it no stream has one. */
  sessions?: Pick<Sessions, "fromCookieHeader" | "endedRecently">;
}

export interface RoundEventStreams {
  /** Answers `GET /api/rounds/:id/events` and returns true; any other request returns false. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /** Ends every open stream; later requests get 503 UNAVAILABLE. */
  close(): void;
  /** How many streams are open now (the intake_sse_clients gauge). */
  clients(): number;
  /** Ends the streams opened with session `sid` (it signed out); the browser reconnects without it. */
  endSession(sid: string): void;
}

const PATH = /^\/api\/rounds\/([^/?]*)\/events\/?(?:\?.*)?$/;
// A client that stops reading is cut off rather than buffered without end; it resumes with Last-Event-ID.
const MAX_UNSENT_BYTES = 1024 * 1024;

/**
 * Server-Sent Events for read-only boards, answered by the custom server
 * before Next: a `snapshot` (or a replay of what a reconnecting client
 * missed), then every `seats` batch and `round` change of the round, in seq order.
 */
export function createRoundEventStreams(options: RoundEventsOptions): RoundEventStreams {
  const { db, clock, feed, log } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const retryMs = options.retryMs ?? 2000;
  const open = new Set<(message?: string) => void>();
  const bySession = new Map<string, Set<(message?: string) => void>>();
  let closed = false;

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, rawId: string): Promise<void> {
    const params = parseInput(ZRoundParams, { id: decode(rawId) });
    if (!params.ok) return sendError(res, params.code, params.message);
    const identity = options.sessions ? await options.sessions.fromCookieHeader(req.headers.cookie) : {};
    const sessionId = identity.sid;
    // Checked in the same tick as the stream is filed under the session below, so no sign-out falls between.
    const sid = sessionId && !options.sessions?.endedRecently(sessionId) ? sessionId : undefined;
    if (closed) return sendError(res, "UNAVAILABLE", "The server is shutting down.");
    const grant = options.openConnection?.(req, identity.applicantId) ?? null;
    if (grant && !grant.ok) return sendError(res, "TOO_MANY_CONNECTIONS", grant.message);
    // However the stream ends (the client leaves, the server closes it, a failure), its place is given back.
    if (grant) res.once("close", grant.release);
    const roundId = params.value.id;
    const lastEventId = parseLastEventId(req.headers["last-event-id"]);

    // Subscribe before reading, as round:join does, so no change falls between the start and the stream.
    let sentSeq = -1;
    let live = false;
    const early: SeqEvent[] = [];
    const send = (e: SeqEvent) => {
      if (e.event.seq <= sentSeq || !res.writable) return;
      sentSeq = e.event.seq;
      res.write(frameOf(e));
      if (res.writableLength > MAX_UNSENT_BYTES) {
        stop();
        res.destroy();
      }
    };
    const unsubscribe = feed.subscribe(roundId, (e) => (live ? send(e) : early.push(e)));
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    const stop = () => {
      unsubscribe();
      clearInterval(heartbeat);
      open.delete(end);
      if (!sid) return;
      const ofSession = bySession.get(sid);
      ofSession?.delete(end);
      if (ofSession?.size === 0) bySession.delete(sid);
    };
    const end = (message = "The server is shutting down.") => {
      stop();
      if (res.headersSent) res.end();
      else sendError(res, "UNAVAILABLE", message);
    };
    open.add(end);
    if (sid) bySession.set(sid, (bySession.get(sid) ?? new Set()).add(end));
    res.once("close", stop);

    const replay = lastEventId === null ? null : feed.eventsAfter(roundId, lastEventId);
    const snapshot = replay ? null : await getRoundSnapshot(db, { roundId, now: clock.now() });
    const found = replay ? await isRoundPublished(db, roundId) : snapshot !== null;
    if (res.destroyed || !open.has(end)) return stop();
    if (!found) {
      stop();
      return sendError(res, "NOT_FOUND", "No such round.");
    }

    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    req.socket.setNoDelay(true);
    res.write(`retry: ${retryMs}\n\n`);
    if (snapshot) {
      sentSeq = snapshot.seq;
      // serverNow lets a screen set its clock offset without a second request.
      res.write(frame("snapshot", snapshot.seq, { ...snapshot, serverNow: clock.now() }));
    } else if (replay && lastEventId !== null) {
      sentSeq = lastEventId;
      for (const e of replay) send(e);
    }
    for (const e of early) send(e);
    live = true;
    heartbeat = setInterval(() => {
      if (res.writable) res.write(": ping\n\n");
    }, heartbeatMs);
  }

  return {
    handle(req, res) {
      if (req.method !== "GET") return false;
      const match = PATH.exec(req.url ?? "");
      if (!match) return false;
      serve(req, res, match[1] ?? "").catch((err) => {
        log.error({ err }, "event stream failed");
        if (!res.headersSent) sendError(res, "INTERNAL", "Something went wrong on our side.");
        else res.destroy();
      });
      return true;
    },
    close() {
      closed = true;
      for (const end of [...open]) end();
    },
    clients: () => open.size,
    endSession(sid) {
      for (const end of [...(bySession.get(sid) ?? [])]) end("Your session has ended; open the stream again.");
    },
  };
}

// Every subscriber of a round gets the same bytes: serialize each event once, not once per stream.
const frames = new WeakMap<SeqEvent, string>();
function frameOf(e: SeqEvent): string {
  let text = frames.get(e);
  if (text === undefined) {
    text = frame(e.kind, e.event.seq, e.event);
    frames.set(e, text);
  }
  return text;
}

function frame(event: string, id: number, data: unknown): string {
  return `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // not valid percent-encoding: the schema refuses it
  }
}

/** A seq the client last saw, or null (absent, malformed, negative, not a safe integer): then a fresh snapshot. */
export function parseLastEventId(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
