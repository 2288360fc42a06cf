"use client";

import { useCallback, useSyncExternalStore } from "react";

const TICK_MS = 250;

// One ticker for every countdown on the page; `current` is the device time of its last tick.
const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;
let current = 0;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  ticker ??= setInterval(() => {
    current = Date.now();
    for (const l of listeners) l();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

/** The device time as of the last tick: stable within a render, as getSnapshot must be. */
function deviceNow(): number {
  if (!ticker && Date.now() - current >= TICK_MS) current = Date.now();
  return current;
}

/**
 * The server's time (epoch ms), updated four times a second. While the server
 * renders and the page hydrates it is `renderedAt`, so both render the same text.
 */
export function useServerNow(offset: number, renderedAt: number): number {
  const getSnapshot = useCallback(() => deviceNow() + offset, [offset]);
  const getServerSnapshot = useCallback(() => renderedAt, [renderedAt]);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
