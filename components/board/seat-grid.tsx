"use client";

import { type KeyboardEvent, memo, type SyntheticEvent, useEffect, useMemo, useRef, useState } from "react";
import type { SeatView } from "@/lib/realtime/events";
import { seatAriaLabel, seatLookKey, seatLooks } from "./seat-look";

export interface SeatPickProps {
  seats: readonly SeatView[];
  /** Whether a free seat can be picked now (round open, board live). */
  canPick: boolean;
  /** Called for a free seat when canPick; keep it stable so seats do not re-render. */
  onPick: (seat: SeatView) => void;
}

interface Layout {
  rows: { row: number; name: string; seats: SeatView[] }[];
  cols: number;
  /** Where each seat is: its row's index in `rows` and its index within that row. */
  at: Map<string, { r: number; i: number }>;
}

function layOut(seats: readonly SeatView[]): Layout {
  const byRow = new Map<number, SeatView[]>();
  let maxCol = 0;
  for (const seat of seats) {
    const row = byRow.get(seat.row);
    if (row) row.push(seat);
    else byRow.set(seat.row, [seat]);
    maxCol = Math.max(maxCol, seat.col);
  }
  const rows = [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, rowSeats]) => ({
      row,
      name: rowSeats[0]?.label.replace(/\d+$/, "") || String(row + 1),
      seats: rowSeats,
    }));
  const at = new Map<string, { r: number; i: number }>();
  rows.forEach((row, r) => {
    row.seats.forEach((seat, i) => {
      at.set(seat.id, { r, i });
    });
  });
  return { rows, cols: maxCol + 1, at };
}

/** The seat a key press moves to from (r, i), or undefined to leave the key alone. */
function moveTarget(layout: Layout, r: number, i: number, event: KeyboardEvent): SeatView | undefined {
  const { rows } = layout;
  const row = rows[r];
  if (!row) return undefined;
  const nearestIn = (other: (typeof rows)[number] | undefined) => {
    const col = row.seats[i]?.col ?? 0;
    let best: SeatView | undefined;
    for (const seat of other?.seats ?? []) {
      if (!best || Math.abs(seat.col - col) < Math.abs(best.col - col)) best = seat;
    }
    return best;
  };
  switch (event.key) {
    case "ArrowRight":
      return row.seats[i + 1];
    case "ArrowLeft":
      return row.seats[i - 1];
    case "ArrowDown":
      return nearestIn(rows[r + 1]);
    case "ArrowUp":
      return nearestIn(rows[r - 1]);
    case "Home":
      return event.ctrlKey ? rows[0]?.seats[0] : row.seats[0];
    case "End":
      return event.ctrlKey ? rows.at(-1)?.seats.at(-1) : row.seats.at(-1);
    default:
      return undefined;
  }
}

/**
 * Seats laid out by row and column as an ARIA grid: one tab stop (roving
 * tabindex), arrow keys, Home/End (with Ctrl for the whole grid), and Enter or
 * Space to hold the focused seat. Clicks and keys are handled here, once, so
 * each seat cell only re-renders when its own seat changes.
 */
export function SeatGrid({ seats, canPick, onPick }: SeatPickProps) {
  const layout = useMemo(() => layOut(seats), [seats]);
  const gridRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const tabbableId = activeId !== null && layout.at.has(activeId) ? activeId : seats[0]?.id;

  const seatOf = (event: SyntheticEvent) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>("[data-seat-id]")?.dataset.seatId;
    const at = id === undefined ? undefined : layout.at.get(id);
    return at ? { at, seat: layout.rows[at.r]?.seats[at.i] } : undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const found = seatOf(event);
    if (!found) return;
    const target = moveTarget(layout, found.at.r, found.at.i, event);
    if (!target) return;
    event.preventDefault();
    setActiveId(target.id);
    gridRef.current?.querySelector<HTMLElement>(`[data-seat-id="${CSS.escape(target.id)}"]`)?.focus();
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: an ARIA grid; no HTML element gives one arrow-key tab stop.
    <div
      ref={gridRef}
      role="grid"
      aria-label="Seats"
      aria-rowcount={layout.rows.length}
      aria-colcount={layout.cols}
      className="overflow-x-auto pb-2"
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const found = seatOf(event);
        if (found?.seat) setActiveId(found.seat.id);
      }}
      onClick={(event) => {
        const seat = seatOf(event)?.seat;
        if (seat && canPick && seat.status === "FREE") onPick(seat);
      }}
    >
      <div className="flex min-w-fit flex-col gap-1.5 p-1 sm:gap-2">
        {layout.rows.map((row, r) => (
          // biome-ignore lint/a11y/useFocusableInteractive: a grid row; its cells hold the focusable seats.
          // biome-ignore lint/a11y/useSemanticElements: rows of a CSS grid laid out by column, not a table.
          <div
            key={row.row}
            role="row"
            aria-rowindex={r + 1}
            className="grid gap-1.5 sm:gap-2"
            style={{ gridTemplateColumns: `repeat(${layout.cols}, minmax(2.25rem, 1fr))` }}
          >
            {row.seats.map((seat) => (
              <SeatCell key={seat.id} seat={seat} tabbable={seat.id === tabbableId} pickable={canPick} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

const reducedMotion = () =>
  typeof window !== "undefined" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/** Briefly pulses an element whose `key` changed (not on first paint); still under reduced motion. */
export function usePulseOnChange<T extends HTMLElement>(key: string) {
  const ref = useRef<T>(null);
  // The key at first paint; cleared at the first change, after which every change pulses.
  const initial = useRef<string | null>(key);
  useEffect(() => {
    if (initial.current === key) return;
    initial.current = null;
    if (reducedMotion()) return;
    // transform and box-shadow only: neighbours do not move.
    ref.current?.animate(
      [
        { transform: "scale(1.12)", boxShadow: "0 0 0 3px rgb(14 165 233 / 0.6)" },
        { transform: "scale(1)", boxShadow: "0 0 0 0 rgb(14 165 233 / 0)" },
      ],
      { duration: 450, easing: "ease-out" },
    );
  }, [key]);
  return ref;
}

const SeatCell = memo(function SeatCell({
  seat,
  tabbable,
  pickable: canPick,
}: {
  seat: SeatView;
  tabbable: boolean;
  pickable: boolean;
}) {
  const lookKey = seatLookKey(seat);
  const look = seatLooks[lookKey];
  const free = seat.status === "FREE";
  const pickable = free && canPick;
  const ref = usePulseOnChange<HTMLButtonElement>(lookKey);
  // Counts this cell's commits in the DOM (an effect without deps runs after every render), so a
  // test can check that one seat's change re-renders that seat alone. It costs one attribute write per render.
  useEffect(() => {
    const el = ref.current;
    if (el) el.dataset.renders = String(Number(el.dataset.renders ?? 0) + 1);
  });
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: the seat button inside is what takes focus (APG grid).
    // biome-ignore lint/a11y/useSemanticElements: cells of a CSS grid placed by column, not a table.
    <div role="gridcell" aria-colindex={seat.col + 1} style={{ gridColumnStart: seat.col + 1 }}>
      <button
        ref={ref}
        type="button"
        tabIndex={tabbable ? 0 : -1}
        data-seat-id={seat.id}
        data-seat-label={seat.label}
        data-status={seat.status}
        data-mine={seat.mine && !free ? "true" : "false"}
        aria-label={seatAriaLabel(seat)}
        aria-disabled={pickable ? undefined : true}
        className={`flex h-11 w-full flex-col items-center justify-center rounded-md border text-xs font-semibold transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 sm:h-12 sm:text-sm ${pickable ? "cursor-pointer" : "cursor-default"} ${free && !pickable ? "opacity-60" : ""} ${look.className}`}
      >
        <span>{seat.label}</span>
        <span aria-hidden="true" className="text-[0.7rem] leading-none">
          {look.symbol}
        </span>
      </button>
    </div>
  );
});
