import type { TEnv } from "../../lib/schemas/env.ts";
import type { RateLimitSettings } from "./create-rate-limiter.ts";

/** The rate limits `npm start` runs with: the environment's, or their defaults (lib/schemas/env.ts). */
export function settingsFromEnv(env: TEnv): RateLimitSettings {
  return {
    claims: { applicant: env.RATE_LIMIT_CLAIMS, ip: env.RATE_LIMIT_CLAIMS_IP },
    reads: { applicant: env.RATE_LIMIT_READS, ip: env.RATE_LIMIT_READS_IP },
    watch: { applicant: env.RATE_LIMIT_WATCH, ip: env.RATE_LIMIT_WATCH_IP },
    login: { ip: env.RATE_LIMIT_LOGINS_IP },
    loginLockout: env.LOGIN_LOCKOUT,
    redisUrl: env.REDIS_URL,
    trustProxy: env.TRUST_PROXY,
    connections: { ip: env.MAX_CONNECTIONS_IP, applicant: env.MAX_CONNECTIONS_APPLICANT },
  };
}
