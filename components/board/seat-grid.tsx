"use client";

import { memo, useMemo } from "react";
import type { SeatView } from "@/lib/realtime/events";
import { seatAriaLabel, seatLookKey, seatLooks } from "./seat-look";

interface SeatGridProps {
  seats: readonly SeatView[];
  /** Called for a free seat; taken seats do nothing. Left out, no seat can be picked (round not open). */
  onPick?: (seat: SeatView) => void;
}

/** Seats laid out by row and column; each seat is a button that says its label and state. */
export function SeatGrid({ seats, onPick }: SeatGridProps) {
  const { rows, cols } = useMemo(() => {
    const byRow = new Map<number, SeatView[]>();
    let maxCol = 0;
    for (const seat of seats) {
      byRow.set(seat.row, [...(byRow.get(seat.row) ?? []), seat]);
      maxCol = Math.max(maxCol, seat.col);
    }
    return { rows: [...byRow.entries()].sort(([a], [b]) => a - b), cols: maxCol + 1 };
  }, [seats]);

  return (
    <div className="overflow-x-auto pb-2">
      <div className="flex min-w-fit flex-col gap-1.5 sm:gap-2">
        {rows.map(([row, rowSeats]) => (
          <fieldset
            key={row}
            className="grid gap-1.5 sm:gap-2"
            style={{ gridTemplateColumns: `repeat(${cols}, minmax(2.25rem, 1fr))` }}
          >
            <legend className="sr-only">Row {rowSeats[0]?.label.replace(/\d+$/, "") ?? row + 1}</legend>
            {rowSeats.map((seat) => (
              <SeatButton key={seat.id} seat={seat} onPick={onPick} />
            ))}
          </fieldset>
        ))}
      </div>
    </div>
  );
}

const SeatButton = memo(function SeatButton({ seat, onPick }: { seat: SeatView; onPick?: (seat: SeatView) => void }) {
  const look = seatLooks[seatLookKey(seat)];
  const free = seat.status === "FREE";
  const pickable = free && onPick !== undefined;
  return (
    <button
      type="button"
      data-seat-label={seat.label}
      data-status={seat.status}
      data-mine={seat.mine && !free ? "true" : "false"}
      aria-label={seatAriaLabel(seat)}
      aria-disabled={pickable ? undefined : true}
      onClick={pickable ? () => onPick(seat) : undefined}
      style={{ gridColumnStart: seat.col + 1 }}
      className={`flex h-11 flex-col items-center justify-center rounded-md border text-xs font-semibold transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 sm:h-12 sm:text-sm ${pickable ? "cursor-pointer" : "cursor-default"} ${free && !pickable ? "opacity-60" : ""} ${look.className}`}
    >
      <span>{seat.label}</span>
      <span aria-hidden="true" className="text-[0.7rem] leading-none">
        {look.symbol}
      </span>
    </button>
  );
});
