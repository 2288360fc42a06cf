import { z } from "zod";
import { DEFAULT_ADMIN_SESSION_TTL_MS } from "../server-only/admin-session.ts";

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const DURATION = /^\d{1,9}[smhd]?$/i;
const durationMs = (text: string): number => {
  const unit = (/[smhd]$/i.exec(text)?.[0].toLowerCase() ?? "s") as keyof typeof UNIT_MS;
  return Number.parseInt(text, 10) * UNIT_MS[unit];
};

/** "8h", "30m", "900s", "1d", or bare seconds ("900"), as milliseconds. */
const ZDuration = z
  .string()
  .trim()
  .regex(DURATION, 'must be a duration such as "8h", "30m" or "900s"')
  .transform(durationMs);

/** At most `points` in a window of `durationMs` that starts with the first one. */
export interface TRate {
  points: number;
  durationMs: number;
}

/** A steady rate, plus an optional burst allowance spent only once the steady points run out. */
export interface TRateLimit extends TRate {
  burst?: TRate;
}

/** After `failures` failed admin sign-ins from one address within `durationMs` (a success resets), it is locked for `durationMs`. */
export interface TLockout {
  failures: number;
  durationMs: number;
}

/** "10/10s" as a rate, or why not; points from 1, windows from 1 second to 1 day. */
function parseRate(text: string): TRate | string {
  const [points = "", per = "", ...rest] = text.split("/");
  if (rest.length > 0 || !/^\d{1,9}$/.test(points) || !DURATION.test(per)) return "is not points/window";
  const rate = { points: Number(points), durationMs: durationMs(per) };
  if (rate.points < 1) return "needs at least 1 point";
  if (rate.durationMs < UNIT_MS.s || rate.durationMs > UNIT_MS.d) return "needs a window from 1s to 1d";
  return rate;
}

/** "10/10s" (10 per 10 seconds), "10/10s+20/1m" (plus a burst of 20 more per minute), or "off". */
const ZRateLimit = z
  .string()
  .trim()
  .transform((text, ctx): TRateLimit | null => {
    if (text.toLowerCase() === "off") return null;
    const parts = text.split("+");
    const rates = parts.length <= 2 ? parts.map(parseRate) : ["has more than one +"];
    const problem = rates.find((r) => typeof r === "string");
    if (problem !== undefined) {
      const message = `must be "off" or a rate such as "10/10s" or "10/10s+20/1m": "${text}" ${problem}`;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    const [steady, burst] = rates as TRate[];
    return burst ? { ...(steady as TRate), burst } : (steady as TRate);
  });

/** "10/15m": 10 failed admin sign-ins within 15 minutes lock the address for 15 minutes; or "off". */
const ZLockout = z
  .string()
  .trim()
  .transform((text, ctx): TLockout | null => {
    if (text.toLowerCase() === "off") return null;
    const rate = parseRate(text);
    if (typeof rate === "string") {
      ctx.addIssue({
        code: "custom",
        message: `must be "off" or failures/duration such as "10/15m": "${text}" ${rate}`,
      });
      return z.NEVER;
    }
    return { failures: rate.points, durationMs: rate.durationMs };
  });

/** A count from 1, or "off" (null): no cap. */
const ZCap = z
  .string()
  .trim()
  .transform((text, ctx): number | null => {
    if (text.toLowerCase() === "off") return null;
    if (/^\d{1,9}$/.test(text) && Number(text) >= 1) return Number(text);
    ctx.addIssue({ code: "custom", message: `must be "off" or a whole number from 1: "${text}"` });
    return z.NEVER;
  });

export const ZEnv = z
  .object({
    /** The site's public origin; cookie-carrying writes and socket handshakes from any other Origin are refused. */
    PUBLIC_ORIGIN: z
      .url({ protocol: /^https?$/, message: "must be an http(s) origin such as https://intake.example" })
      .transform((u) => new URL(u).origin)
      .optional(),
    /** Applications of generated history seeded on the first start (0: none), so the analytics have data. */
    SEED_HISTORY_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(300_000),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    /** file: for SQLite (the embedded default), postgresql: for PostgreSQL (lib/db/database-provider.ts). */
    DATABASE_URL: z
      .string()
      .regex(/^(file|postgres|postgresql):/i, "must be a file: URL (SQLite) or a postgresql: URL (PostgreSQL)")
      .default("file:./data/intake.db"),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    COOKIE_SECURE: z.stringbool().default(false),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    /** Unset: one is generated on first start, printed once to stderr, and only its hash is kept. */
    ADMIN_PASSWORD: z
      .string()
      .min(12, "must be at least 12 characters")
      .max(1024, "must be at most 1024 characters")
      .optional(),
    /** Pretty, human-readable log lines instead of JSON; on by default only with `--dev` (`npm run dev`). */
    LOG_PRETTY: z.stringbool().optional(),
    /** Set: `/metrics` answers only `Authorization: Bearer <METRICS_TOKEN>`. Unset: it is open. */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** An OTLP/HTTP collector, e.g. http://localhost:4318; set, traces are exported there. Unset: tracing is off. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** How long an admin sign-in lasts, counted from sign-in (not sliding). In ms once parsed. */
    ADMIN_SESSION_TTL: ZDuration.pipe(
      z
        .number()
        .min(60_000, "must be at least 1 minute")
        // The session cookie itself is sealed for 30 days; a longer admin session could not outlive it.
        .max(30 * UNIT_MS.d, "must be at most 30 days"),
    ).default(DEFAULT_ADMIN_SESSION_TTL_MS),
    /**
     * Set: rate limits are counted in this Redis (shared by every Intake process
     * that uses it), e.g. redis://127.0.0.1:6379/0. Unset: in process memory.
     */
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
    /**
     * This instance's name in the `X-Intake-Instance` response header, so operators and tests see which
     * instance served a request. Unset: the host name and process id (unique among instances on one machine).
     */
    INSTANCE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, "must be 1 to 64 letters, digits, dots, colons, dashes or underscores")
      .optional(),
    /**
     * How many proxies in front of Intake append to X-Forwarded-For ("true" = 1).
     * 0 (default): the client's address is the TCP peer's, and X-Forwarded-For is ignored.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .regex(/^(true|false|\d)$/i, 'must be "true", "false" or a number of proxies from 0 to 9')
      .transform((text) => (text.toLowerCase() === "true" ? 1 : text.toLowerCase() === "false" ? 0 : Number(text)))
      .prefault("0"),
    // Rate limits (see docs/operations.md#rate-limits for why these defaults).
    /** Seat and waitlist commands per applicant. */
    RATE_LIMIT_CLAIMS: ZRateLimit.prefault("10/10s+20/1m"),
    /** Seat and waitlist commands per client address (everyone behind one NAT shares it). */
    RATE_LIMIT_CLAIMS_IP: ZRateLimit.prefault("600/10s+1200/1m"),
    /** Other API requests, pages and cheap socket commands (time:sync, round:leave) per applicant. */
    RATE_LIMIT_READS: ZRateLimit.prefault("60/10s+120/1m"),
    /** The same per client address. */
    RATE_LIMIT_READS_IP: ZRateLimit.prefault("600/10s+3000/1m"),
    /** Watching: round:join, GET /api/rounds/:id and event streams opened, per applicant. */
    RATE_LIMIT_WATCH: ZRateLimit.prefault("20/10s+40/1m"),
    /** The same per client address. */
    RATE_LIMIT_WATCH_IP: ZRateLimit.prefault("300/10s+1500/1m"),
    /** Sign-ins (POST /api/session and POST /api/admin/session) per client address. */
    RATE_LIMIT_LOGINS_IP: ZRateLimit.prefault("30/1m+300/1h"),
    /** Failed admin sign-ins that lock an address out, and for how long. */
    LOGIN_LOCKOUT: ZLockout.prefault("10/15m"),
    /**
     * Sockets and event streams one client address may hold open at once on one
     * instance. Generous, because a campus behind one NAT shares an address;
     * load tests from loopback set "off".
     */
    MAX_CONNECTIONS_IP: ZCap.prefault("1000"),
    /** The same per signed-in applicant: a few tabs and a screen each. */
    MAX_CONNECTIONS_APPLICANT: ZCap.prefault("16"),
  })
  .superRefine((env, ctx) => {
    // On PostgreSQL several instances share the database: what one instance would generate for itself
    // (a session secret in its data folder, an admin password shown on its stderr) must be the same everywhere.
    if (!/^postgres(ql)?:/i.test(env.DATABASE_URL)) return;
    if (env.SESSION_SECRET === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message:
          "must be set when DATABASE_URL is PostgreSQL: every instance must seal cookies with the same secret (one generated here would be this instance's alone)",
      });
    }
    if (env.ADMIN_PASSWORD === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["ADMIN_PASSWORD"],
        message:
          "must be set when DATABASE_URL is PostgreSQL: a generated one would be shown on one instance's console only",
      });
    }
  });
export type TEnv = z.infer<typeof ZEnv>;
