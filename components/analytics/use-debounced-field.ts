"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";

/**
 * A text field's own draft of a filter value, applied `delayMs` after the
 * last keystroke (or at once on flush: blur or Enter), so typing a date or a
 * zone name does not fetch for every half-typed value. A new value from
 * outside (a drill-down, a reset) replaces the draft.
 */
export function useDebouncedField(value: string, apply: (value: string) => void, delayMs = 500) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  const applyRef = useRef(apply);
  useLayoutEffect(() => {
    applyRef.current = apply;
  });

  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => applyRef.current(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, delayMs]);

  const flush = () => {
    if (draft !== value) applyRef.current(draft);
  };
  return { draft, setDraft, flush };
}
