import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { Redis } from "ioredis";

/** A free loopback port: bind port 0, read it, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A private redis-server on loopback, in the foreground as our child, so the test can stop it by its pid.
 * `port`: that one (e.g. to start it again where a stopped one was); a free one by default.
 */
export async function startRedis(
  port?: number,
): Promise<{ url: string; port: number; child: ChildProcess; stop(): Promise<void> }> {
  if (spawnSync("redis-server", ["--version"]).error) {
    throw new Error("redis-server is not installed: bash .ci/run (the README's test command) installs it");
  }
  port ??= await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  // Ready once it answers PING; it takes a few tens of ms to listen.
  for (const deadline = Date.now() + 10_000; ; ) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on("error", () => {});
    const ready = await probe.connect().then(
      () => probe.ping().then(() => true),
      () => false,
    );
    probe.disconnect();
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`redis-server did not answer on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, port, child, stop };
}
