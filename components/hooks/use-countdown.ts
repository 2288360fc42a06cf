"use client";

import { type RefObject, useEffect, useRef, useState } from "react";
import { displayStep } from "@/components/ui/format-duration";

export interface Countdown<T extends HTMLElement> {
  /** Milliseconds left, rounded up to what the text shows (a tenth in the last minute, else a second). */
  ms: number;
  /** The server time (epoch ms) the last shown value was taken at. */
  now: number;
  /** Put on the element that shows the countdown: it gets `data-remaining-ms` every frame. */
  ref: RefObject<T | null>;
}

const quantize = (ms: number) => {
  const left = Math.max(0, ms);
  const step = displayStep(left);
  return Math.ceil(left / step) * step;
};

/**
 * A countdown by the server's clock, recomputed from scratch every animation
 * frame as `remainingAt(Date.now() + offset)`, so it never drifts. React
 * re-renders only when the shown text changes; the exact figure goes straight
 * to `data-remaining-ms`. While the server renders and the page hydrates, time
 * is `renderedAt`, so both render the same text.
 */
export function useCountdown<T extends HTMLElement = HTMLElement>(
  remainingAt: (serverNow: number) => number,
  offset: number,
  renderedAt: number,
): Countdown<T> {
  const ref = useRef<T | null>(null);
  const latest = useRef(remainingAt);
  const [shown, setShown] = useState(() => ({ ms: quantize(remainingAt(renderedAt)), now: renderedAt }));

  useEffect(() => {
    latest.current = remainingAt;
  });

  useEffect(() => {
    let frame = 0;
    let last: number | undefined;
    const tick = () => {
      const now = Date.now() + offset;
      const ms = Math.max(0, latest.current(now));
      ref.current?.setAttribute("data-remaining-ms", String(Math.round(ms)));
      const next = quantize(ms);
      if (next !== last) {
        last = next;
        setShown((prev) => (prev.ms === next ? prev : { ms: next, now }));
      }
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [offset]);

  return { ...shown, ref };
}
