"use client";

import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useClockOffset } from "@/components/hooks/use-clock-offset";
import { useRoundBoard } from "@/components/hooks/use-round-board";
import { reconnectSocket, useSocketState } from "@/components/hooks/use-socket";
import { formatDeadline } from "@/components/ui/format-deadline";
import { StatusBadge } from "@/components/ui/status-badge";
import { Toast } from "@/components/ui/toast";
import type { Ack, RoundSnapshot, SeatView } from "@/lib/realtime/events";
import { ConnectionState } from "./connection-state";
import { HoldCountdown, NextMilestone, RoundCountdown } from "./countdown";
import { SeatGrid } from "./seat-grid";
import { SeatLegend } from "./seat-legend";
import { SeatList } from "./seat-list";
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
const buttonVariant = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700",
  secondary: "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800",
};

/** One of the panel's commands: a button that stays disabled while the board is not live. */
function ActionButton(props: {
  variant: keyof typeof buttonVariant;
  wide?: boolean;
  label?: string;
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      disabled={props.disabled}
      aria-label={props.label}
      onClick={props.onClick}
      className={`${buttonBase} ${buttonVariant[props.variant]}${props.wide ? " w-full" : ""}`}
    >
      {props.children}
    </button>
  );
}

/** The live board of one round: header and countdown, the viewer's seat and actions, the seat grid. */
export function RoundBoard({ initial, viewer: initialViewer, renderedAt }: RoundBoardProps) {
  const socketState = useSocketState();
  const { board, live, problem, waitlist, commands } = useRoundBoard(initial, (offer) =>
    say(`A seat came free for you: seat ${offer.label} is held for you. Confirm it before the hold runs out.`, false),
  );
  const offset = useClockOffset(renderedAt);
  const clock = useMemo(() => ({ offset, renderedAt }), [offset, renderedAt]);
  const [viewer, setViewer] = useState(initialViewer);
  // The polite live region: the viewer's own outcomes, in words.
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [toast, setToast] = useState<{ id: number; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [listView, setListView] = useState(false);

  const { round, seats } = board;
  const counts = useMemo(() => countSeats(seats), [seats]);
  const mySeat = seats.find((s) => s.mine && s.status !== "FREE");
  const open = round.status === "OPEN";
  // Commands wait for a live board: a command sent while catching up could act on a stale picture.
  const canAct = live && !busy;

  const say = useCallback((text: string, error: boolean) => {
    setMessage({ text, error });
    if (error) setToast({ id: Date.now(), text });
  }, []);

  const run = useCallback(
    async <T extends object>(action: () => Promise<Ack<T>>, done: (ack: T) => string) => {
      setBusy(true);
      setMessage(null);
      try {
        const ack = await action();
        if (ack.ok) say(done(ack), false);
        else say(ack.error.message, true);
      } finally {
        setBusy(false);
      }
    },
    [say],
  );

  // The grid and list get one stable pick handler, so a render of the board does not re-render 1,000 seats.
  const pickRef = useRef<(seat: SeatView) => void>(() => {});
  useEffect(() => {
    pickRef.current = (seat) => {
      if (!viewer) {
        say("Sign in with your name first, then pick a seat.", true);
        return;
      }
      if (!canAct) return;
      void run(
        () => commands.hold(seat.id),
        ({ hold }) => `Seat ${hold.label} is held for you.`,
      );
    };
  });
  const pick = useCallback((seat: SeatView) => pickRef.current(seat), []);

  // Stable, so the toast's timer is not restarted by every render of the board.
  const closeToast = useCallback(() => setToast(null), []);

  const signedIn = (applicant: Applicant) => {
    setViewer({ name: applicant.name });
    say(`Welcome, ${applicant.name}. Pick a free seat or take the best available.`, false);
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
        {round.status === "CLOSED" ? null : <NextMilestone milestones={round.milestones} clock={clock} />}
        <ConnectionState socketState={socketState} live={live} problem={problem} />
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
                Signed in as <strong className="text-slate-900 dark:text-slate-100">{viewer.name}</strong> ·{" "}
                <a href="/me/activity" className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                  Your activity
                </a>
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
                    <ActionButton
                      variant="primary"
                      label={`Confirm seat ${mySeat.label}`}
                      disabled={!canAct}
                      onClick={() =>
                        run(
                          () => commands.confirm(mySeat.id),
                          ({ booking }) => `Seat ${booking.label} is booked for you.`,
                        )
                      }
                    >
                      Confirm
                    </ActionButton>
                    <ActionButton
                      variant="secondary"
                      label={`Release seat ${mySeat.label}`}
                      disabled={!canAct}
                      onClick={() =>
                        run(
                          () => commands.release(mySeat.id),
                          () => `Seat ${mySeat.label} is released; it is free again.`,
                        )
                      }
                    >
                      Release
                    </ActionButton>
                  </div>
                </>
              ) : mySeat?.status === "BOOKED" ? (
                <p>
                  Seat <strong>{mySeat.label}</strong> is booked for you.
                </p>
              ) : open && waitlist?.position ? (
                <div className="space-y-3" data-waitlist-position={waitlist.position}>
                  <p>
                    You are <strong>number {waitlist.position}</strong> in line
                    {waitlist.length > 1 ? ` (${waitlist.length} waiting)` : ""}. When a seat comes free it is held for
                    you at once.
                  </p>
                  <ActionButton
                    variant="secondary"
                    disabled={!canAct}
                    onClick={() =>
                      run(
                        () => commands.leaveWaitlist(),
                        () => "You left the waitlist.",
                      )
                    }
                  >
                    Leave the waitlist
                  </ActionButton>
                </div>
              ) : open && counts.FREE === 0 ? (
                <div className="space-y-3">
                  <p className="text-sm">
                    Every seat is taken{waitlist?.length ? ` and ${waitlist.length} waiting` : ""}. Join the waitlist
                    and the next seat that comes free is held for you.
                  </p>
                  <ActionButton
                    variant="primary"
                    wide
                    disabled={!canAct}
                    onClick={() =>
                      run(
                        () => commands.joinWaitlist(),
                        ({ position }) => `You are number ${position} on the waitlist.`,
                      )
                    }
                  >
                    Join the waitlist
                  </ActionButton>
                </div>
              ) : open ? (
                <>
                  <ActionButton
                    variant="primary"
                    wide
                    disabled={!canAct}
                    onClick={() =>
                      run(
                        () => commands.hold(),
                        ({ hold }) => `Seat ${hold.label} is held for you.`,
                      )
                    }
                  >
                    Best available
                  </ActionButton>
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
            data-announcer
            className={`min-h-5 text-sm ${message?.error ? "font-medium text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}
          >
            {message?.text}
          </p>
        </section>

        <section aria-labelledby="seats-heading" className="min-w-0 flex-1 space-y-3">
          <div className="flex items-center justify-between gap-2">
            <h2 id="seats-heading" className="text-base font-semibold">
              Seats
            </h2>
            <button
              type="button"
              aria-pressed={listView}
              onClick={() => setListView((v) => !v)}
              className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              List view
            </button>
          </div>
          <SeatLegend counts={counts} hasMine={mySeat !== undefined} />
          {listView ? (
            <SeatList seats={seats} canPick={open && live} onPick={pick} />
          ) : (
            <SeatGrid seats={seats} canPick={open && live} onPick={pick} />
          )}
        </section>
      </div>
      {toast ? <Toast key={toast.id} text={toast.text} onClose={closeToast} /> : null}
    </div>
  );
}
