import { mulberry32 } from "../../lib/domain/seeded-random.ts";
import { createLatencyRecorder, type LatencyRecorder } from "./latency.ts";

export type HoldResult = { ok: true; seatId: string } | { ok: false; code: string };
export type ReleaseResult = { ok: true } | { ok: false; code: string };

/** One way of claiming seats: the product over Socket.IO, or the raw guarded update through Prisma. */
export interface SeatDriver {
  /** No seatId: best available. */
  hold(client: number, seatId: string | undefined): Promise<HoldResult>;
  release(client: number, seatId: string): Promise<ReleaseResult>;
}

export interface LoadOptions {
  clients: number;
  seatIds: readonly string[];
  /** Share of holds that ask for best available instead of a random seat. */
  bestShare: number;
  /** How long a client keeps a seat before releasing it. */
  holdMs: number;
  warmupMs: number;
  durationMs: number;
  /** Bound on waiting for the last cycles after the window closes. */
  drainTimeoutMs: number;
  seed: number;
  /** Called as the measurement window opens (after the warm-up). */
  onWindowStart?: () => void;
  /** Called once half-way through the window, while every client still runs (e.g. to read the database). */
  onMidWindow?: () => Promise<void>;
  /** Called as the measurement window closes. */
  onWindowEnd?: () => void;
}

export interface LoadResult {
  windowMs: number;
  /** Holds acknowledged inside the window, successful or refused. */
  attempts: number;
  holds: number;
  /** Releases acknowledged inside the window. */
  releases: number;
  latency: LatencyRecorder;
  refusals: Map<string, number>;
  /** Unexpected answers and transport failures over the whole run; a client stops at its first transport failure. */
  errors: Map<string, number>;
  /** Evidence that a seat was given to two clients at once (see runHoldReleaseLoad). */
  oversell: number;
  oversellExamples: string[];
  /** Clients still running when the drain bound ran out. */
  stuckClients: number;
}

/** Refusals that are the normal result of contention, not errors. */
const contentionCodes = new Set(["SEAT_TAKEN", "NO_SEATS_LEFT"]);

/**
 * `clients` loops of hold -> (keep holdMs) -> release, bounded in time, with a
 * warm-up whose answers are not counted. Oversell is checked from the
 * clients' side without trusting the server:
 * - between a client's hold acknowledgement and the moment it sends its
 *   release, the seat is certainly its own; another client acknowledged a
 *   hold on that seat inside that interval means two holders at once;
 * - a hold taken over by someone else makes the first holder's release fail
 *   (NOT_HOLDER), so every failed release of an acknowledged hold counts;
 * - ALREADY_HAS_SEAT for a client that holds nothing means the server gave it
 *   a seat it never acknowledged.
 */
export async function runHoldReleaseLoad(driver: SeatDriver, options: LoadOptions): Promise<LoadResult> {
  const { clients, seatIds, bestShare, holdMs } = options;
  const result: LoadResult = {
    windowMs: options.durationMs,
    attempts: 0,
    holds: 0,
    releases: 0,
    latency: createLatencyRecorder(),
    refusals: new Map(),
    errors: new Map(),
    oversell: 0,
    oversellExamples: [],
    stuckClients: 0,
  };
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const flagOversell = (detail: string) => {
    result.oversell++;
    if (result.oversellExamples.length < 5) result.oversellExamples.push(detail);
  };

  const certainHolder = new Map<string, number>();
  const start = performance.now();
  const windowStart = start + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;

  // The window's edges are noticed by the clients themselves, not by timers: a load that
  // completes entirely in promise callbacks (Prisma over better-sqlite3) starves the timer phase.
  let phase: "warm-up" | "window" | "closed" = "warm-up";
  let midWindow: Promise<void> | undefined;
  const tick = (now: number) => {
    if (phase === "warm-up" && now >= windowStart) {
      phase = "window";
      options.onWindowStart?.();
    }
    if (!midWindow && now >= windowStart + options.durationMs / 2)
      midWindow = options.onMidWindow?.() ?? Promise.resolve();
    if (phase === "window" && now >= windowEnd) {
      phase = "closed";
      options.onWindowEnd?.();
    }
  };

  const loop = async (client: number) => {
    const random = mulberry32(options.seed + client * 7919);
    for (let now = performance.now(); now < windowEnd; now = performance.now()) {
      tick(now);
      const seatId = random() < bestShare ? undefined : seatIds[Math.floor(random() * seatIds.length)];
      const sent = performance.now();
      let held: HoldResult;
      try {
        held = await driver.hold(client, seatId);
      } catch (err) {
        bump(result.errors, `hold: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      const acked = performance.now();
      const counted = acked >= windowStart && acked <= windowEnd;
      if (counted) {
        result.attempts++;
        result.latency.add(acked - sent);
      }
      if (!held.ok) {
        if (counted && contentionCodes.has(held.code)) bump(result.refusals, held.code);
        if (!contentionCodes.has(held.code)) bump(result.errors, `hold: ${held.code}`);
        if (held.code === "ALREADY_HAS_SEAT")
          flagOversell(`client ${client} refused ALREADY_HAS_SEAT while holding nothing`);
        continue;
      }
      if (counted) result.holds++;
      const other = certainHolder.get(held.seatId);
      if (other !== undefined)
        flagOversell(`seat ${held.seatId} acknowledged to client ${client} while client ${other} held it`);
      certainHolder.set(held.seatId, client);
      if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
      if (certainHolder.get(held.seatId) === client) certainHolder.delete(held.seatId);
      let released: ReleaseResult;
      try {
        released = await driver.release(client, held.seatId);
      } catch (err) {
        bump(result.errors, `release: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      const releasedAt = performance.now();
      if (releasedAt >= windowStart && releasedAt <= windowEnd) result.releases++;
      if (!released.ok) {
        bump(result.errors, `release: ${released.code}`);
        flagOversell(`client ${client} could not release its seat ${held.seatId}: ${released.code}`);
      }
    }
  };

  const running = new Set<Promise<void>>();
  for (let client = 0; client < clients; client++) {
    const p: Promise<void> = loop(client).finally(() => running.delete(p));
    running.add(p);
  }
  const drained = Promise.all([...running]).then(() => true);
  const limit = windowEnd - performance.now() + options.drainTimeoutMs;
  const bounded = await Promise.race([drained, sleep(limit).then(() => false)]);
  tick(Number.POSITIVE_INFINITY);
  await midWindow;
  if (!bounded) result.stuckClients = running.size;
  return result;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
