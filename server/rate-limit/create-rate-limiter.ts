import type http from "node:http";
import { Redis } from "ioredis";
import {
  BurstyRateLimiter,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { TLockout, TRate, TRateLimit } from "../../lib/schemas/env.ts";
import type { RateLimitState } from "../../lib/server-only/http.ts";
import type { AdminSignInAttempt } from "../../lib/server-only/server-context.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../observability/metrics.ts";
import { clientIp } from "./client-ip.ts";
import { type ConnectionCapSettings, type ConnectionCaps, createConnectionCaps } from "./connection-caps.ts";

/**
 * What is being limited: seat and waitlist commands (`claims`), everything
 * else that reads (`reads`), opening a live view of a round (`watch`: joins,
 * snapshots, event streams) and signing in (`login`).
 */
export type RateLimitScope = "claims" | "reads" | "watch" | "login";

/** Who a limit counts: each signed-in applicant, or each client address (everyone behind one NAT shares it). */
export type RateLimitKey = "applicant" | "ip";

/** A missing or null limit does not limit. */
export interface RateLimitSettings {
  claims?: { applicant?: TRateLimit | null; ip?: TRateLimit | null };
  reads?: { applicant?: TRateLimit | null; ip?: TRateLimit | null };
  watch?: { applicant?: TRateLimit | null; ip?: TRateLimit | null };
  login?: { ip?: TRateLimit | null };
  /** Failed admin sign-ins that lock an address out. */
  loginLockout?: TLockout | null;
  /** Count in this Redis (shared by every process that uses it) instead of this process's memory. */
  redisUrl?: string;
  /** Proxies in front that append to X-Forwarded-For (TRUST_PROXY); 0: the TCP peer is the client. */
  trustProxy?: number;
  /** Caps on sockets and event streams open at once, per address and per applicant, in this process. */
  connections?: ConnectionCapSettings;
}

export interface Caller {
  ip: string;
  applicantId?: string;
}

export type Admission =
  | {
      ok: true;
      /** The limit with the fewest points left, for the RateLimit headers; null if none applies. */
      state: RateLimitState | null;
    }
  | { ok: false; key: RateLimitKey; retryAfterMs: number; state: RateLimitState; message: string };

export interface RateLimiter {
  /** "memory", or "redis" when REDIS_URL is set. */
  readonly store: "memory" | "redis";
  /**
   * Charges one request or command of `scope` to the caller: the applicant's
   * limit first, then the address's. A refusal charges nothing further, so a
   * flooding applicant does not use up the limit of everyone at their address.
   */
  admit(scope: RateLimitScope, caller: Caller): Promise<Admission>;
  /** Whether `scope` has a limit for `key` (so callers skip finding out who the applicant is when it does not). */
  limits(scope: RateLimitScope, key: RateLimitKey): boolean;
  /** The admin sign-in lockout (lib/admin-auth.ts reaches it through IntakeServices). */
  adminSignIn: {
    attempt(ip: string): Promise<AdminSignInAttempt>;
    succeeded(ip: string): Promise<void>;
  };
  /** The address a request is charged to (TRUST_PROXY applied). */
  clientIp(req: http.IncomingMessage): string;
  /** Concurrent sockets and event streams per address and applicant (counted in this process, never in Redis). */
  connections: ConnectionCaps;
  close(): Promise<void>;
}

/** A limit in rate-limiter-flexible terms: consume resolves when allowed and rejects with a RateLimiterRes when not. */
interface Limit {
  points: number;
  limiter: Pick<RateLimiterAbstract, "consume">;
}

const PREFIX = "intake:rl";
const WHAT: Record<RateLimitScope, string> = {
  claims: "Too many seat commands",
  reads: "Too many requests",
  watch: "Too many live views opened",
  login: "Too many sign-ins",
};
const FROM: Record<RateLimitKey, string> = { applicant: "from you", ip: "from your network" };

/**
 * The rate limits of one app: rate-limiter-flexible counters per scope and
 * key, in memory or, with `redisUrl`, in Redis (with an in-memory insurance
 * limiter that takes over while Redis does not answer). A steady rate per
 * window plus an optional burst allowance (BurstyRateLimiter) gives
 * token-bucket-like behaviour: short bursts pass, a sustained flood does not.
 */
export async function createRateLimiter(deps: {
  settings: RateLimitSettings;
  log: Logger;
  metrics: Metrics;
}): Promise<RateLimiter> {
  const { settings, log, metrics } = deps;
  const trustProxy = settings.trustProxy ?? 0;
  const shared = settings.redisUrl ? await connectRedis(settings.redisUrl, log) : undefined;
  const redis = shared?.redis;

  /** A counter of `rate`; with `blockMs`, a key that goes over is refused for that long (the lockout). */
  const counter = (keyPrefix: string, rate: TRate, blockMs = 0) => {
    const options = { keyPrefix, points: rate.points, duration: rate.durationMs / 1000, blockDuration: blockMs / 1000 };
    if (!shared) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: shared.redis,
      // While Redis is down or reconnecting, each process limits on its own rather than not at all.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new InsuranceLimiter(options, shared.fellBack),
      // A rate's key that has used its points is refused from memory until its window ends: a flood costs
      // no Redis calls. Not the lockout's: a right password on another process must be able to clear it.
      ...(blockMs === 0 ? { inMemoryBlockOnConsumed: rate.points } : {}),
    });
  };
  const limitOf = (scope: RateLimitScope, key: RateLimitKey, rate: TRateLimit | null | undefined): Limit | null => {
    if (!rate) return null;
    const steady = counter(`${PREFIX}:${scope}:${key}`, rate);
    const limiter = rate.burst
      ? new BurstyRateLimiter(steady, counter(`${PREFIX}:${scope}:${key}:burst`, rate.burst))
      : steady;
    return { points: rate.points, limiter };
  };
  const limits: Record<RateLimitScope, Record<RateLimitKey, Limit | null>> = {
    claims: {
      applicant: limitOf("claims", "applicant", settings.claims?.applicant),
      ip: limitOf("claims", "ip", settings.claims?.ip),
    },
    reads: {
      applicant: limitOf("reads", "applicant", settings.reads?.applicant),
      ip: limitOf("reads", "ip", settings.reads?.ip),
    },
    watch: {
      applicant: limitOf("watch", "applicant", settings.watch?.applicant),
      ip: limitOf("watch", "ip", settings.watch?.ip),
    },
    login: { applicant: null, ip: limitOf("login", "ip", settings.login?.ip) },
  };
  const lockout = settings.loginLockout;
  // A lock lasts as long as the window its failures are counted in.
  const failures = lockout
    ? counter(
        `${PREFIX}:login-failures`,
        { points: lockout.failures, durationMs: lockout.durationMs },
        lockout.durationMs,
      )
    : null;

  /** One charge: the limit's state after it, or the refusal; a store that fails lets the request through. */
  async function charge(limit: Limit, key: string) {
    try {
      const res = await limit.limiter.consume(key);
      return { ok: true as const, state: stateOf(limit.points, res) };
    } catch (err) {
      if (err instanceof RateLimiterRes) return { ok: false as const, state: stateOf(limit.points, err) };
      log.error({ err }, "rate limit store failed; letting the request through");
      return { ok: true as const, state: null };
    }
  }

  return {
    store: redis ? "redis" : "memory",

    async admit(scope, caller) {
      let tightest: RateLimitState | null = null;
      for (const key of ["applicant", "ip"] as const) {
        const limit = limits[scope][key];
        const id = key === "applicant" ? caller.applicantId : caller.ip;
        if (!limit || id === undefined) continue;
        const verdict = await charge(limit, id);
        if (!verdict.ok) {
          const retryAfterMs = Math.max(1, verdict.state.resetMs);
          return {
            ok: false,
            key,
            retryAfterMs,
            state: verdict.state,
            message: `${WHAT[scope]} ${FROM[key]}: try again in ${inWords(retryAfterMs)}.`,
          };
        }
        if (verdict.state && (!tightest || verdict.state.remaining < tightest.remaining)) tightest = verdict.state;
      }
      return { ok: true, state: tightest };
    },

    limits: (scope, key) => limits[scope][key] !== null,

    adminSignIn: {
      // Every attempt counts as a failure before the password is checked, and a right password takes it
      // back: guesses sent in parallel cannot all get past the check before the first failure is counted.
      async attempt(ip) {
        if (!failures || !lockout) return { ok: true, lockNotice: null };
        try {
          const res = await failures.consume(ip);
          const lockNotice =
            res.remainingPoints === 0
              ? `Too many failed sign-ins: admin sign-in from your network is now locked for ${inWords(lockout.durationMs)}.`
              : null;
          return { ok: true, lockNotice };
        } catch (err) {
          if (!(err instanceof RateLimiterRes)) {
            log.error({ err }, "rate limit store failed; letting the admin sign-in through");
            return { ok: true, lockNotice: null };
          }
          metrics.rateLimited.inc({ scope: "lockout", route: "/api/admin/session" });
          const retryAfterMs = Math.max(1, err.msBeforeNext);
          return {
            ok: false,
            retryAfterMs,
            limit: lockout.failures,
            message: `Too many failed admin sign-ins from your network: admin sign-in is locked. Try again in ${inWords(retryAfterMs)}.`,
          };
        }
      },
      async succeeded(ip) {
        await failures
          ?.delete(ip)
          .catch((err: unknown) => log.error({ err }, "could not reset admin sign-in failures"));
      },
    },

    clientIp: (req) => clientIp(req, trustProxy),
    connections: createConnectionCaps(settings.connections),

    async close() {
      if (!redis) return;
      if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

function stateOf(points: number, res: RateLimiterRes): RateLimitState {
  return { limit: points, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
}

/** "1 second", "12 seconds", "15 minutes": a wait, rounded up. */
export function inWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** The in-memory limiter that answers for a Redis one while Redis does not, telling `onUse` each time it does. */
class InsuranceLimiter extends RateLimiterMemory {
  readonly #onUse: () => void;
  constructor(options: ConstructorParameters<typeof RateLimiterMemory>[0], onUse: () => void) {
    super(options);
    this.#onUse = onUse;
  }
  // The calls this app makes: consume (every limit) and delete (a right admin password).
  override consume(...args: Parameters<RateLimiterMemory["consume"]>) {
    this.#onUse();
    return super.consume(...args);
  }
  override delete(...args: Parameters<RateLimiterMemory["delete"]>) {
    this.#onUse();
    return super.delete(...args);
  }
}

/**
 * An ioredis client that fails fast instead of queueing while disconnected
 * (the insurance limiters answer then). It waits for the first connection so
 * limits are shared from the first request; if Redis does not answer, the app
 * starts anyway, limiting per process, and ioredis keeps reconnecting.
 * `fellBack` is called whenever a limit is answered from memory: one warning
 * per outage (not one per request), and one line when Redis is back.
 */
async function connectRedis(url: string, log: Logger): Promise<{ redis: Redis; fellBack: () => void }> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    connectTimeout: 2000,
  });
  // ioredis reports every failed reconnect; the warning names the latest cause, once.
  let cause: string | undefined;
  redis.on("error", (err: Error) => {
    cause = err.message;
  });
  let warned = false;
  const fellBack = () => {
    if (warned) return;
    warned = true;
    log.warn({ err: cause }, "Redis for rate limits is not answering; limiting in this process's memory until it does");
  };
  redis.on("ready", () => {
    if (!warned) return;
    warned = false;
    log.info("Redis for rate limits answers again; limits are shared between processes again");
  });
  // Not answering at start-up is said at once, not at the first request.
  await redis.connect().catch(fellBack);
  return { redis, fellBack };
}
