import Link from "next/link";
import { formatDeadline } from "@/components/ui/format-deadline";
import { StatusBadge } from "@/components/ui/status-badge";
import type { RoundSummary } from "@/lib/db/list-rounds";

/** One round in the list; the title is the link, stretched over the whole card. */
export function RoundCard({ round }: { round: RoundSummary }) {
  return (
    <article className="relative h-full space-y-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600">
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">{round.programName}</p>
          <h2 className="text-lg font-semibold">
            <Link
              href={`/rounds/${round.id}`}
              className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-sky-500"
            >
              {round.title}
            </Link>
          </h2>
        </div>
        <StatusBadge status={round.status} />
      </div>
      <p className="text-sm">
        <span className="font-semibold tabular-nums">{round.free}</span> free ·{" "}
        <span className="font-semibold tabular-nums">{round.held}</span> held ·{" "}
        <span className="font-semibold tabular-nums">{round.booked}</span> booked
        <span className="text-slate-500 dark:text-slate-400"> of {round.seatCount}</span>
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Deadline{" "}
        <time dateTime={new Date(round.deadline).toISOString()}>{formatDeadline(round.deadline, round.timeZone)}</time>
      </p>
    </article>
  );
}
