import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { RoundSeatCounts } from "../../lib/db/count-seats-by-round.ts";

/** What the scrape reads when Prometheus asks, rather than counting on every change. */
export interface MetricSources {
  seatsByRound(): Promise<RoundSeatCounts[]>;
  socketConnections(): { applicants: number; watchers: number };
  sseClients(): number;
}

export interface Metrics {
  /** This app's registry (not prom-client's global one, so several apps in one test process do not collide). */
  registry: Registry;
  /** Socket commands answered, by event (`seat:hold`, …) and outcome (`ok` or the error code). */
  commands: Counter<"command" | "outcome">;
  /** From receiving a socket command to sending its ack. */
  commandDuration: Histogram<"command">;
  /** From a batch's commit to its `seats:updated` having gone out to Socket.IO and SSE watchers. */
  broadcastDuration: Histogram;
  /** HTTP requests by method, route template (`/api/rounds/[id]`) and status. */
  httpDuration: Histogram<"method" | "route" | "status">;
  /** Requests or commands refused by a rate limit: `scope` (ip, applicant, admin-login, …) and `route` (an event or route). */
  rateLimited: Counter<"scope" | "route">;
}

const PREFIX = "intake_";
const SEAT_STATES = ["free", "held", "booked"] as const;

/** Intake's Prometheus metrics plus Node's process metrics, in a registry of their own. */
export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const registers = [registry];

  // One grouped query per scrape feeds both round gauges, which the registry collects at once.
  let loading: Promise<RoundSeatCounts[]> | null = null;
  const seatsByRound = () => {
    loading ??= sources.seatsByRound().finally(() => {
      loading = null;
    });
    return loading;
  };

  new Gauge({
    name: `${PREFIX}seats`,
    help: "Seats per round by state as they stand now (a lapsed hold counts as free); open, paused and recently closed rounds (never drafts).",
    labelNames: ["round_id", "status"],
    registers,
    async collect() {
      this.reset();
      for (const round of await seatsByRound()) {
        for (const state of SEAT_STATES)
          this.set({ round_id: round.roundId, status: state.toUpperCase() }, round[state]);
      }
    },
  });
  new Gauge({
    name: `${PREFIX}round_info`,
    help: "1 per round in intake_seats, labelled with its title and status (join on round_id for legends).",
    labelNames: ["round_id", "title", "status"],
    registers,
    async collect() {
      this.reset();
      for (const round of await seatsByRound()) {
        this.set({ round_id: round.roundId, title: round.title, status: round.status }, 1);
      }
    },
  });
  new Gauge({
    name: `${PREFIX}socket_connections`,
    help: "Open Socket.IO connections: applicants (signed in) and watchers.",
    labelNames: ["role"],
    registers,
    collect() {
      const { applicants, watchers } = sources.socketConnections();
      this.set({ role: "applicant" }, applicants);
      this.set({ role: "watcher" }, watchers);
    },
  });
  new Gauge({
    name: `${PREFIX}sse_clients`,
    help: "Open Server-Sent Events streams (GET /api/rounds/:id/events).",
    registers,
    collect() {
      this.set(sources.sseClients());
    },
  });

  return {
    registry,
    commands: new Counter({
      name: `${PREFIX}commands_total`,
      help: "Socket commands answered, by event and outcome (ok or the error code).",
      labelNames: ["command", "outcome"],
      registers,
    }),
    commandDuration: new Histogram({
      name: `${PREFIX}command_duration_seconds`,
      help: "Socket command latency: from receiving the command to sending its acknowledgement.",
      labelNames: ["command"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    broadcastDuration: new Histogram({
      name: `${PREFIX}broadcast_duration_seconds`,
      help: "From a batch's commit to its seats:updated having been handed to every Socket.IO and SSE watcher.",
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers,
    }),
    httpDuration: new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: "HTTP requests by method, route template and status; an event stream counts until it closes.",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    rateLimited: new Counter({
      name: `${PREFIX}rate_limited_total`,
      help: "Requests and commands refused by a rate limit, by scope and route.",
      labelNames: ["scope", "route"],
      registers,
    }),
  };
}
