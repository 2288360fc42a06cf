"use client";

import Link from "next/link";
import { type ReactNode, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { NextMilestone, RoundCountdown, type ServerClock } from "@/components/board/countdown";
import { SeatGrid } from "@/components/board/seat-grid";
import { SeatLegend } from "@/components/board/seat-legend";
import { countSeats } from "@/components/board/seat-look";
import { useClockOffset } from "@/components/hooks/use-clock-offset";
import { useRoundBoard } from "@/components/hooks/use-round-board";
import { useSocketState } from "@/components/hooks/use-socket";
import { formatDeadline } from "@/components/ui/format-deadline";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Board } from "@/lib/realtime/board-sync";
import type { RoundSnapshot, SeatView } from "@/lib/realtime/events";
import { ConnectionState } from "../board/connection-state";
import { type AdminRound, type AuditPageAnswer, callAdminApi } from "./admin-api";
import { AuditTable } from "./audit-table";
import { cardClass, FormAlert, linkClass, StatusLine } from "./form-parts";
import { PageHeading } from "./page-heading";
import { RoundControls } from "./round-controls";
import { RoundForm } from "./round-form";
import { SeatActions, type TakenSeatRow } from "./seat-actions";

type AdminRoundAnswer = AdminRound & { ok: true };

/** How many of the round's latest audit entries the page shows (the audit page has them all). */
const AUDIT_ROWS = 25;
/** Broadcasts come in bursts: holders and the audit are read again at most this often. */
const REFRESH_MS = 300;

function snapshotOf(detail: AdminRound): RoundSnapshot {
  return {
    seq: detail.seq,
    round: detail.round,
    seats: detail.seats.map((s) => {
      const seat: SeatView = { id: s.id, label: s.label, row: s.row, col: s.col, status: s.status };
      if (s.status === "HELD" && s.heldUntil !== null) seat.heldUntil = s.heldUntil;
      return seat;
    }),
  };
}

/** Calls `run` once after a burst of calls to the returned function, at most every `ms`. */
function useTrailing(run: () => void, ms: number): () => void {
  const latest = useRef(run);
  // After commit (never from a render React may discard), before paint: a timer firing next sees this render's `run`.
  useLayoutEffect(() => {
    latest.current = run;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, ms);
  }, [ms]);
}

/**
 * The admin's page for one round: status and countdown, the round commands,
 * the live seat board with holders and per-seat release or reassign, the
 * waitlist, the settings form, the bookings CSV and the round's audit trail.
 * A draft is shown from the admin API; once published the board follows the
 * round live over the socket like any watcher's, and holder names, the
 * waitlist and the audit entries are read again after each change.
 */
export function RoundConsole({
  initial,
  renderedAt,
  created,
}: {
  initial: AdminRound;
  /** The server's clock when the page was rendered. */
  renderedAt: number;
  created: boolean;
}) {
  const roundId = initial.round.id;
  const [detail, setDetail] = useState(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(
    created ? "Round created as a draft: applicants do not see it until you open it." : null,
  );
  const [audit, setAudit] = useState<AuditPageAnswer | null>(null);
  const [auditError, setAuditError] = useState<string | null>(null);
  const offset = useClockOffset(renderedAt);
  const clock = useMemo(() => ({ offset, renderedAt }), [offset, renderedAt]);

  const refresh = useCallback(async () => {
    const [round, entries] = await Promise.all([
      callAdminApi<AdminRoundAnswer>(`/api/admin/rounds/${roundId}`),
      callAdminApi<AuditPageAnswer>(`/api/admin/audit?roundId=${encodeURIComponent(roundId)}&limit=${AUDIT_ROWS}`),
    ]);
    if (round.ok) {
      const { ok: _ok, ...value } = round.value;
      setDetail(value);
      setLoadError(null);
    } else setLoadError(`Could not read the round again: ${round.message}`);
    if (entries.ok) {
      setAudit(entries.value);
      setAuditError(null);
    } else setAuditError(entries.message);
  }, [roundId]);
  const refreshSoon = useTrailing(() => void refresh(), REFRESH_MS);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const done = useCallback(
    (text: string) => {
      setMessage(text);
      void refresh();
    },
    [refresh],
  );

  const panels = (board: Board, connection: ConnectionProps | null) => (
    <RoundPanels
      board={board}
      detail={detail}
      clock={clock}
      connection={connection}
      message={message}
      loadError={loadError}
      audit={audit}
      auditError={auditError}
      onDone={done}
      onRefused={refreshSoon}
    />
  );

  // A draft is not published, so there is no room to join: the admin API is its only source.
  if (detail.round.status === "DRAFT") return panels(snapshotOf(detail), null);
  return <LiveRound key={roundId} detail={detail} onChange={refreshSoon} render={panels} />;
}

interface ConnectionProps {
  live: boolean;
  problem: string | null;
  socketState: ReturnType<typeof useSocketState>;
}

/** A published round: its board joined as a watcher and kept live; every change asks for fresh holders. */
function LiveRound({
  detail,
  onChange,
  render,
}: {
  detail: AdminRound;
  onChange: () => void;
  render: (board: Board, connection: ConnectionProps) => ReactNode;
}) {
  const socketState = useSocketState();
  // Joined with the snapshot the page has; useRoundBoard reads it once and follows broadcasts from there.
  const [initial] = useState(() => snapshotOf(detail));
  const { board, live, problem } = useRoundBoard(initial);
  const firstSeq = useRef(board.seq);
  useEffect(() => {
    if (board.seq !== firstSeq.current) onChange();
  }, [board.seq, onChange]);
  return render(board, { live, problem, socketState });
}

function ConnectionLine({ connection }: { connection: ConnectionProps | null }) {
  if (!connection) {
    return (
      <p data-connection="draft" className="text-xs text-slate-600 dark:text-slate-400">
        Draft: not published, so nobody is watching yet.
      </p>
    );
  }
  return (
    <ConnectionState
      {...connection}
      liveText="Live: changes show as they happen"
      offlineText="Offline: the board shows the last state seen"
    />
  );
}

const noPick = () => {};

function RoundPanels(props: {
  board: Board;
  detail: AdminRound;
  clock: ServerClock;
  connection: ConnectionProps | null;
  message: string | null;
  loadError: string | null;
  audit: AuditPageAnswer | null;
  auditError: string | null;
  onDone: (message: string) => void;
  onRefused: () => void;
}) {
  const { board, detail, clock, connection, message, loadError, audit, auditError, onDone, onRefused } = props;
  const ids = useId();
  const { round, seats } = board;
  const counts = useMemo(() => countSeats(seats), [seats]);
  const published = round.status !== "DRAFT";

  const taken = useMemo<TakenSeatRow[]>(() => {
    const known = new Map(detail.seats.map((s) => [s.id, s]));
    return seats.flatMap((s): TakenSeatRow[] => {
      if (s.status === "FREE") return [];
      const d = known.get(s.id);
      // The holder as last read; the live status decides whether it still applies.
      const same = d?.status === s.status;
      return [
        {
          id: s.id,
          label: s.label,
          status: s.status,
          holder: same ? (d?.holder ?? null) : null,
          heldUntil: s.heldUntil ?? (same ? (d?.heldUntil ?? null) : null),
          bookedAt: same ? (d?.bookedAt ?? null) : null,
        },
      ];
    });
  }, [seats, detail.seats]);

  const onSaved = useCallback(
    (answer: { fields: string[] }) =>
      onDone(answer.fields.length === 0 ? "Nothing changed." : `Settings saved: ${answer.fields.join(", ")}.`),
    [onDone],
  );

  return (
    <div className="space-y-8" data-admin-round={round.id} data-round-status={round.status}>
      <header className="space-y-2">
        <PageHeading
          crumbs={[
            { href: "/admin", label: "Admin" },
            { href: `/admin/programs/${round.programId}`, label: round.programName },
          ]}
          title={round.title}
          badge={<StatusBadge status={round.status} />}
        />
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Opens{" "}
          <time dateTime={new Date(round.opensAt).toISOString()}>{formatDeadline(round.opensAt, round.timeZone)}</time>{" "}
          · Deadline{" "}
          <time dateTime={new Date(round.deadline).toISOString()} data-deadline={round.deadline}>
            {formatDeadline(round.deadline, round.timeZone)}
          </time>{" "}
          · holds last {round.holdSeconds} s
        </p>
        <RoundCountdown round={round} clock={clock} />
        {round.status === "CLOSED" ? null : <NextMilestone milestones={round.milestones} clock={clock} />}
        <ConnectionLine connection={connection} />
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {published ? (
            <>
              <li>
                <Link href={`/rounds/${round.id}`} className={linkClass}>
                  Applicants’ page
                </Link>
              </li>
              <li>
                <Link href={`/rounds/${round.id}/screen`} className={linkClass}>
                  Big screen
                </Link>
              </li>
            </>
          ) : null}
          <li>
            <a href={`/api/admin/rounds/${round.id}/bookings.csv`} download className={linkClass}>
              Download bookings (CSV)
            </a>
          </li>
          <li>
            <Link href={`/admin/audit?roundId=${round.id}`} className={linkClass}>
              Full audit log of this round
            </Link>
          </li>
        </ul>
      </header>

      <section aria-labelledby={`${ids}-controls`} className={`${cardClass} space-y-3`}>
        <h2 id={`${ids}-controls`} className="text-lg font-semibold">
          Round commands
        </h2>
        <RoundControls round={round} onDone={onDone} onRefused={onRefused} />
        <StatusLine message={message} name="round" />
        <FormAlert message={loadError} />
      </section>

      <section aria-labelledby={`${ids}-seats`} className="space-y-3">
        <h2 id={`${ids}-seats`} className="text-lg font-semibold">
          Seats
        </h2>
        <SeatLegend counts={counts} hasMine={false} />
        <SeatGrid seats={seats} canPick={false} onPick={noPick} />
        <h3 className="text-base font-semibold">Held and booked</h3>
        <SeatActions
          roundId={round.id}
          seats={taken}
          waitlist={detail.waitlist}
          timeZone={round.timeZone}
          onDone={onDone}
          onRefused={onRefused}
        />
      </section>

      <section aria-labelledby={`${ids}-waitlist`} className="space-y-2">
        <h2 id={`${ids}-waitlist`} className="text-lg font-semibold">
          Waitlist
        </h2>
        {detail.waitlist.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nobody is waiting.</p>
        ) : (
          <ol className="space-y-1 text-sm" data-waitlist>
            {detail.waitlist.map((w) => (
              <li key={w.applicantId}>
                <span className="tabular-nums">#{w.position}</span> {w.name}{" "}
                <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{w.applicantId}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby={`${ids}-settings`} className={`${cardClass} space-y-3`}>
        <h2 id={`${ids}-settings`} className="text-lg font-semibold">
          Settings
        </h2>
        <RoundForm
          mode="edit"
          round={round}
          layout={detail.layout}
          locked={round.status === "CLOSED" ? "A closed round cannot change." : null}
          onSaved={onSaved}
          onRefused={onRefused}
        />
      </section>

      <section aria-labelledby={`${ids}-audit`} className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`${ids}-audit`} className="text-lg font-semibold">
            Latest activity
          </h2>
          <Link href={`/admin/audit?roundId=${round.id}`} className={`${linkClass} text-sm`}>
            All of this round’s entries
          </Link>
        </div>
        <FormAlert message={auditError ? `Could not read the audit log: ${auditError}` : null} />
        {audit === null ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
        ) : audit.entries.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing recorded yet.</p>
        ) : (
          <AuditTable
            entries={audit.entries}
            timeZone={round.timeZone}
            caption={`Latest audit entries of ${round.title}`}
            showRound={false}
          />
        )}
      </section>
    </div>
  );
}
