import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  /** The base URL the server logged once listening, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** The JSON log lines printed so far whose `msg` is `message`. */
  logLines(message: string): Record<string, unknown>[];
  /** Resolves with the next JSON log line whose `msg` is `message`, printed after this call. */
  nextLogLine(message: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGTERM, and the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * `npm start` as a user runs it: server/index.ts in a child process of its own,
 * on port 0 of loopback, resolving once it logs the URL it listens on. For
 * tests that need the real process (its memory, its exit, its start-up).
 */
export function spawnServer(options: { databaseUrl: string; env?: Record<string, string> }): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      SEED_HISTORY_SIZE: "0",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const watchers = new Set<() => void>();
  const logLines = (message: string) =>
    output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === message);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  return new Promise((resolve, reject) => {
    let listening = false;
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      for (const watcher of watchers) watcher();
      const match = listening ? null : /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (!match?.[1] || child.pid === undefined) return;
      listening = true;
      resolve({
        child,
        pid: child.pid,
        url: match[1],
        output: () => output,
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
              fail(new Error(`no "${message}" log line within ${timeoutMs} ms:\n${output.slice(-2000)}`));
            }, timeoutMs);
            watchers.add(check);
            check();
          });
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
}
