import { describe, expect, it } from "vitest";
import { readEnv } from "../env.ts";

describe("admin settings in the environment", () => {
  it("defaults to an 8-hour admin session and no ADMIN_PASSWORD", () => {
    const env = readEnv({});
    expect(env.ADMIN_SESSION_TTL).toBe(8 * 3_600_000);
    expect(env.ADMIN_PASSWORD).toBeUndefined();
  });

  it.each([
    ["900", 900_000],
    ["900s", 900_000],
    ["30m", 1_800_000],
    ["12H", 43_200_000],
    ["1d", 86_400_000],
  ])("reads ADMIN_SESSION_TTL=%s as %i ms", (text, ms) => {
    expect(readEnv({ ADMIN_SESSION_TTL: text }).ADMIN_SESSION_TTL).toBe(ms);
  });

  it.each([
    ["8 hours", /ADMIN_SESSION_TTL: must be a duration/],
    ["-5m", /ADMIN_SESSION_TTL: must be a duration/],
    ["30s", /ADMIN_SESSION_TTL: must be at least 1 minute/],
    ["31d", /ADMIN_SESSION_TTL: must be at most 30 days/],
  ])("refuses ADMIN_SESSION_TTL=%s and names it", (text, message) => {
    expect(() => readEnv({ ADMIN_SESSION_TTL: text })).toThrow(message);
  });

  it("refuses a short ADMIN_PASSWORD without echoing it", () => {
    expect(() => readEnv({ ADMIN_PASSWORD: "tiny-pw" })).toThrow(/ADMIN_PASSWORD: must be at least 12 characters/);
    try {
      readEnv({ ADMIN_PASSWORD: "tiny-pw" });
    } catch (err) {
      expect(String(err)).not.toContain("tiny-pw");
    }
  });
});

describe("INSTANCE_NAME", () => {
  it("takes a name fit for a header, and refuses one that is not, naming the setting", () => {
    expect(readEnv({ INSTANCE_NAME: "intake-7f9c:2" }).INSTANCE_NAME).toBe("intake-7f9c:2");
    expect(readEnv({}).INSTANCE_NAME).toBeUndefined();
    expect(() => readEnv({ INSTANCE_NAME: "two words" })).toThrow(/INSTANCE_NAME: must be 1 to 64/);
    expect(() => readEnv({ INSTANCE_NAME: "x".repeat(65) })).toThrow(/INSTANCE_NAME/);
  });
});

const CLUSTER_SECRETS = { SESSION_SECRET: "s".repeat(40), ADMIN_PASSWORD: "a-long-admin-password" };

describe("DATABASE_URL", () => {
  it("takes a file: URL for SQLite and a postgresql: URL for PostgreSQL", () => {
    expect(readEnv({}).DATABASE_URL).toBe("file:./data/intake.db");
    const url = "postgresql://intake@127.0.0.1:5432/intake";
    expect(readEnv({ DATABASE_URL: url, ...CLUSTER_SECRETS }).DATABASE_URL).toBe(url);
  });

  it("on PostgreSQL requires SESSION_SECRET and ADMIN_PASSWORD, shared by every instance, naming both", () => {
    const url = "postgresql://intake@127.0.0.1:5432/intake";
    expect(() => readEnv({ DATABASE_URL: url })).toThrow(
      /SESSION_SECRET: must be set when DATABASE_URL is PostgreSQL[\s\S]*ADMIN_PASSWORD: must be set/,
    );
    expect(() => readEnv({ DATABASE_URL: url, SESSION_SECRET: CLUSTER_SECRETS.SESSION_SECRET })).toThrow(
      /ADMIN_PASSWORD: must be set when DATABASE_URL is PostgreSQL/,
    );
    expect(readEnv({}).SESSION_SECRET).toBeUndefined();
  });

  it("refuses any other scheme and names the setting", () => {
    expect(() => readEnv({ DATABASE_URL: "mysql://db/intake" })).toThrow(/DATABASE_URL: must be a file: URL/);
  });
});
