import http from "node:http";

export interface SseMessage {
  /** "message" when the server named no event; "comment" for `: ...` lines (heartbeats). */
  event: string;
  id?: string;
  data: string;
  retry?: number;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The next message (comments included), in arrival order. Rejects if the stream ends first or after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** How long a read waits by default: far longer than any event takes, far shorter than a test's 60 s. */
const EVENT_TIMEOUT_MS = 10_000;

/** What next() rejects with when nothing came in time. */
class NothingWithin extends Error {
  constructor(
    readonly path: string,
    timeoutMs: number,
  ) {
    super(`nothing on ${path} within ${timeoutMs} ms`);
  }
}

/** A tiny SSE reader over http.get, for tests: parses events, ids, retry hints and comments. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
      const queue: SseMessage[] = [];
      const waiting: { resolve: (m: SseMessage) => void; reject: (e: Error) => void }[] = [];
      let done = false;
      let buffer = "";
      let current: SseMessage = { event: "message", data: "" };
      let hasData = false;
      const push = (m: SseMessage) => {
        const w = waiting.shift();
        if (w) w.resolve(m);
        else queue.push(m);
      };
      const ended = new Promise<void>((resolveEnded) => {
        const finish = () => {
          done = true;
          for (const w of waiting.splice(0)) w.reject(new Error("stream ended"));
          resolveEnded();
        };
        res.on("end", finish);
        res.on("close", finish);
        res.on("error", finish);
      });
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let nl = buffer.indexOf("\n");
        while (nl >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, "");
          buffer = buffer.slice(nl + 1);
          nl = buffer.indexOf("\n");
          if (line === "") {
            if (hasData || current.retry !== undefined) push(current);
            current = { event: "message", data: "" };
            hasData = false;
          } else if (line.startsWith(":")) {
            push({ event: "comment", data: line.slice(1).trim() });
          } else {
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "event") current.event = value;
            else if (field === "id") current.id = value;
            else if (field === "retry") current.retry = Number(value);
            else if (field === "data") {
              current.data = hasData ? `${current.data}\n${value}` : value;
              hasData = true;
            }
          }
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        next: (timeoutMs = EVENT_TIMEOUT_MS) => {
          const m = queue.shift();
          if (m) return Promise.resolve(m);
          if (done) return Promise.reject(new Error("stream ended"));
          const timedOut = new NothingWithin(new URL(url).pathname, timeoutMs);
          return new Promise((res2, rej2) => {
            const timer = setTimeout(() => {
              waiting.splice(waiting.indexOf(w), 1);
              rej2(timedOut);
            }, timeoutMs);
            const w = {
              resolve: (message: SseMessage) => {
                clearTimeout(timer);
                res2(message);
              },
              reject: (err: Error) => {
                clearTimeout(timer);
                rej2(err);
              },
            };
            waiting.push(w);
          });
        },
        ended,
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
  });
}

/** The next message that is not a heartbeat or retry hint; rejects, saying so, if none comes within `timeoutMs`. */
export async function nextEvent(stream: SseStream, timeoutMs = EVENT_TIMEOUT_MS): Promise<SseMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await stream.next(Math.max(1, deadline - Date.now())).catch((err: unknown) => {
      throw err instanceof NothingWithin
        ? new Error(`no event (heartbeats aside) on ${err.path} within ${timeoutMs} ms`)
        : err;
    });
    if (m.event !== "comment" && !(m.data === "" && m.retry !== undefined)) return m;
  }
}
