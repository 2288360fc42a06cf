"use client";

import { useCallback, useMemo, useState } from "react";
import { useClockOffset } from "@/components/hooks/use-clock-offset";
import { useRoundBoard } from "@/components/hooks/use-round-board";
import { reconnectSocket, useSocketConnected } from "@/components/hooks/use-socket";
import { formatDeadline } from "@/components/ui/format-deadline";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Ack, RoundSnapshot, SeatView } from "@/lib/realtime/events";
import { HoldCountdown, RoundCountdown } from "./countdown";
import { SeatGrid } from "./seat-grid";
import { SeatLegend } from "./seat-legend";
import { countSeats } from "./seat-look";
import { type Applicant, SignInForm } from "./sign-in-form";

export interface RoundBoardProps {
  initial: RoundSnapshot;
  /** The signed-in applicant, or null for a watcher. */
  viewer: { name: string } | null;
  /** Server time when the page was rendered (epoch ms). */
  renderedAt: number;
}

const buttonBase =
  "rounded-md px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50";

/** The live board of one round: header and countdown, the viewer's seat and actions, the seat grid. */
export function RoundBoard({ initial, viewer: initialViewer, renderedAt }: RoundBoardProps) {
  const connected = useSocketConnected();
  const { board, live, problem, commands } = useRoundBoard(initial);
  const offset = useClockOffset(renderedAt);
  const clock = useMemo(() => ({ offset, renderedAt }), [offset, renderedAt]);
  const [viewer, setViewer] = useState(initialViewer);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const { round, seats } = board;
  const counts = useMemo(() => countSeats(seats), [seats]);
  const mySeat = seats.find((s) => s.mine && s.status !== "FREE");
  const open = round.status === "OPEN";

  const run = useCallback(async <T extends object>(action: () => Promise<Ack<T>>, done: (ack: T) => string) => {
    setBusy(true);
    setMessage(null);
    try {
      const ack = await action();
      setMessage(ack.ok ? { text: done(ack), error: false } : { text: ack.error.message, error: true });
    } finally {
      setBusy(false);
    }
  }, []);

  const pick = useCallback(
    (seat: SeatView) => {
      if (!viewer) {
        setMessage({ text: "Sign in with your name first, then pick a seat.", error: true });
        return;
      }
      if (busy) return;
      void run(
        () => commands.hold(seat.id),
        ({ hold }) => `Seat ${hold.label} is held for you.`,
      );
    },
    [viewer, busy, run, commands],
  );

  const signedIn = (applicant: Applicant) => {
    setViewer({ name: applicant.name });
    setMessage({ text: `Welcome, ${applicant.name}. Pick a free seat or take the best available.`, error: false });
    // The server reads the session cookie only at the handshake.
    reconnectSocket();
  };

  return (
    <div data-round-board data-live={live ? "true" : "false"} className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">{round.programName}</p>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{round.title}</h1>
          <StatusBadge status={round.status} />
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Deadline{" "}
          <time dateTime={new Date(round.deadline).toISOString()} suppressHydrationWarning>
            {formatDeadline(round.deadline, round.timeZone)}
          </time>
        </p>
        <RoundCountdown round={round} clock={clock} />
        <ConnectionState connected={connected} live={live} problem={problem} />
      </header>

      <div className="flex flex-col gap-6 lg:flex-row-reverse lg:items-start">
        <section
          aria-labelledby="your-seat-heading"
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm lg:w-80 lg:shrink-0 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id="your-seat-heading" className="text-base font-semibold">
            Your seat
          </h2>
          {viewer ? (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                Signed in as <strong className="text-slate-900 dark:text-slate-100">{viewer.name}</strong>
              </p>
              {mySeat?.status === "HELD" ? (
                <>
                  {mySeat.heldUntil === undefined ? (
                    <p>
                      You hold seat <strong>{mySeat.label}</strong>.
                    </p>
                  ) : (
                    <HoldCountdown label={mySeat.label} until={mySeat.heldUntil} clock={clock} />
                  )}
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`Confirm seat ${mySeat.label}`}
                      onClick={() =>
                        run(
                          () => commands.confirm(mySeat.id),
                          ({ booking }) => `Seat ${booking.label} is booked for you.`,
                        )
                      }
                      className={`${buttonBase} bg-indigo-600 text-white hover:bg-indigo-700`}
                    >
                      Confirm
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`Release seat ${mySeat.label}`}
                      onClick={() =>
                        run(
                          () => commands.release(mySeat.id),
                          () => `Seat ${mySeat.label} is free again.`,
                        )
                      }
                      className={`${buttonBase} border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800`}
                    >
                      Release
                    </button>
                  </div>
                </>
              ) : mySeat?.status === "BOOKED" ? (
                <p>
                  Seat <strong>{mySeat.label}</strong> is booked for you.
                </p>
              ) : open ? (
                <>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      run(
                        () => commands.hold(),
                        ({ hold }) => `Seat ${hold.label} is held for you.`,
                      )
                    }
                    className={`${buttonBase} w-full bg-indigo-600 text-white hover:bg-indigo-700`}
                  >
                    Best available
                  </button>
                  <p className="text-sm text-slate-600 dark:text-slate-400">…or pick a free seat below.</p>
                </>
              ) : (
                <p className="text-sm">This round is not taking seats.</p>
              )}
            </>
          ) : round.status === "CLOSED" ? (
            <p className="text-sm">This round is closed.</p>
          ) : (
            <SignInForm onSignedIn={signedIn} />
          )}
          <p
            role="status"
            aria-live="polite"
            className={`min-h-5 text-sm ${message?.error ? "font-medium text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}
          >
            {message?.text}
          </p>
        </section>

        <section aria-labelledby="seats-heading" className="min-w-0 flex-1 space-y-3">
          <h2 id="seats-heading" className="text-base font-semibold">
            Seats
          </h2>
          <SeatLegend counts={counts} hasMine={mySeat !== undefined} />
          <SeatGrid seats={seats} onPick={open ? pick : undefined} />
        </section>
      </div>
    </div>
  );
}

function ConnectionState({ connected, live, problem }: { connected: boolean; live: boolean; problem: string | null }) {
  const [text, dot] = problem
    ? [problem, "bg-red-500"]
    : live
      ? ["Live", "bg-emerald-500"]
      : connected
        ? ["Catching up…", "bg-amber-500"]
        : ["Connecting…", "bg-amber-500"];
  return (
    <p className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
      {text}
    </p>
  );
}
