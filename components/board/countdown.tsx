"use client";

import type { RefObject } from "react";
import { useCountdown } from "@/components/hooks/use-countdown";
import { formatDuration } from "@/components/ui/format-duration";
import { type MilestoneInfo, nextMilestone, remainingMs } from "@/lib/domain/round-clock";
import type { RoundView } from "@/lib/realtime/events";

/** How the page maps its own clock to the server's (see useClockOffset). */
export interface ServerClock {
  offset: number;
  renderedAt: number;
}

/** Below this, a hold's countdown turns into a warning. */
export const HOLD_WARNING_MS = 20_000;

/** Time left before the round's deadline, by the server's clock; frozen while paused, gone once closed. */
export function RoundCountdown({ round, clock }: { round: RoundView; clock: ServerClock }) {
  const { ms, now, ref } = useCountdown<HTMLSpanElement>(
    (serverNow) => remainingMs(round, serverNow),
    clock.offset,
    clock.renderedAt,
  );
  if (round.status === "DRAFT") return <p className="text-lg font-medium">Not open yet</p>;
  if (round.status === "CLOSED") {
    return (
      <p className="text-lg font-semibold" data-countdown="round" data-remaining-ms="0">
        CLOSED <span className="font-normal text-slate-600 dark:text-slate-400">· no more seats are given</span>
      </p>
    );
  }
  if (round.status === "OPEN" && now < round.opensAt) {
    return (
      <p className="text-lg">
        Opens in <Timer ms={round.opensAt - now} />
      </p>
    );
  }
  return (
    <p className="flex flex-wrap items-baseline gap-x-2 text-lg" data-countdown="round">
      {round.status === "PAUSED" ? (
        <span className="rounded bg-amber-100 px-1.5 text-sm font-bold tracking-wide text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          PAUSED
        </span>
      ) : null}
      {ms > 0 ? (
        <span>
          <Timer ms={ms} timerRef={ref} /> left
        </span>
      ) : (
        <span className="font-medium">
          <Timer ms={0} timerRef={ref} /> · closed for new seats
        </span>
      )}
    </p>
  );
}

/** The round's next milestone and how long until it is due. */
export function NextMilestone({ milestones, clock }: { milestones: readonly MilestoneInfo[]; clock: ServerClock }) {
  const { now, ms, ref } = useCountdown<HTMLSpanElement>(
    (serverNow) => {
      const next = nextMilestone(milestones, serverNow);
      return next?.dueAt ? next.dueAt - serverNow : 0;
    },
    clock.offset,
    clock.renderedAt,
  );
  const next = nextMilestone(milestones, now);
  if (!next) return null;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400" data-milestone>
      next: <span className="font-medium text-slate-900 dark:text-slate-100">{next.title}</span>
      {next.dueAt ? (
        <>
          {" "}
          in <Timer ms={ms} timerRef={ref} />
        </>
      ) : null}
    </p>
  );
}

/** The viewer's own hold: how long until it lapses, with a warning in its last seconds. */
export function HoldCountdown({ label, until, clock }: { label: string; until: number; clock: ServerClock }) {
  const { ms, ref } = useCountdown<HTMLSpanElement>((serverNow) => until - serverNow, clock.offset, clock.renderedAt);
  if (ms <= 0) return <p>Your hold on seat {label} has run out.</p>;
  const warning = ms <= HOLD_WARNING_MS;
  return (
    <div
      data-hold-countdown
      data-warning={warning ? "true" : "false"}
      className={`rounded-md border-l-4 px-3 py-2 ${warning ? "border-red-600 bg-red-50 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100" : "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950/60"}`}
    >
      {/* Same length either way, so the page below does not move when the warning starts. */}
      {warning ? (
        <p className="font-semibold">
          ⚠ Hurry: confirm seat {label} within <Timer ms={ms} timerRef={ref} />.
        </p>
      ) : (
        <p>
          You hold seat <strong>{label}</strong>. Confirm within <Timer ms={ms} timerRef={ref} />.
        </p>
      )}
      {/* Always there, filled once: a screen reader says the warning once, not every tenth. */}
      <p role="alert" className="sr-only">
        {warning ? `Less than ${HOLD_WARNING_MS / 1000} seconds left to confirm seat ${label}.` : ""}
      </p>
    </div>
  );
}

function Timer({ ms, timerRef }: { ms: number; timerRef?: RefObject<HTMLSpanElement | null> }) {
  // role="timer" is not announced on every tick (its live region is off by default).
  return (
    <span ref={timerRef} role="timer" className="font-semibold tabular-nums">
      {formatDuration(ms)}
    </span>
  );
}
