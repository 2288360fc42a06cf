"use client";

import { useEffect, useRef } from "react";

const SHOW_MS = 6000;

/**
 * A short message at the bottom of the screen that goes away by itself. Only
 * visual: the page's own live region says the same thing to screen readers.
 * Fixed, so nothing on the page moves when it comes and goes.
 */
export function Toast({ text, onClose }: { text: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const timer = setTimeout(onClose, SHOW_MS);
    return () => clearTimeout(timer);
  }, [onClose]);
  useEffect(() => {
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    ref.current?.animate(
      [
        { opacity: 0, transform: "translateY(0.5rem)" },
        { opacity: 1, transform: "none" },
      ],
      { duration: 200, easing: "ease-out" },
    );
  }, []);
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      <div
        ref={ref}
        data-toast
        className="pointer-events-auto flex max-w-md items-start gap-3 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
      >
        <p aria-hidden="true">{text}</p>
        <button
          type="button"
          onClick={onClose}
          aria-label="Dismiss message"
          className="-my-1 rounded px-1 font-semibold focus-visible:outline-2 focus-visible:outline-sky-500"
        >
          ✕
        </button>
      </div>
    </div>
  );
}
