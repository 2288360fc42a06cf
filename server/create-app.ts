import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import next from "next";
import { Server } from "socket.io";
import { type Clock, systemClock } from "../lib/clock.ts";
import { countSeatsByRound } from "../lib/db/count-seats-by-round.ts";
import { createDb, type Db } from "../lib/db/create-db.ts";
import { ensureAdminCredential } from "../lib/db/ensure-admin-credential.ts";
import { getRoundView } from "../lib/db/get-round-view.ts";
import { sqlitePathFromUrl } from "../lib/db/sqlite-path.ts";
import {
  applicantRoomOf,
  roomOf,
  type SeatAssigned,
  type SeatsUpdated,
  sessionRoomOf,
} from "../lib/realtime/events.ts";
import { DEFAULT_ADMIN_SESSION_TTL_MS } from "../lib/server-only/admin-session.ts";
import { MAX_BODY_BYTES } from "../lib/server-only/http.ts";
import { setServices } from "../lib/server-only/server-context.ts";
import { sessionOptions } from "../lib/server-only/session.ts";
import { type BodyLimitBreach, limitRequestBody, limitSocketIoBodies } from "./http/body-limit.ts";
import { readRequestTarget } from "./http/request-target.ts";
import { createRoundEventStreams } from "./http/round-events.ts";
import { isCookieAuthenticatedWrite, originAllowed, setSecurityHeaders } from "./http/security.ts";
import { sendError } from "./http/send-error.ts";
import { SESSION_PRUNE_INTERVAL_MS, startSessionPruner } from "./jobs/session-pruner.ts";
import { startSweeper } from "./jobs/sweeper.ts";
import { createLogger, type Logger } from "./log.ts";
import { createRouteNamer } from "./observability/http-routes.ts";
import { createMetrics, type Metrics } from "./observability/metrics.ts";
import { createMetricsEndpoint } from "./observability/metrics-endpoint.ts";
import { createHttpObserver } from "./observability/observe-http.ts";
import { createRateLimiter, type RateLimiter, type RateLimitSettings } from "./rate-limit/create-rate-limiter.ts";
import { createHttpRateLimit } from "./rate-limit/http-rate-limit.ts";
import { authenticateSocket } from "./realtime/authenticate-socket.ts";
import { capSocketConnections } from "./realtime/cap-socket-connections.ts";
import { installRedisAdapter, type RedisFanout } from "./realtime/redis-adapter.ts";
import { registerSocketHandlers } from "./realtime/register-socket-handlers.ts";
import { createRoundFeed } from "./realtime/round-feed.ts";
import type { IntakeServer } from "./realtime/types.ts";
import { createReservationEngine, type ReservationEngine } from "./reservation-engine.ts";
import { createServices } from "./services.ts";
import { resolveSessionSecret } from "./session-secret.ts";
import { createSessions, type Sessions } from "./sessions.ts";

export interface AppOptions {
  /** A migrated SQLite database, e.g. `file:./data/intake.db`. */
  databaseUrl: string;
  sessionSecret?: string;
  secureCookies?: boolean;
  clock?: Clock;
  /** Serve the Next.js app (pages and /api routes). Off, only Socket.IO answers. */
  next?: { dev: boolean; dir?: string } | false;
  sweepIntervalMs?: number;
  /** How often expired and revoked sessions are deleted (hourly by default); 0 turns it off. */
  sessionPruneIntervalMs?: number;
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
  /**
   * The site's public origin (PUBLIC_ORIGIN, e.g. https://intake.example): the only Origin allowed on
   * cookie-carrying writes and Socket.IO handshakes. Unset: the origin each request was addressed to.
   */
  publicOrigin?: string;
  /** This instance's name, sent on every HTTP response as `X-Intake-Instance` (INSTANCE_NAME); see instanceName(). */
  instanceName?: string;
  /** How long an admin sign-in lasts (ADMIN_SESSION_TTL); 8 hours by default. */
  adminSessionTtlMs?: number;
  /** METRICS_TOKEN: `/metrics` then answers only `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /**
   * Rate limits for HTTP requests and socket commands; server/index.ts passes
   * the environment's (REDIS_URL, TRUST_PROXY, RATE_LIMIT_*, LOGIN_LOCKOUT).
   * A limit left out limits nothing, so without this option nothing is limited.
   */
  rateLimit?: RateLimitSettings;
  /**
   * REDIS_URL: Socket.IO broadcasts, private events and sign-out disconnects reach
   * the sockets of every instance on this Redis (server/realtime/redis-adapter.ts).
   * Unset, they reach this process's sockets only. The rate limits take theirs in `rateLimit`.
   */
  redisUrl?: string;
}

export interface App {
  httpServer: http.Server;
  io: IntakeServer;
  engine: ReservationEngine;
  db: Db;
  clock: Clock;
  log: Logger;
  /** This app's Prometheus registry and instruments (served at /metrics). */
  metrics: Metrics;
  /** This app's rate limits (`store` says whether they count in memory or Redis). */
  rateLimiter: RateLimiter;
  /** Sign-in, sign-out and the one session resolver (the routes reach them through services). */
  sessions: Sessions;
  /** Listens and returns the base URL, e.g. `http://127.0.0.1:41234`. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting, finishes commands in flight, closes sockets and the database. */
  close(): Promise<void>;
}

/** Socket.IO's cap on one message, and on one long-polling request body. */
const SOCKET_BUFFER_BYTES = 64 * 1024;

/** The composition root: env -> db -> engine -> next -> http -> io. Nothing listens until listen(). */
export async function createApp(appOptions: AppOptions): Promise<App> {
  // Sources are read at scrape time, once the database, Socket.IO and the streams below exist.
  const metrics = createMetrics({
    seatsByRound: () => countSeatsByRound(db, { now: clock.now() }),
    socketConnections: () => countSockets(io),
    sseClients: () => eventStreams.clients(),
  });
  // The broadcast-latency histogram listens on the hook benchmarks use, beside the caller's own.
  const options: AppOptions = {
    ...appOptions,
    observe: {
      seatsBroadcast(event, timing) {
        metrics.broadcastDuration.observe((timing.emittedAt - timing.committedAt) / 1000);
        appOptions.observe?.seatsBroadcast?.(event, timing);
      },
    },
  };
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger();
  // Without SESSION_SECRET (SQLite only: lib/schemas/env.ts requires it on PostgreSQL), one is kept beside the database.
  const secret =
    options.sessionSecret ?? resolveSessionSecret(undefined, path.dirname(sqlitePathFromUrl(options.databaseUrl)));
  const session = sessionOptions(secret, options.secureCookies ?? false);
  const db = await createDb({ url: options.databaseUrl });
  const rateLimiter = await createRateLimiter({ settings: options.rateLimit ?? {}, log, metrics });
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
  const notify = {
    seatAssigned: (applicantId: string, event: SeatAssigned) =>
      io?.to(applicantRoomOf(applicantId)).emit("seat:assigned", event),
    // A signed-out session keeps nothing open: the browser reconnects without it.
    sessionEnded(sid: string) {
      io?.in(sessionRoomOf(sid)).disconnectSockets(true);
      eventStreams.endSession(sid);
    },
  };
  const sessions = createSessions({ db, clock, options: session, adminSessionTtlMs, ended: notify.sessionEnded });
  setServices(createServices({ db, clock, session, sessions, log, adminSessionTtlMs, engine, rateLimiter, notify }));

  let nextApp: ReturnType<typeof next> | undefined;
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  const dir = (options.next ? options.next.dir : undefined) ?? process.cwd();
  if (options.next) {
    nextApp = next({ dev: options.next.dev, dir, quiet: true });
    await nextApp.prepare();
    handle = nextApp.getRequestHandler();
  }

  // Answered here, not by a Next route handler: Next may buffer or compress a streamed body.
  const eventStreams = createRoundEventStreams({
    db,
    clock,
    feed,
    log,
    sessions,
    ...options.eventStreams,
    openConnection: (req, applicantId) => rateLimiter.connections.open({ ip: rateLimiter.clientIp(req), applicantId }),
  });
  const metricsEndpoint = createMetricsEndpoint({ metrics, token: options.metricsToken, log });
  const routeOf = createRouteNamer(path.join(dir, "app"));
  const observeHttp = createHttpObserver({ log, metrics });
  const admit = createHttpRateLimit({ limiter: rateLimiter, sessions, metrics });
  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (eventStreams.handle(req, res)) return;
    if (handle) {
      void handle(req, res);
      return;
    }
    sendError(res, "NOT_FOUND", "Not found.");
  };
  const dev = options.next ? options.next.dev : false;
  const instance = options.instanceName ?? defaultInstanceName();
  const trustProxy = options.rateLimit?.trustProxy ?? 0;
  const httpServer = http.createServer((req, res) => {
    // Read once, before anything classifies the request: limits, the access log and Next all see this path.
    const target = readRequestTarget(req.url, routeOf);
    const observed = target.ok ? target : { pathname: (req.url ?? "").slice(0, 200), route: "invalid" };
    observeHttp(req, res, observed, () => {
      setSecurityHeaders(res, dev);
      res.setHeader("x-intake-instance", instance);
      if (!target.ok) {
        sendError(res, "INVALID_INPUT", target.message);
        return;
      }
      const overCap = (breach: BodyLimitBreach) =>
        log.warn({ ...breach, route: target.route }, "request body over the cap");
      if (!limitRequestBody(req, res, MAX_BODY_BYTES, overCap)) return;
      if (isCookieAuthenticatedWrite(req) && !originAllowed(req, options.publicOrigin, trustProxy)) {
        sendError(
          res,
          "FORBIDDEN",
          "Cross-site request refused: only this site's own pages may act with your session.",
        );
        return;
      }
      if (metricsEndpoint.handle(req, res)) return;
      // Limits are checked before the event streams and Next, so a refused request costs no rendering.
      admit(req, res, target.route).then(
        (admitted) => admitted && serve(req, res),
        (err: unknown) => {
          log.error({ err }, "rate limit check failed");
          if (!res.headersSent) sendError(res, "INTERNAL", "Something went wrong on our side.");
        },
      );
    });
  });

  io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: SOCKET_BUFFER_BYTES,
    // An engine.io connection that never joins a namespace holds no place under the connection caps: drop it soon.
    connectTimeout: 10_000,
    // A WebSocket handshake is not subject to CORS: check its Origin here, as for cookie-carrying POSTs.
    allowRequest: (req, callback) => callback(null, originAllowed(req, options.publicOrigin, trustProxy)),
    cors: options.publicOrigin ? { origin: options.publicOrigin, credentials: true } : undefined,
  }) as IntakeServer;
  // Before any socket connects: the adapter decides where every room emit goes.
  const fanout: RedisFanout | undefined = options.redisUrl
    ? await installRedisAdapter(io, { url: options.redisUrl, log })
    : undefined;
  // Socket.IO took over the server's request listener for its own path; its long-polling bodies get the same treatment.
  limitSocketIoBodies(httpServer, SOCKET_BUFFER_BYTES, (breach) =>
    log.warn({ ...breach, route: "/socket.io/" }, "request body over the cap"),
  );
  io.use(authenticateSocket(sessions, log));
  io.use(capSocketConnections(rateLimiter));
  registerSocketHandlers(io, { db, engine, clock, log, metrics, rateLimiter, sessions });
  const stopSweeper = options.sweepIntervalMs === 0 ? () => {} : startSweeper(engine, options.sweepIntervalMs ?? 1000);
  const pruneIntervalMs = options.sessionPruneIntervalMs ?? SESSION_PRUNE_INTERVAL_MS;
  const stopPruner =
    pruneIntervalMs === 0 ? () => {} : startSessionPruner({ db, clock, log, intervalMs: pruneIntervalMs });

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    io,
    engine,
    db,
    clock,
    log,
    metrics,
    rateLimiter,
    sessions,
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
        stopPruner();
        httpServer.close();
        await engine.close();
        eventStreams.close();
        await new Promise<void>((resolve) => io?.close(() => resolve()));
        // After io.close(), which closed the adapter: nothing broadcasts any more.
        await fanout?.close();
        await rateLimiter.close();
        httpServer.closeAllConnections();
        await nextApp?.close();
        setServices(undefined);
        await db.$disconnect();
      })();
      return closing;
    },
  };
}

/** Open Socket.IO connections by role, for the intake_socket_connections gauge. */
function countSockets(io: IntakeServer | undefined): { applicants: number; watchers: number } {
  let applicants = 0;
  let watchers = 0;
  for (const socket of io?.of("/").sockets.values() ?? []) {
    if (socket.data.applicantId) applicants++;
    else watchers++;
  }
  return { applicants, watchers };
}

/** Unique among the instances of one machine, and the pod's name on Kubernetes (its host name). */
export function defaultInstanceName(): string {
  return `${os.hostname()}:${process.pid}`;
}
