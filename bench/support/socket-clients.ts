import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/realtime/events.ts";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Signs in over HTTP (POST /api/session) and returns the session cookie; `headers` go with it (e.g. X-Forwarded-For). */
export async function signIn(
  baseUrl: string,
  name: string,
  options: { headers?: Record<string, string>; timeoutMs: number },
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: JSON.stringify({ name }),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (res.status !== 201) throw new Error(`POST /api/session answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("intake_session="));
  if (!cookie) throw new Error("POST /api/session set no intake_session cookie");
  return cookie;
}

/** One WebSocket connection of its own (as a separate browser would have), with the cookie and any other headers. */
export function connect(
  baseUrl: string,
  options: { cookie?: string; headers?: Record<string, string>; timeoutMs: number },
): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    timeout: options.timeoutMs,
    extraHeaders: { ...options.headers, ...(options.cookie ? { cookie: options.cookie } : {}) },
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(err));
  });
}

/** Resolves with the acknowledgement `send` receives, or rejects when Socket.IO's ack timeout fires. */
export function acked<T>(what: string, send: (done: (err: Error | null, response: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    send((err, response) => (err ? reject(new Error(`${what} not acknowledged in time`)) : resolve(response))),
  );
}

/** Runs `make` for 0..count-1, `size` at a time. */
export async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let from = 0; from < count; from += size) {
    const batch = Array.from({ length: Math.min(size, count - from) }, (_, k) => make(from + k));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
