import type { ReservationEngine } from "../reservation-engine.ts";

/**
 * Every interval: frees expired holds (broadcast as seats:updated) and closes
 * rounds past their deadline. Correctness does not hang on it: every read and
 * claim already treats an expired hold as free.
 */
export function startSweeper(engine: ReservationEngine, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void engine.sweep().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
