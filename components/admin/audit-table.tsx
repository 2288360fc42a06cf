import Link from "next/link";
import type { AuditEntryView } from "@/lib/domain/audit";
import { formatInstant } from "../ui/format-deadline";
import { actionWords, changeWords } from "./audit-words";
import { linkClass } from "./form-parts";
import { cellClass, rowClass, ScrollTable } from "./scroll-table";

function Actor({ actor }: { actor: AuditEntryView["actor"] }) {
  if (actor.type === "admin") return <span className="font-medium">Admin</span>;
  if (actor.type === "system") return <span className="text-slate-600 dark:text-slate-400">System</span>;
  return (
    <span>
      {actor.name ?? "Applicant"}{" "}
      <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{actor.id}</span>
    </span>
  );
}

/**
 * Audit entries as a table, newest first: when, who, what, where, what
 * changed, the outcome (refusals stand out), the reason and the request id.
 */
export function AuditTable({
  entries,
  timeZone,
  caption,
  showRound = true,
}: {
  entries: AuditEntryView[];
  /** The zone the times are shown in (named in the header). */
  timeZone: string;
  caption: string;
  showRound?: boolean;
}) {
  const at = (ms: number) => formatInstant(ms, timeZone);
  const columns = [
    `When (${timeZone})`,
    "Who",
    "What",
    ...(showRound ? ["Round"] : []),
    "Seat",
    "Change",
    "Reason / fields",
    "Request",
  ];
  return (
    <ScrollTable caption={caption} columns={columns} minWidth="min-w-[56rem]" data-audit-table>
      {entries.map((e) => (
        <tr key={e.id} data-audit-entry={e.id} data-action={e.action} data-outcome={e.outcome} className={rowClass}>
          <td className={`${cellClass} whitespace-nowrap tabular-nums`}>
            <time dateTime={new Date(e.at).toISOString()}>{at(e.at)}</time>
          </td>
          <td className={cellClass}>
            <Actor actor={e.actor} />
          </td>
          <td className={cellClass}>
            {actionWords[e.action]}
            {e.outcome === "OK" ? null : (
              <span className="mt-0.5 block w-fit rounded bg-red-100 px-1.5 text-xs font-semibold text-red-900 dark:bg-red-950 dark:text-red-200">
                refused: {e.outcome}
              </span>
            )}
          </td>
          {showRound ? (
            <td className={cellClass}>
              {e.roundId ? (
                <Link href={`/admin/rounds/${e.roundId}`} className={linkClass}>
                  {e.roundTitle ?? e.roundId}
                </Link>
              ) : (
                "—"
              )}
            </td>
          ) : null}
          <td className={`${cellClass} font-medium`}>{e.seatId ? (e.seatLabel ?? "(removed)") : "—"}</td>
          <td className={cellClass}>
            {changeWords(
              e.before,
              e.after,
              at,
              e.seatId ? { before: e.holderBefore?.name ?? null, after: e.holderAfter?.name ?? null } : undefined,
            )}
          </td>
          <td className={`${cellClass} break-words`}>{e.detail ?? ""}</td>
          <td className="py-2 font-mono text-xs break-all text-slate-600 dark:text-slate-400">{e.requestId}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}
