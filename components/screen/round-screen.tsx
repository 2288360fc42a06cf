"use client";

import { useCallback, useMemo } from "react";
import { countSeats, seatLooks } from "@/components/board/seat-look";
import { useCountdown } from "@/components/hooks/use-countdown";
import { formatDuration } from "@/components/ui/format-duration";
import { StatusBadge } from "@/components/ui/status-badge";
import { remainingMs } from "@/lib/domain/round-clock";
import type { RoundSnapshot, RoundView, SeatView } from "@/lib/realtime/events";
import { type Connection, useRoundEvents } from "./use-round-events";

export interface RoundScreenProps {
  initial: RoundSnapshot;
  /** Server time when the page was rendered (epoch ms). */
  renderedAt: number;
}

/** A read-only big-screen view of one round: countdown, fill, seats and whether it is live. */
export function RoundScreen({ initial, renderedAt }: RoundScreenProps) {
  const { board, connection, offset } = useRoundEvents(initial, renderedAt);
  const { round, seats } = board;
  const counts = useMemo(() => countSeats(seats), [seats]);
  const total = seats.length;
  const taken = counts.HELD + counts.BOOKED;

  return (
    <section data-round-screen={round.id} data-seq={board.seq} className="flex flex-col gap-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-lg text-slate-500 dark:text-slate-400">{round.programName}</p>
          <h1 className="text-4xl font-bold tracking-tight">{round.title}</h1>
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge status={round.status} />
          <ConnectionStatus connection={connection} />
        </div>
      </header>

      <BigCountdown round={round} offset={offset} renderedAt={renderedAt} />

      <div className="flex flex-col gap-2">
        <p className="flex flex-wrap gap-x-6 text-2xl font-semibold tabular-nums">
          <span data-count="FREE">{counts.FREE} free</span>
          <span data-count="HELD">{counts.HELD} held</span>
          <span data-count="BOOKED">{counts.BOOKED} booked</span>
          <span className="text-slate-500 dark:text-slate-400">of {total}</span>
        </p>
        <div
          role="progressbar"
          aria-label="Seats taken"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={taken}
          aria-valuetext={`${taken} of ${total} seats taken`}
          className="flex h-6 overflow-hidden rounded-full bg-emerald-100 ring-1 ring-emerald-600/30 dark:bg-emerald-950"
        >
          <div className="bg-slate-500" style={{ width: percent(counts.BOOKED, total) }} />
          <div className="bg-amber-400" style={{ width: percent(counts.HELD, total) }} />
        </div>
      </div>

      <ScreenGrid seats={seats} />
    </section>
  );
}

function BigCountdown({ round, offset, renderedAt }: { round: RoundView; offset: number; renderedAt: number }) {
  // Before opensAt it counts to the opening; then to the deadline, frozen while paused, 0 after.
  const remainingAt = useCallback(
    (now: number) => (round.status === "OPEN" && now < round.opensAt ? round.opensAt - now : remainingMs(round, now)),
    [round],
  );
  const { ms, now, ref } = useCountdown<HTMLSpanElement>(remainingAt, offset, renderedAt);
  const notYet = round.status === "OPEN" && now < round.opensAt;
  const caption = notYet
    ? "until it opens"
    : round.status === "PAUSED"
      ? "left (paused)"
      : ms > 0
        ? "left"
        : "Closed for new seats";
  return (
    <div className="flex flex-wrap items-baseline gap-4">
      <span ref={ref} role="timer" className="text-8xl font-bold tabular-nums">
        {formatDuration(ms)}
      </span>
      <span className="text-2xl text-slate-600 dark:text-slate-300">{caption}</span>
    </div>
  );
}

function ConnectionStatus({ connection }: { connection: Connection }) {
  const live = connection === "live";
  return (
    <span
      role="status"
      data-connection={connection}
      className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-medium ${live ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
    >
      <span aria-hidden="true">{live ? "●" : "◌"}</span>
      {live ? "Live" : "Reconnecting…"}
    </span>
  );
}

/** A compact, non-interactive grid: each seat shows its label, a symbol and a colour. */
function ScreenGrid({ seats }: { seats: readonly SeatView[] }) {
  const cols = useMemo(() => seats.reduce((max, s) => Math.max(max, s.col + 1), 1), [seats]);
  return (
    <ul
      aria-label="Seats"
      className="grid gap-1.5"
      style={{ gridTemplateColumns: `repeat(${cols}, minmax(2rem, 1fr))` }}
    >
      {seats.map((seat) => {
        const look = seatLooks[seat.status];
        return (
          <li
            key={seat.id}
            data-seat-label={seat.label}
            data-status={seat.status}
            aria-label={`Seat ${seat.label}, ${look.word}`}
            style={{ gridColumnStart: seat.col + 1, gridRowStart: seat.row + 1 }}
            className={`flex h-12 flex-col items-center justify-center rounded-md border text-sm font-semibold ${look.className}`}
          >
            <span>{seat.label}</span>
            <span aria-hidden="true" className="text-xs leading-none">
              {look.symbol}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function percent(part: number, total: number): string {
  return total === 0 ? "0%" : `${(100 * part) / total}%`;
}
