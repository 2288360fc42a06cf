"use client";

import { useEffect, useRef, useState } from "react";
import { getSocket } from "./use-socket";

const SAMPLES = 5;
/** Clocks drift and sleeping laptops jump: measure again this often. */
const RESYNC_MS = 60_000;

/**
 * Milliseconds to add to Date.now() to get the server's time. Starts from the
 * time the page was rendered (crude: it includes the page's travel time), then
 * on every connect (so after every reconnect) and once a minute asks the server
 * a few times and keeps the sample with the shortest round trip, assuming the
 * answer was made halfway through it: offset = serverNow + rtt/2 - receivedAt.
 */
export function useClockOffset(renderedAt: number): number {
  const [offset, setOffset] = useState(0);
  const synced = useRef(false);

  useEffect(() => {
    if (!synced.current) setOffset(renderedAt - Date.now());
  }, [renderedAt]);

  useEffect(() => {
    const socket = getSocket();
    let cancelled = false;
    let running = false;

    const sync = async () => {
      if (running) return;
      running = true;
      let best: { rtt: number; offset: number } | undefined;
      try {
        for (let i = 0; i < SAMPLES && !cancelled && socket.connected; i++) {
          const sentAt = performance.now();
          const ack = await socket.timeout(5000).emitWithAck("time:sync", {});
          const rtt = performance.now() - sentAt;
          if (ack.ok && (!best || rtt < best.rtt)) best = { rtt, offset: ack.serverNow + rtt / 2 - Date.now() };
        }
      } catch {
        // No answer in time: keep the best sample so far, if any.
      } finally {
        running = false;
      }
      if (best && !cancelled) {
        synced.current = true;
        setOffset(Math.round(best.offset));
      }
    };

    const timer = setInterval(() => void sync(), RESYNC_MS);
    socket.on("connect", sync);
    if (socket.connected) void sync();
    return () => {
      cancelled = true;
      clearInterval(timer);
      socket.off("connect", sync);
    };
  }, []);

  return offset;
}
