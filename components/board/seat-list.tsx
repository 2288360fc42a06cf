"use client";

import { memo } from "react";
import type { SeatView } from "@/lib/realtime/events";
import type { SeatPickProps } from "./seat-grid";
import { seatLookKey, seatLooks } from "./seat-look";

/** The same seats and actions as the grid, as a table: easier with a screen reader or a narrow screen. */
export function SeatList({ seats, canPick, onPick }: SeatPickProps) {
  return (
    <div className="max-h-[32rem] overflow-y-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-sm">
        <caption className="sr-only">Seats, one per row, with their state</caption>
        <thead className="sticky top-0 bg-slate-100 text-left dark:bg-slate-800">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Seat
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              State
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {seats.map((seat) => (
            <SeatListRow key={seat.id} seat={seat} canPick={canPick} onPick={onPick} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SeatListRow = memo(function SeatListRow({
  seat,
  canPick,
  onPick,
}: {
  seat: SeatView;
  canPick: boolean;
  onPick: (seat: SeatView) => void;
}) {
  const look = seatLooks[seatLookKey(seat)];
  return (
    <tr
      data-list-seat={seat.label}
      data-status={seat.status}
      className="border-t border-slate-200 dark:border-slate-800"
    >
      <th scope="row" className="px-3 py-1.5 text-left font-semibold">
        {seat.label}
      </th>
      <td className="px-3 py-1.5">
        <span aria-hidden="true" className="mr-1.5">
          {look.symbol}
        </span>
        {look.word}
      </td>
      <td className="px-3 py-1.5 text-right">
        {seat.status === "FREE" ? (
          <button
            type="button"
            disabled={!canPick}
            onClick={() => onPick(seat)}
            className="rounded-md border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Hold <span className="sr-only">seat {seat.label}</span>
          </button>
        ) : null}
      </td>
    </tr>
  );
});
