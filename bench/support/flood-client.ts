/**
 * A child process of bench/flood: one applicant from one address flooding
 * the server with seat:hold over several sockets, each keeping a fixed number
 * of commands in flight and sending the next as soon as one is answered: as
 * fast as the server answers. In a process of its own, so its work does not
 * delay the normal clients' event loop in the parent. Driven over IPC; the
 * parent ends it with a signal.
 */
import type { Ack, HoldInfo } from "../../lib/realtime/events.ts";
import { acked, type ClientSocket, connect } from "./socket-clients.ts";

export type FloodCommand =
  | {
      type: "open";
      url: string;
      cookie: string;
      headers: Record<string, string>;
      roundId: string;
      sockets: number;
      inFlight: number;
    }
  | { type: "start" }
  | { type: "stop" };

export type FloodReport =
  | { type: "opened" }
  | { type: "started" }
  /** Answers received between start and stop, by outcome ("ok" or the error code), and how long that was. */
  | { type: "stopped"; sent: number; answers: Record<string, number>; timeouts: number; ms: number }
  | { type: "error"; message: string };

const ACK_TIMEOUT_MS = 10_000;
const reply = (m: FloodReport) => process.send?.(m);

let sockets: ClientSocket[] = [];
let target = { roundId: "", inFlight: 1 };
let running: Promise<void>[] = [];
let flooding = false;
let stats = { sent: 0, answers: {} as Record<string, number>, timeouts: 0, startedAt: 0 };

async function pump(socket: ClientSocket, roundId: string): Promise<void> {
  while (flooding) {
    stats.sent++;
    try {
      const ack = await acked<Ack<{ hold: HoldInfo }>>("seat:hold", (done) =>
        socket.timeout(ACK_TIMEOUT_MS).emit("seat:hold", { roundId }, done),
      );
      const outcome = ack.ok ? "ok" : ack.error.code;
      stats.answers[outcome] = (stats.answers[outcome] ?? 0) + 1;
    } catch {
      stats.timeouts++;
    }
  }
}

process.on("message", async (m: FloodCommand) => {
  try {
    if (m.type === "open") {
      sockets = await Promise.all(
        Array.from({ length: m.sockets }, () =>
          connect(m.url, { cookie: m.cookie, headers: m.headers, timeoutMs: ACK_TIMEOUT_MS }),
        ),
      );
      target = { roundId: m.roundId, inFlight: m.inFlight };
      reply({ type: "opened" });
    } else if (m.type === "start") {
      flooding = true;
      stats = { sent: 0, answers: {}, timeouts: 0, startedAt: performance.now() };
      running = sockets.flatMap((s) => Array.from({ length: target.inFlight }, () => pump(s, target.roundId)));
      reply({ type: "started" });
    } else if (m.type === "stop") {
      flooding = false;
      // What was answered up to now; the commands still in flight finish before the reply, uncounted.
      const { sent, timeouts, startedAt } = stats;
      const answers = { ...stats.answers };
      const ms = performance.now() - startedAt;
      await Promise.all(running);
      reply({ type: "stopped", sent, answers, timeouts, ms });
    }
  } catch (err) {
    reply({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
});
