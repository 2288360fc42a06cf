"use client";

import { type RefObject, useLayoutEffect, useState } from "react";

/**
 * The content width of an element in CSS px, followed with a ResizeObserver
 * and committed at most once per animation frame, so a window being dragged
 * re-lays-out the chart once a frame, not once per observation. `initial` is
 * used until the first measurement (and on the server).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, initial: number, fixed?: number): number {
  const [width, setWidth] = useState(fixed ?? initial);
  useLayoutEffect(() => {
    if (fixed !== undefined) {
      setWidth(fixed);
      return;
    }
    const el = ref.current;
    if (!el) return;
    // Measured before the first paint, so a client render never flashes at the initial width.
    setWidth(Math.floor(el.clientWidth));
    let frame = 0;
    const observer = new ResizeObserver(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setWidth(Math.floor(el.clientWidth));
      });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [ref, fixed]);
  return width;
}
