import fs from "node:fs";
import { sealData } from "iron-session";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach } from "vitest";
import { type Clock, createManualClock, type ManualClock } from "../../lib/clock.ts";
import { createApplicant } from "../../lib/db/create-applicant.ts";
import { ensureAdminCredential } from "../../lib/db/ensure-admin-credential.ts";
import { getAdminPasswordSetAt } from "../../lib/db/get-admin-password-set-at.ts";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../../lib/realtime/events.ts";
import { SESSION_COOKIE, type SessionData } from "../../lib/session.ts";
import { type App, createApp } from "../create-app.ts";
import { createLogger, type Logger } from "../log.ts";
import type { RateLimitSettings } from "../rate-limit/create-rate-limiter.ts";
import { freshDatabaseUrl } from "./test-db.ts";

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
  /** Closes the app and removes its database folder. */
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
  } = {},
): Promise<TestApp> {
  const { url: databaseUrl, dir } = freshDatabaseUrl();
  const app = await createApp({
    databaseUrl,
    sessionSecret: TEST_SECRET,
    clock: options.clock,
    adminPassword: options.adminPassword,
    adminSessionTtlMs: options.adminSessionTtlMs,
    metricsToken: options.metricsToken,
    rateLimit: { ...GENEROUS_RATE_LIMITS, ...options.rateLimit },
    next: options.next ? { dev: false } : false,
    sweepIntervalMs: options.sweepIntervalMs ?? 0,
    log: options.log ?? createLogger("silent"),
  });
  // A request sent as the server's 5 s keep-alive timer closes the pooled connection fails with
  // ECONNRESET (nodejs/undici#3141); tests that compute for seconds between requests hit that moment.
  app.httpServer.keepAliveTimeout = 60_000;
  const url = await app.listen(0, "127.0.0.1");
  return {
    ...app,
    url,
    async stop() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Cookie header a browser would send for this session. */
export async function sessionCookie(data: SessionData): Promise<string> {
  const sealed = await sealData(data, { password: TEST_SECRET });
  return `${SESSION_COOKIE}=${encodeURIComponent(sealed)}`;
}

/** A real applicant row and the sealed session cookie the browser would carry. */
export async function signIn(app: App, name = "Applicant"): Promise<{ applicantId: string; cookie: string }> {
  const applicant = await createApplicant(app.db, { name, now: app.clock.now() });
  return { applicantId: applicant.id, cookie: await sessionCookie({ applicantId: applicant.id, name }) };
}

/**
 * An admin session cookie as POST /api/admin/session would set it, signed in
 * at the app's clock now; `also` adds an applicant identity to the same cookie.
 * Stores TEST_ADMIN_PASSWORD first if the app has no admin password.
 */
export async function signInAdmin(app: App, also: Omit<SessionData, "admin"> = {}): Promise<{ cookie: string }> {
  let passwordSetAt = await getAdminPasswordSetAt(app.db);
  if (passwordSetAt === null) {
    await ensureAdminCredential(app.db, { password: TEST_ADMIN_PASSWORD });
    passwordSetAt = await getAdminPasswordSetAt(app.db);
  }
  if (passwordSetAt === null) throw new Error("the admin credential was not stored");
  return { cookie: await sessionCookie({ ...also, admin: { since: app.clock.now(), passwordSetAt } }) };
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
type AckOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (r: infer R) => void ? R : never;

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

/** The next `event` on a socket that matches; register it before the action that causes it. */
export function nextEvent<E extends ServerEvent>(
  socket: TestSocket,
  event: E,
  match: (e: EventOf<E>) => boolean = () => true,
): Promise<EventOf<E>> {
  return new Promise((resolve) => {
    const listener = (e: EventOf<E>) => {
      if (!match(e)) return;
      (socket.off as (e: string, l: unknown) => void)(event, listener);
      resolve(e);
    };
    (socket.on as (e: string, l: unknown) => void)(event, listener);
  });
}
