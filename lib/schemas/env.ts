import { z } from "zod";
import { DEFAULT_ADMIN_SESSION_TTL_MS } from "../admin-session.ts";

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "8h", "30m", "900s", "1d", or bare seconds ("900"), as milliseconds. */
const ZDuration = z
  .string()
  .trim()
  .regex(/^\d{1,9}[smhd]?$/i, 'must be a duration such as "8h", "30m" or "900s"')
  .transform((text) => {
    const unit = (/[smhd]$/i.exec(text)?.[0].toLowerCase() ?? "s") as keyof typeof UNIT_MS;
    return Number.parseInt(text, 10) * UNIT_MS[unit];
  });

export const ZEnv = z.object({
  /** Applications of generated history seeded on the first start (0: none), so the analytics have data. */
  SEED_HISTORY_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(300_000),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().startsWith("file:", "must be a file: URL (SQLite)").default("file:./data/intake.db"),
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
  /** How long an admin sign-in lasts, counted from sign-in (not sliding). In ms once parsed. */
  ADMIN_SESSION_TTL: ZDuration.pipe(
    z
      .number()
      .min(60_000, "must be at least 1 minute")
      // The session cookie itself is sealed for 30 days; a longer admin session could not outlive it.
      .max(30 * UNIT_MS.d, "must be at most 30 days"),
  ).default(DEFAULT_ADMIN_SESSION_TTL_MS),
});
export type TEnv = z.infer<typeof ZEnv>;
