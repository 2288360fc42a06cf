import type { SeatStatus } from "@/lib/domain/seat-rules";
import type { SeatView } from "@/lib/realtime/events";

export type SeatLookKey = SeatStatus | "MINE";

/** Each state has a word and a symbol as well as a colour, so colour is never the only cue. */
export const seatLooks: Record<SeatLookKey, { word: string; symbol: string; className: string }> = {
  FREE: {
    word: "free",
    symbol: "○",
    className:
      "border-emerald-600 bg-emerald-50 text-emerald-950 hover:bg-emerald-100 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-50 dark:hover:bg-emerald-900",
  },
  HELD: {
    word: "held",
    symbol: "◐",
    className:
      "border-amber-500 bg-amber-100 text-amber-950 dark:border-amber-400 dark:bg-amber-900/70 dark:text-amber-50",
  },
  BOOKED: {
    word: "booked",
    symbol: "●",
    className:
      "border-slate-400 bg-slate-300 text-slate-700 dark:border-slate-600 dark:bg-slate-700 dark:text-slate-300",
  },
  MINE: {
    word: "yours",
    symbol: "★",
    className:
      "border-indigo-800 bg-indigo-600 text-white ring-2 ring-indigo-400 ring-offset-2 ring-offset-slate-50 dark:border-indigo-300 dark:bg-indigo-500 dark:ring-offset-slate-950",
  },
};

export function seatLookKey(seat: SeatView): SeatLookKey {
  return seat.mine && seat.status !== "FREE" ? "MINE" : seat.status;
}

/** "Seat A1, free", "Seat B3, held by you". */
export function seatAriaLabel(seat: SeatView): string {
  const word = seatLooks[seat.status].word;
  return `Seat ${seat.label}, ${seat.mine && seat.status !== "FREE" ? `${word} by you` : word}`;
}

export function countSeats(seats: readonly SeatView[]): Record<SeatStatus, number> {
  const counts = { FREE: 0, HELD: 0, BOOKED: 0 };
  for (const seat of seats) counts[seat.status]++;
  return counts;
}
