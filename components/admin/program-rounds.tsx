import Link from "next/link";
import { formatDeadline } from "@/components/ui/format-deadline";
import { StatusBadge } from "@/components/ui/status-badge";
import type { RoundSummary } from "@/lib/db/list-rounds";
import { linkClass } from "./form-parts";

/** A program's rounds, drafts included: status, seat counts and deadline, each linking to its console page. */
export function ProgramRounds({ programName, rounds }: { programName: string; rounds: RoundSummary[] }) {
  if (rounds.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No rounds yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={`Rounds of ${programName}`}>
      {rounds.map((round) => (
        <li
          key={round.id}
          className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2"
          data-admin-round-item={round.title}
        >
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/admin/rounds/${round.id}`} className={`${linkClass} font-medium`}>
              {round.title}
            </Link>
            <StatusBadge status={round.status} />
          </div>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            <span className="font-semibold tabular-nums">{round.free}</span> free ·{" "}
            <span className="font-semibold tabular-nums">{round.held}</span> held ·{" "}
            <span className="font-semibold tabular-nums">{round.booked}</span> booked
            <span className="text-slate-600 dark:text-slate-400"> of {round.seatCount}</span>
            <span className="text-slate-600 dark:text-slate-400">
              {" "}
              · deadline{" "}
              <time dateTime={new Date(round.deadline).toISOString()}>
                {formatDeadline(round.deadline, round.timeZone)}
              </time>
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}
