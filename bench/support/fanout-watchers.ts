/**
 * A child process of bench/fanout: opens `count` read-only watchers (Socket.IO
 * or SSE) against one server and stamps the arrival of every seat event with
 * the machine's clock (`performance.timeOrigin + performance.now()`, which the
 * parent shares), keyed by the event's seq. Driven over IPC (see WatcherMessage).
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, SeatsUpdated, ServerToClientEvents } from "../../lib/realtime/events.ts";

export type WatcherTransport = "socketio" | "sse";

export type ParentMessage =
  | { type: "open"; transport: WatcherTransport; url: string; roundId?: string; count: number }
  /** Reply once every watcher has the event with this seq (or after timeoutMs). */
  | { type: "await"; seq: number; timeoutMs: number }
  | { type: "collect" }
  | { type: "close" };

export type WatcherMessage =
  | { type: "opened"; count: number }
  | { type: "reached"; seq: number; missing: number }
  /** Per event seq: how many seat changes it carried and when each watcher got it. */
  | { type: "receipts"; seqs: number[]; changes: number[]; times: Float64Array[] }
  | { type: "error"; message: string };

const now = () => performance.timeOrigin + performance.now();
const send = (m: WatcherMessage) => process.send?.(m);

let watchers = 0;
let receipts = new Map<number, { changes: number; times: number[] }>();
let waiting: { seq: number; done: () => void } | null = null;
const closers: (() => void)[] = [];

function record(event: SeatsUpdated): void {
  const at = now();
  let entry = receipts.get(event.seq);
  if (!entry) {
    entry = { changes: event.seats.length, times: [] };
    receipts.set(event.seq, entry);
  }
  entry.times.push(at);
  if (waiting && event.seq === waiting.seq && entry.times.length >= watchers) waiting.done();
}

async function openSocketIo(url: string, roundId: string | undefined): Promise<void> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  closers.push(() => socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  socket.on("seats:updated", record);
  // The product's watchers join the round's room; the raw server puts every socket in its one room.
  if (roundId) {
    const ack = (await socket.timeout(30_000).emitWithAck("round:join", { roundId })) as Ack;
    if (!ack.ok) throw new Error(`round:join refused: ${ack.error.code}`);
  }
}

function openSse(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE ${url} answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          if (!block.startsWith("event: seats\n")) continue;
          const data = block.slice(block.indexOf("\ndata: ") + 7);
          record(JSON.parse(data) as SeatsUpdated);
        }
      });
      resolve();
    });
    req.on("error", reject);
    closers.push(() => req.destroy());
  });
}

async function open(m: Extract<ParentMessage, { type: "open" }>): Promise<void> {
  // A few hundred handshakes at a time: all at once overflows the listen backlog.
  for (let i = 0; i < m.count; i += 200) {
    const batch = Array.from({ length: Math.min(200, m.count - i) }, () =>
      m.transport === "socketio" ? openSocketIo(m.url, m.roundId) : openSse(m.url),
    );
    await Promise.all(batch);
  }
  watchers = m.count;
  send({ type: "opened", count: m.count });
}

process.on("message", (m: ParentMessage) => {
  if (m.type === "open") {
    open(m).catch((err: Error) => send({ type: "error", message: err.message }));
  } else if (m.type === "await") {
    const reply = () => {
      clearTimeout(timer);
      waiting = null;
      send({ type: "reached", seq: m.seq, missing: watchers - (receipts.get(m.seq)?.times.length ?? 0) });
    };
    const timer = setTimeout(reply, m.timeoutMs);
    waiting = { seq: m.seq, done: reply };
    if ((receipts.get(m.seq)?.times.length ?? 0) >= watchers) reply();
  } else if (m.type === "collect") {
    const seqs = [...receipts.keys()];
    const entries = seqs.map((s) => receipts.get(s) ?? { changes: 0, times: [] });
    send({
      type: "receipts",
      seqs,
      changes: entries.map((e) => e.changes),
      times: entries.map((e) => Float64Array.from(e.times)),
    });
    receipts = new Map();
  } else if (m.type === "close") {
    for (const close of closers) close();
    process.exit(0);
  }
});
