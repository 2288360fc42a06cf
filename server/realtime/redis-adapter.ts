import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../log.ts";
import type { IntakeServer } from "./types.ts";

/**
 * The Redis stream every instance appends its broadcasts to and reads the
 * others' from, and the prefix of the pub/sub channels for the adapter's own
 * requests. Under `intake:` beside the rate limits' `intake:rl:` keys.
 */
export const FANOUT_STREAM = "intake:io";

export interface RedisFanout {
  /** Disconnects the adapter's Redis clients; call after io.close(), which stops the adapter reading. */
  close(): Promise<void>;
}

/** How long start-up waits for Redis before serving with local delivery only (ioredis keeps reconnecting). */
const CONNECT_TIMEOUT_MS = 2000;

/**
 * Makes `io` share its room broadcasts and disconnects with every instance on
 * the same Redis (REDIS_URL), through the Socket.IO Redis Streams adapter.
 *
 * Three clients: the publisher appends to the stream and publishes requests;
 * the adapter duplicates it into a blocking stream reader and a subscriber.
 * The publisher fails fast while Redis is away (no offline queue), so this
 * instance's own watchers get every event at once and only the other
 * instances miss them (their seq gap makes BoardSync fetch a snapshot). The
 * reader and subscriber keep ioredis's queue and retry without limit, so they
 * wait for Redis to come back instead of spinning or failing unhandled.
 */
export async function installRedisAdapter(io: IntakeServer, deps: { url: string; log: Logger }): Promise<RedisFanout> {
  const { url, log } = deps;
  const clients: Redis[] = [];
  let lastWarned = 0;
  const open = (options: RedisOptions) => {
    const client = new Redis(url, { connectTimeout: CONNECT_TIMEOUT_MS, ...options });
    client.on("error", (err: Error) => {
      // ioredis reports every failed reconnect, from each client; one line per half minute is enough.
      if (Date.now() - lastWarned < 30_000) return;
      lastWarned = Date.now();
      log.warn(
        { err: err.message },
        "Redis for Socket.IO fan-out is not answering; only this instance's sockets hear its events",
      );
    });
    clients.push(client);
    return client;
  };
  const publisher = open({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  publisher.duplicate = () => open({ maxRetriesPerRequest: null });
  // Wait for the first connection (or its failure) so broadcasts are shared from the first command.
  await new Promise<void>((resolve) => {
    const done = () => {
      publisher.off("ready", done);
      publisher.off("error", done);
      resolve();
    };
    publisher.once("ready", done);
    publisher.once("error", done);
  });
  io.adapter(
    createAdapter(publisher, { streamName: FANOUT_STREAM, channelPrefix: FANOUT_STREAM, onlyPlaintext: true }),
  );
  log.info(
    { stream: FANOUT_STREAM, connected: publisher.status === "ready" },
    "Socket.IO events fan out through Redis",
  );
  return {
    async close() {
      // The publisher's QUIT waits for its appends in flight; the reader may be blocked in XREAD, so it is cut.
      const [, ...duplicates] = clients;
      for (const client of duplicates) client.disconnect();
      if (publisher.status !== "ready") publisher.disconnect();
      else await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}
