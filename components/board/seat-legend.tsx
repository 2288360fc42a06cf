import type { SeatStatus } from "@/lib/domain/seat-rules";
import { seatLooks } from "./seat-look";

/** The key to the grid's symbols, with how many seats are in each state. */
export function SeatLegend({ counts, hasMine }: { counts: Record<SeatStatus, number>; hasMine: boolean }) {
  const items: { key: keyof typeof seatLooks; count?: number }[] = [
    { key: "FREE", count: counts.FREE },
    { key: "HELD", count: counts.HELD },
    { key: "BOOKED", count: counts.BOOKED },
  ];
  if (hasMine) items.push({ key: "MINE" });
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm" aria-label="Seat counts">
      {items.map(({ key, count }) => {
        const look = seatLooks[key];
        return (
          <li key={key} className="flex items-center gap-1.5" data-count={key}>
            <span
              aria-hidden="true"
              className={`inline-flex size-6 items-center justify-center rounded border text-xs ${look.className}`}
            >
              {look.symbol}
            </span>
            {count === undefined ? (
              <span>{look.word}</span>
            ) : (
              <span>
                <span className="font-semibold tabular-nums">{count}</span> {look.word}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
