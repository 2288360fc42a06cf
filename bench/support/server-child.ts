import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface ServerChild {
  baseUrl: string;
  pid: number;
  /** SIGTERM (graceful: the engine drains, the database closes), SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now, for exit paths that cannot wait. */
  kill(): void;
}

const HOST = "127.0.0.1";

/** Every rate limit and connection cap off (server/index.ts reads these; lib/schemas/env.ts has the defaults). */
export const RATE_LIMITS_OFF: Record<string, string> = Object.fromEntries(
  [
    "RATE_LIMIT_CLAIMS",
    "RATE_LIMIT_CLAIMS_IP",
    "RATE_LIMIT_READS",
    "RATE_LIMIT_READS_IP",
    "RATE_LIMIT_WATCH",
    "RATE_LIMIT_WATCH_IP",
    "RATE_LIMIT_LOGINS_IP",
    "LOGIN_LOCKOUT",
    "MAX_CONNECTIONS_IP",
    "MAX_CONNECTIONS_APPLICANT",
  ].map((name) => [name, "off"]),
);

/** A free loopback port: bind port 0, read it, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts the real server (`server/index.ts`, production Next.js build) as a
 * child process on loopback and resolves once GET /api/health answers 200.
 * Not server/testing/spawn-server.ts, which reads the URL from the info log:
 * at info the server logs every request, which would cost a benchmark CPU it
 * measures, so this one runs at warn on a port it picks itself and asks
 * /api/health, with the output left to the terminal.
 */
export async function startServerChild(options: {
  root: string;
  databaseUrl: string;
  /** Extra node flags for the child, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Modules (TypeScript allowed) imported before the server, e.g. a probe. */
  preload?: string[];
  env?: Record<string, string>;
  /**
   * "off" (default): every rate limit off, because a benchmark of the engine
   * sends more from one address than any production limit allows, and should
   * measure the engine, not the limiter. "environment": the limits of the
   * environment, or the production defaults (bench/flood).
   */
  rateLimits?: "off" | "environment";
  readyTimeoutMs?: number;
}): Promise<ServerChild> {
  if (!fs.existsSync(path.join(options.root, ".next", "BUILD_ID"))) {
    throw new Error("No production build in .next/: run `npm run build` first.");
  }
  const port = await freePort();
  const preload = (options.preload ?? []).flatMap((file) => ["--import", file]);
  const args = [...(options.nodeArgs ?? []), "--import", "tsx", ...preload, "server/index.ts"];
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      HOST,
      PORT: String(port),
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      ...(options.rateLimits === "environment" ? {} : RATE_LIMITS_OFF),
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://${HOST}:${port}`;
  const server: ServerChild = {
    baseUrl,
    pid: child.pid ?? -1,
    stop: (graceMs = 10_000) => stopChild(child, exited, graceMs),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
  try {
    await waitForHealth(baseUrl, child, options.readyTimeoutMs ?? 60_000);
  } catch (err) {
    await server.stop(2000);
    throw err;
  }
  return server;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up (code ${child.exitCode})`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
