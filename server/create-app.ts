import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import next from "next";
import { Server } from "socket.io";
import { DEFAULT_ADMIN_SESSION_TTL_MS } from "../lib/admin-session.ts";
import { type Clock, systemClock } from "../lib/clock.ts";
import { createDb, type Db } from "../lib/db/create-db.ts";
import { ensureAdminCredential } from "../lib/db/ensure-admin-credential.ts";
import { getRoundView } from "../lib/db/get-round-view.ts";
import { sqlitePathFromUrl } from "../lib/db/sqlite-path.ts";
import { applicantRoomOf, roomOf, type SeatsUpdated } from "../lib/realtime/events.ts";
import { setServices } from "../lib/server-context.ts";
import { sessionOptions } from "../lib/session.ts";
import { createRoundEventStreams } from "./http/round-events.ts";
import { startSweeper } from "./jobs/sweeper.ts";
import { createLogger, type Logger } from "./log.ts";
import { authenticateSocket } from "./realtime/authenticate-socket.ts";
import { registerSocketHandlers } from "./realtime/register-socket-handlers.ts";
import { createRoundFeed } from "./realtime/round-feed.ts";
import type { IntakeServer } from "./realtime/types.ts";
import { createReservationEngine, type ReservationEngine } from "./reservation-engine.ts";
import { createServices } from "./services.ts";
import { resolveSessionSecret } from "./session-secret.ts";

export interface AppOptions {
  /** A migrated SQLite database, e.g. `file:./data/intake.db`. */
  databaseUrl: string;
  sessionSecret?: string;
  secureCookies?: boolean;
  clock?: Clock;
  /** Serve the Next.js app (pages and /api routes). Off, only Socket.IO answers. */
  next?: { dev: boolean; dir?: string } | false;
  sweepIntervalMs?: number;
  log?: Logger;
  /** Server-Sent Events (`GET /api/rounds/:id/events`): heartbeat and retry hint, in ms. */
  eventStreams?: { heartbeatMs?: number; retryMs?: number };
  /**
   * Called once a committed batch went out to Socket.IO and SSE watchers, with
   * `performance.now()` at the commit and after the emit (benchmarks, metrics).
   */
  observe?: { seatsBroadcast?(event: SeatsUpdated, timing: { committedAt: number; emittedAt: number }): void };
  /**
   * Stores (or rotates to) this admin password before serving; for tests.
   * server/index.ts calls ensureAdminCredential itself, because it also prints a generated one.
   */
  adminPassword?: string;
  /** How long an admin sign-in lasts (ADMIN_SESSION_TTL); 8 hours by default. */
  adminSessionTtlMs?: number;
}

export interface App {
  httpServer: http.Server;
  io: IntakeServer;
  engine: ReservationEngine;
  db: Db;
  clock: Clock;
  log: Logger;
  /** Listens and returns the base URL, e.g. `http://127.0.0.1:41234`. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting, finishes commands in flight, closes sockets and the database. */
  close(): Promise<void>;
}

/** The composition root: env -> db -> engine -> next -> http -> io. Nothing listens until listen(). */
export async function createApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger();
  const dataDir = path.dirname(sqlitePathFromUrl(options.databaseUrl));
  const session = sessionOptions(resolveSessionSecret(options.sessionSecret, dataDir), options.secureCookies ?? false);
  const db = await createDb({ url: options.databaseUrl });
  if (options.adminPassword !== undefined) await ensureAdminCredential(db, { password: options.adminPassword });

  let io: IntakeServer | undefined;
  // The SSE feed is fed next to the Socket.IO emits, from the same hooks, in the same seq order.
  const feed = createRoundFeed();
  const engine = createReservationEngine({
    db,
    clock,
    events: {
      seatsChanged(updates) {
        const committedAt = performance.now();
        const first = updates[0];
        const last = updates.at(-1);
        if (!first || !last) return;
        // One event per committed batch: a watcher pays one frame per commit, not one per seat.
        const seats = updates.map((u) =>
          u.heldUntil === null
            ? { seatId: u.seatId, status: u.status }
            : { seatId: u.seatId, status: u.status, heldUntil: u.heldUntil },
        );
        const event = { roundId: first.roundId, seq: last.seq, seats };
        io?.to(roomOf(event.roundId)).emit("seats:updated", event);
        feed.publish({ kind: "seats", event });
        options.observe?.seatsBroadcast?.(event, { committedAt, emittedAt: performance.now() });
      },
      waitlistChanged(roundId, { queue, offers }) {
        for (const seat of offers) {
          if (!seat.holderId) continue;
          const offer = { roundId, seatId: seat.id, label: seat.label, expiresAt: seat.heldUntil ?? 0 };
          io?.to(applicantRoomOf(seat.holderId)).emit("waitlist:offer", offer);
        }
        const length = queue.length;
        io?.to(roomOf(roundId)).emit("waitlist:updated", { roundId, length, position: null });
        queue.forEach((applicantId, i) => {
          io?.to(applicantRoomOf(applicantId)).emit("waitlist:updated", { roundId, length, position: i + 1 });
        });
      },
      async roundChanged(roundId) {
        const view = await getRoundView(db, roundId);
        if (!view) return;
        const event = { roundId, seq: view.seq, round: view.round };
        io?.to(roomOf(roundId)).emit("round:updated", event);
        feed.publish({ kind: "round", event });
      },
      error(err) {
        log.error({ err }, "reservation engine failure");
      },
    },
  });
  const adminSessionTtlMs = options.adminSessionTtlMs ?? DEFAULT_ADMIN_SESSION_TTL_MS;
  setServices(createServices({ db, clock, session, log, adminSessionTtlMs }));

  let nextApp: ReturnType<typeof next> | undefined;
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  if (options.next) {
    nextApp = next({ dev: options.next.dev, dir: options.next.dir ?? process.cwd(), quiet: true });
    await nextApp.prepare();
    handle = nextApp.getRequestHandler();
  }

  // Answered here, not by a Next route handler: Next may buffer or compress a streamed body.
  const eventStreams = createRoundEventStreams({ db, clock, feed, log, ...options.eventStreams });
  const httpServer = http.createServer((req, res) => {
    if (eventStreams.handle(req, res)) return;
    if (handle) {
      void handle(req, res);
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: false, error: { code: "NOT_FOUND", message: "Not found." } }));
  });

  io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 }) as IntakeServer;
  io.use(authenticateSocket(db, session, log));
  registerSocketHandlers(io, { db, engine, clock, log });
  const stopSweeper = options.sweepIntervalMs === 0 ? () => {} : startSweeper(engine, options.sweepIntervalMs ?? 1000);

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    engine,
    db,
    clock,
    log,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          resolve(`http://${host.includes(":") ? `[${host}]` : host}:${address.port}`);
        });
      }),
    close() {
      closing ??= (async () => {
        stopSweeper();
        httpServer.close();
        await engine.close();
        eventStreams.close();
        await new Promise<void>((resolve) => io?.close(() => resolve()));
        httpServer.closeAllConnections();
        await nextApp?.close();
        setServices(undefined);
        await db.$disconnect();
      })();
      return closing;
    },
  };
}
