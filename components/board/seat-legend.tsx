import type { SeatStatus } from "@/lib/domain/seat-rules";
import { seatLooks } from "./seat-look";

/** The key to the grid's symbols, how many seats are in each state, and a bar of how full the round is. */
export function SeatLegend({ counts, hasMine }: { counts: Record<SeatStatus, number>; hasMine: boolean }) {
  const items: { key: keyof typeof seatLooks; count?: number }[] = [
    { key: "FREE", count: counts.FREE },
    { key: "HELD", count: counts.HELD },
    { key: "BOOKED", count: counts.BOOKED },
  ];
  if (hasMine) items.push({ key: "MINE" });
  const total = counts.FREE + counts.HELD + counts.BOOKED;
  const share = (n: number) => (total === 0 ? 0 : (100 * n) / total);
  return (
    <div className="space-y-2">
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
      <div className="flex items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
        <div
          role="img"
          aria-label={`${counts.BOOKED} booked and ${counts.HELD} held of ${total} seats`}
          data-fill-bar
          className="flex h-2 flex-1 overflow-hidden rounded-full bg-emerald-100 dark:bg-emerald-950"
        >
          <div
            className="bg-slate-500 transition-[width] duration-300 motion-reduce:transition-none"
            style={{ width: `${share(counts.BOOKED)}%` }}
          />
          <div
            className="bg-amber-400 transition-[width] duration-300 motion-reduce:transition-none"
            style={{ width: `${share(counts.HELD)}%` }}
          />
        </div>
        <span aria-hidden="true" className="w-16 text-right tabular-nums">
          {Math.round(share(counts.BOOKED + counts.HELD))}% taken
        </span>
      </div>
    </div>
  );
}
