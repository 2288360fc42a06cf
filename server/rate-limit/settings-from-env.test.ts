import { describe, expect, it } from "vitest";
import { readEnv } from "../../lib/env.ts";
import { inWords } from "./create-rate-limiter.ts";
import { settingsFromEnv } from "./settings-from-env.ts";

const S = 1000;
const M = 60 * S;

describe("rate limit settings from the environment", () => {
  it("has production defaults for every limit, in memory, trusting no proxy", () => {
    expect(settingsFromEnv(readEnv({}))).toEqual({
      claims: {
        applicant: { points: 10, durationMs: 10 * S, burst: { points: 20, durationMs: M } },
        ip: { points: 600, durationMs: 10 * S, burst: { points: 1200, durationMs: M } },
      },
      reads: {
        applicant: { points: 60, durationMs: 10 * S, burst: { points: 120, durationMs: M } },
        ip: { points: 600, durationMs: 10 * S, burst: { points: 3000, durationMs: M } },
      },
      watch: {
        applicant: { points: 20, durationMs: 10 * S, burst: { points: 40, durationMs: M } },
        ip: { points: 300, durationMs: 10 * S, burst: { points: 1500, durationMs: M } },
      },
      login: { ip: { points: 30, durationMs: M, burst: { points: 300, durationMs: 60 * M } } },
      loginLockout: { failures: 10, durationMs: 15 * M },
      redisUrl: undefined,
      trustProxy: 0,
      connections: { ip: 1000, applicant: 16 },
    });
  });

  it("reads the connection caps, or off, and names a bad one", () => {
    expect(
      settingsFromEnv(readEnv({ MAX_CONNECTIONS_IP: "50", MAX_CONNECTIONS_APPLICANT: "off" })).connections,
    ).toEqual({
      ip: 50,
      applicant: null,
    });
    for (const bad of ["0", "-1", "1.5", "many"]) {
      expect(() => readEnv({ MAX_CONNECTIONS_IP: bad }), bad).toThrow(/MAX_CONNECTIONS_IP/);
    }
  });

  it("reads rates, bursts, off, REDIS_URL and TRUST_PROXY", () => {
    const settings = settingsFromEnv(
      readEnv({
        RATE_LIMIT_CLAIMS: "5/2",
        RATE_LIMIT_CLAIMS_IP: " 100/1M+50/1h ",
        RATE_LIMIT_WATCH_IP: "off",
        LOGIN_LOCKOUT: "OFF",
        REDIS_URL: "redis://127.0.0.1:6390/2",
        TRUST_PROXY: "true",
      }),
    );
    expect(settings.claims).toEqual({
      applicant: { points: 5, durationMs: 2 * S },
      ip: { points: 100, durationMs: M, burst: { points: 50, durationMs: 60 * M } },
    });
    expect(settings.watch?.ip).toBeNull();
    expect(settings.loginLockout).toBeNull();
    expect(settings.redisUrl).toBe("redis://127.0.0.1:6390/2");
    expect(settings.trustProxy).toBe(1);
    expect(readEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(readEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
  });

  it.each([
    [
      "RATE_LIMIT_CLAIMS",
      "10",
      /RATE_LIMIT_CLAIMS: must be "off" or a rate such as "10\/10s".*"10" is not points\/window/,
    ],
    ["RATE_LIMIT_READS", "0/1s", /RATE_LIMIT_READS: .*needs at least 1 point/],
    ["RATE_LIMIT_READS_IP", "5/0s", /RATE_LIMIT_READS_IP: .*needs a window from 1s to 1d/],
    ["RATE_LIMIT_WATCH", "5/2d", /RATE_LIMIT_WATCH: .*needs a window from 1s to 1d/],
    ["RATE_LIMIT_LOGINS_IP", "1/1s+2/1s+3/1s", /RATE_LIMIT_LOGINS_IP: .*has more than one \+/],
    ["LOGIN_LOCKOUT", "ten/15m", /LOGIN_LOCKOUT: must be "off" or failures\/duration such as "10\/15m"/],
    ["TRUST_PROXY", "yes", /TRUST_PROXY: must be "true", "false" or a number/],
    ["REDIS_URL", "http://127.0.0.1:6379", /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/],
  ])("refuses %s=%s and names it", (name, value, message) => {
    expect(() => readEnv({ [name]: value })).toThrow(message);
  });
});

describe("inWords", () => {
  it.each([
    [1, "1 second"],
    [1000, "1 second"],
    [1001, "2 seconds"],
    [59_000, "59 seconds"],
    [59_001, "1 minute"],
    [60_001, "2 minutes"],
    [15 * M, "15 minutes"],
  ])("says %i ms as %s", (ms, words) => {
    expect(inWords(ms)).toBe(words);
  });
});
