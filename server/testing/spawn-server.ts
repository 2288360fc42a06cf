import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  /** The base URL the server logged once listening, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Everything it printed so far (stdout and stderr, as they came). */
  output(): string;
  /** What it printed so far on stdout (the JSON log). */
  stdout(): string;
  /** What it printed so far on stderr (banners, crashes). */
  stderr(): string;
  /** The JSON log lines printed so far whose `msg` is `message`. */
  logLines(message: string): Record<string, unknown>[];
  /** Resolves with the next JSON log line whose `msg` is `message`, printed after this call. */
  nextLogLine(message: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** `signal` (SIGTERM by default, as a deployment stops it), SIGKILL after 10 s; the exit code once it has stopped. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnOptions {
  databaseUrl: string;
  /**
   * 0 (the default) lets the system pick a free port, so runs and tests never collide;
   * a test that restarts its server passes the port it got the first time.
   */
  port?: number;
  /**
   * Settings on top of the defaults below (an `undefined` value unsets one the
   * test process has). The URL is read from the log: keep LOG_LEVEL at info or lower.
   */
  env?: Record<string, string | undefined>;
  /** Each line the server writes (stdout or stderr), as it comes. */
  onLine?: (line: string) => void;
  /** How long migrating, seeding and listening may take before the start counts as failed. */
  startTimeoutMs?: number;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const LISTENING = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/;

/**
 * `npm start` as a user runs it: server/index.ts in a child process of its own,
 * on loopback (port 0 unless told), resolving once it logs the URL it listens on.
 * For tests that need the real process (its memory, its exit, its start-up) and
 * for the e2e servers. Rejects, with what it printed, if it exits or takes longer
 * than `startTimeoutMs` first.
 */
export function spawnServer(options: SpawnOptions): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port ?? 0),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      // No analytics history unless asked: a faster start.
      SEED_HISTORY_SIZE: "0",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // If the test process dies without stopping it, the server must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  // "close", not "exit": by then all it printed has been read.
  const exited = new Promise<number | null>((resolve) =>
    child.once("close", (code) => {
      process.off("exit", killOnExit);
      resolve(code);
    }),
  );

  const text = { all: "", stdout: "", stderr: "" };
  const log: Record<string, unknown>[] = [];
  const watchers = new Set<() => void>();
  const logLines = (message: string) => log.filter((line) => line.msg === message);
  let url: string | undefined;
  let onListening: (() => void) | undefined;
  for (const name of ["stdout", "stderr"] as const) {
    const stream = child[name];
    stream.on("data", (chunk: Buffer) => {
      text.all += chunk;
      text[name] += chunk;
    });
    readline.createInterface({ input: stream }).on("line", (line) => {
      options.onLine?.(line);
      if (name !== "stdout" || !line.startsWith("{")) return;
      try {
        log.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        return;
      }
      for (const watcher of watchers) watcher();
      if (url === undefined) {
        url = LISTENING.exec(line)?.[1];
        if (url !== undefined) onListening?.();
      }
    });
  }

  const server = (listeningAt: string, pid: number): SpawnedServer => ({
    child,
    pid,
    url: listeningAt,
    output: () => text.all,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    logLines,
    nextLogLine(message, timeoutMs = 10_000) {
      const seen = logLines(message).length;
      return new Promise((found, fail) => {
        const check = () => {
          const line = logLines(message)[seen];
          if (!line) return;
          watchers.delete(check);
          clearTimeout(timer);
          found(line);
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          fail(new Error(`no "${message}" log line within ${timeoutMs} ms:\n${text.all.slice(-2000)}`));
        }, timeoutMs);
        watchers.add(check);
        check();
      });
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  });

  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not listen within ${startTimeoutMs} ms:\n${text.all}`));
    }, startTimeoutMs);
    onListening = () => {
      clearTimeout(timer);
      if (url !== undefined && child.pid !== undefined) resolve(server(url, child.pid));
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${text.all}`));
    });
  });
}
