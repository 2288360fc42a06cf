import fs from "node:fs";
import { sealData } from "iron-session";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach } from "vitest";
import { type Clock, createManualClock, type ManualClock } from "../../lib/clock.ts";
import { createApplicant } from "../../lib/db/create-applicant.ts";
import { ensureAdminCredential } from "../../lib/db/ensure-admin-credential.ts";
import { getAdminPasswordSetAt } from "../../lib/db/get-admin-password-set-at.ts";
import { freshDatabaseUrl } from "../../lib/db/testing/test-db.ts";
import type { Ack, AckOf, ClientToServerEvents, ServerToClientEvents } from "../../lib/realtime/events.ts";
import { SESSION_COOKIE, type SessionCookie } from "../../lib/server-only/session.ts";
import { type App, createApp } from "../create-app.ts";
import { createLogger, type Logger } from "../log.ts";
import type { RateLimitSettings } from "../rate-limit/create-rate-limiter.ts";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const TEST_SECRET = "test-secret-test-secret-test-secret-0123456789";
export const TEST_ADMIN_PASSWORD = "test-admin-password-0123456789";

const PLENTY = { points: 1_000_000, durationMs: 1000 };
/**
 * Limits on every scope and key, far above what any test sends, so every test
 * runs through the limiter without meeting it; a test of the limits sets its own.
 */
export const GENEROUS_RATE_LIMITS: RateLimitSettings = {
  claims: { applicant: PLENTY, ip: PLENTY },
  reads: { applicant: PLENTY, ip: PLENTY },
  watch: { applicant: PLENTY, ip: PLENTY },
  login: { ip: PLENTY },
  loginLockout: { failures: 1_000_000, durationMs: 60_000 },
};

export interface TestApp extends App {
  url: string;
  /** Its SQLite database, for a second instance on the same file. */
  databaseUrl: string;
  /** Closes the app and removes its database folder (unless it was another app's). */
  stop(): Promise<void>;
}

/** The real server (Socket.IO, engine, SQLite file; Next only if asked) on 127.0.0.1, port 0. */
export async function startTestApp(
  options: {
    clock?: Clock;
    next?: boolean;
    sweepIntervalMs?: number;
    /** Stored as the admin password (hashed) before the app serves. */
    adminPassword?: string;
    adminSessionTtlMs?: number;
    /** The app's logger; silent by default (captureLogs() in ./observability.ts gives one that keeps its lines). */
    log?: Logger;
    metricsToken?: string;
    /** Replaces GENEROUS_RATE_LIMITS scope by scope (a scope given without a key leaves that key unlimited). */
    rateLimit?: RateLimitSettings;
    /** Another app's database (TestApp.databaseUrl): a second instance of the same deployment. */
    databaseUrl?: string;
    /** Sent as X-Intake-Instance; unset, the host name and process id. */
    instanceName?: string;
    /** REDIS_URL for Socket.IO fan-out across instances (rate limits take theirs in `rateLimit`). */
    redisUrl?: string;
  } = {},
): Promise<TestApp> {
  const { url: databaseUrl, dir } = options.databaseUrl ? { url: options.databaseUrl, dir: null } : freshDatabaseUrl();
  const app = await createApp({
    databaseUrl,
    sessionSecret: TEST_SECRET,
    clock: options.clock,
    adminPassword: options.adminPassword,
    adminSessionTtlMs: options.adminSessionTtlMs,
    metricsToken: options.metricsToken,
    instanceName: options.instanceName,
    rateLimit: { ...GENEROUS_RATE_LIMITS, ...options.rateLimit },
    redisUrl: options.redisUrl,
    next: options.next ? { dev: false } : false,
    sweepIntervalMs: options.sweepIntervalMs ?? 0,
    // Tests prune through server/jobs/session-pruner.test.ts; a timer here would only add noise.
    sessionPruneIntervalMs: 0,
    log: options.log ?? createLogger("silent"),
  });
  // A request sent as the server's 5 s keep-alive timer closes the pooled connection fails with
  // ECONNRESET (nodejs/undici#3141); tests that compute for seconds between requests hit that moment.
  app.httpServer.keepAliveTimeout = 60_000;
  const url = await app.listen(0, "127.0.0.1");
  return {
    ...app,
    url,
    databaseUrl,
    async stop() {
      await app.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Cookie header a browser would send for session `sid` (sealed with TEST_SECRET, as the app seals it). */
export async function sessionCookie(sid: string): Promise<string> {
  const sealed = await sealData({ sid } satisfies SessionCookie, { password: TEST_SECRET });
  return `${SESSION_COOKIE}=${encodeURIComponent(sealed)}`;
}

/** A real applicant row and a real session for it (as POST /api/session makes them), with its cookie. */
export async function signIn(
  app: App,
  name = "Applicant",
): Promise<{ applicantId: string; cookie: string; sid: string }> {
  const applicant = await createApplicant(app.db, { name, now: app.clock.now() });
  const { sid } = await app.sessions.start({ applicantId: applicant.id });
  return { applicantId: applicant.id, cookie: await sessionCookie(sid), sid };
}

/**
 * A real admin session (as POST /api/admin/session makes it), signed in at the
 * app's clock now, with its cookie. Stores TEST_ADMIN_PASSWORD first if the
 * app has no admin password.
 */
export async function signInAdmin(app: App): Promise<{ cookie: string; sid: string }> {
  let passwordSetAt = await getAdminPasswordSetAt(app.db);
  if (passwordSetAt === null) {
    await ensureAdminCredential(app.db, { password: TEST_ADMIN_PASSWORD });
    passwordSetAt = await getAdminPasswordSetAt(app.db);
  }
  if (passwordSetAt === null) throw new Error("the admin credential was not stored");
  const { sid } = await app.sessions.start({ admin: { passwordSetAt } });
  return { cookie: await sessionCookie(sid), sid };
}

/**
 * A connected socket.io-client; with a cookie it is an applicant, without one
 * a watcher. `headers` go with the handshake (e.g. X-Forwarded-For).
 */
export async function connectSocket(
  url: string,
  cookie?: string,
  headers?: Record<string, string>,
): Promise<TestSocket> {
  const extraHeaders = { ...headers, ...(cookie ? { cookie } : {}) };
  const socket: TestSocket = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: Object.keys(extraHeaders).length > 0 ? extraHeaders : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

type EventName = keyof ClientToServerEvents;

/** Emits a command and resolves with its acknowledgement. */
export function command<E extends EventName>(
  socket: TestSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<AckOf<E>> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, p: unknown, ack: (r: unknown) => void) => void)(event, payload, (r) =>
      resolve(r as AckOf<E>),
    );
  });
}

/** Emits anything at all (for malformed-input tests) and resolves with the ack. */
export function rawCommand(socket: TestSocket, event: string, ...args: unknown[]): Promise<Ack> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, (r: Ack) => resolve(r));
  });
}

export function errorCode(ack: Ack): string | undefined {
  return ack.ok ? undefined : ack.error.code;
}

/**
 * A fresh app with a manual clock for every test of a describe block, and
 * helpers for signed-in applicants and watchers whose sockets close after it.
 */
export function appPerTest(start: number) {
  const sockets: TestSocket[] = [];
  const ctx = {} as { app: TestApp; clock: ManualClock };
  beforeEach(async () => {
    ctx.clock = createManualClock(start);
    ctx.app = await startTestApp({ clock: ctx.clock });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await ctx.app.stop();
  });
  return {
    get app() {
      return ctx.app;
    },
    get clock() {
      return ctx.clock;
    },
    /** Keeps a socket opened by the test itself, to close it after the test. */
    track(socket: TestSocket) {
      sockets.push(socket);
      return socket;
    },
    async applicant(name: string) {
      const { cookie, applicantId } = await signIn(ctx.app, name);
      const socket = await connectSocket(ctx.app.url, cookie);
      sockets.push(socket);
      return { socket, applicantId, cookie };
    },
  };
}

type ServerEvent = keyof ServerToClientEvents;
export type EventOf<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** How long nextEvent waits by default: far longer than any event takes, far shorter than a test's 60 s. */
const EVENT_TIMEOUT_MS = 10_000;
const anyEvent = () => true;

/**
 * The next `event` on a socket that matches; register it before the action that causes it.
 * Rejects after `timeoutMs` with an error naming the event and the match, so a lost event fails at once and says which.
 */
export function nextEvent<E extends ServerEvent>(
  socket: TestSocket,
  event: E,
  match: (e: EventOf<E>) => boolean = anyEvent,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<EventOf<E>> {
  // Made here, so its stack points at the test's line, not at a timer.
  const timedOut = new Error(
    `no "${event}"${match === anyEvent ? "" : ` matching ${String(match).slice(0, 200)}`} within ${timeoutMs} ms`,
  );
  return new Promise((resolve, reject) => {
    const listener = (e: EventOf<E>) => {
      if (!match(e)) return;
      stop();
      resolve(e);
    };
    const timer = setTimeout(() => {
      stop();
      reject(timedOut);
    }, timeoutMs);
    const stop = () => {
      clearTimeout(timer);
      (socket.off as (e: string, l: unknown) => void)(event, listener);
    };
    (socket.on as (e: string, l: unknown) => void)(event, listener);
  });
}
