"use client";

import { useEffect, useState } from "react";

/** window.devicePixelRatio, updated when it changes (zoom, or the window moving to another screen). */
export function useDevicePixelRatio(): number {
  const [dpr, setDpr] = useState(() => (typeof window === "undefined" ? 1 : window.devicePixelRatio || 1));
  useEffect(() => {
    let query: MediaQueryList | undefined;
    // A resolution query matches only the current ratio, so its change fires once the ratio moves; then re-arm.
    const arm = () => {
      query?.removeEventListener("change", onChange);
      query = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      query.addEventListener("change", onChange);
    };
    const onChange = () => {
      setDpr(window.devicePixelRatio || 1);
      arm();
    };
    onChange();
    return () => query?.removeEventListener("change", onChange);
  }, []);
  return dpr;
}
