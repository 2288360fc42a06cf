import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { startRedis } from "../testing/redis-server.ts";
import { command, connectSocket, errorCode, startTestApp, type TestApp, type TestSocket } from "../testing/test-app.ts";

const MINUTE = 60_000;

describe("rate limits in Redis (REDIS_URL, a real redis-server)", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const apps: TestApp[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const app of apps) await app.stop();
    await redis?.stop();
  });

  /** An app limiting joins to 3 a minute per address, and a watcher on it (from `address`, through one proxy). */
  async function watcherOn(redisUrl: string | undefined, address?: string) {
    const watch = { ip: { points: 3, durationMs: MINUTE } };
    const app = await startTestApp({ rateLimit: { watch, redisUrl, trustProxy: address ? 1 : 0 } });
    apps.push(app);
    const roundId = (await createOpenRound(app.db, app.clock.now())).id;
    const socket = await connectSocket(app.url, undefined, address ? { "x-forwarded-for": address } : undefined);
    sockets.push(socket);
    return { app, join: () => command(socket, "round:join", { roundId }) };
  }

  it("shares one limit between two app instances on the same Redis", async () => {
    const a = await watcherOn(redis.url);
    const b = await watcherOn(redis.url);
    expect(a.app.rateLimiter.store).toBe("redis");

    expect((await a.join()).ok).toBe(true);
    expect((await a.join()).ok).toBe(true);
    expect((await b.join()).ok).toBe(true);
    // The fourth join from this address, on either instance, is over the shared limit of 3.
    const refused = await b.join();
    expect(refused).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", retryAfterMs: expect.any(Number) } });
    expect(errorCode(await a.join())).toBe("RATE_LIMITED");

    const client = new Redis(redis.url);
    try {
      expect(await client.keys("intake:rl:*")).toContain("intake:rl:watch:ip:127.0.0.1");
    } finally {
      client.disconnect();
    }
  });

  it("keeps separate counts per instance without Redis (the contrast that shows the store is Redis)", async () => {
    const a = await watcherOn(undefined);
    const b = await watcherOn(undefined);
    expect(a.app.rateLimiter.store).toBe("memory");
    for (let i = 0; i < 3; i++) expect((await a.join()).ok).toBe(true);
    expect((await b.join()).ok).toBe(true);
    expect(errorCode(await a.join())).toBe("RATE_LIMITED");
  });

  it("goes on limiting from process memory when Redis stops, without waiting for it", async () => {
    const a = await watcherOn(redis.url, "198.51.100.1");
    expect((await a.join()).ok).toBe(true); // counted in Redis
    await redis.stop();
    const started = performance.now();
    // The in-memory insurance limiter takes over, with a count of its own.
    const answers = [await a.join(), await a.join(), await a.join(), await a.join()];
    expect(answers.map(errorCode)).toEqual([undefined, undefined, undefined, "RATE_LIMITED"]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
