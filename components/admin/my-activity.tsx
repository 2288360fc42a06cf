"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { browserTimeZone } from "@/components/ui/browser-time-zone";
import { type ApiRefusal, callApi } from "../api/call-api";
import { formatInstant } from "../ui/format-deadline";
import type { MyAuditPageAnswer } from "./admin-api";
import { actionWords, changeWords } from "./audit-words";
import { buttonClass, FormAlert, hintClass, linkClass } from "./form-parts";
import { cellClass, rowClass, ScrollTable } from "./scroll-table";

const PAGE_SIZE = 50;

const actorWords = { you: "You", admin: "An admin", system: "Intake" } as const;

/**
 * An applicant's own history (GET /api/audit/mine): what happened to every
 * seat they held, who did it and, when an admin did, why. Newest first, in
 * the browser's time zone, with older pages on request.
 */
export function MyActivity() {
  const [zone, setZone] = useState<string | null>(null);
  const [entries, setEntries] = useState<MyAuditPageAnswer["entries"]>([]);
  const [nextCursor, setNextCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [refusal, setRefusal] = useState<ApiRefusal | null>(null);
  const busy = useRef(false);

  const load = useCallback(async (cursor: number | null) => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    try {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (cursor !== null) query.set("cursor", String(cursor));
      const answer = await callApi<MyAuditPageAnswer>(`/api/audit/mine?${query}`);
      if (!answer.ok) {
        setRefusal(answer);
        return;
      }
      setRefusal(null);
      setEntries((current) => (cursor === null ? answer.value.entries : [...current, ...answer.value.entries]));
      setNextCursor(answer.value.nextCursor);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setZone(browserTimeZone());
    void load(null);
  }, [load]);

  const at = (ms: number) => formatInstant(ms, zone ?? "UTC");

  return (
    <section aria-labelledby="my-activity-entries" aria-busy={loading} className="space-y-3">
      <h2 id="my-activity-entries" className="text-lg font-semibold">
        What happened to your seats
      </h2>
      <FormAlert message={refusal ? refusal.message : null} />
      <p role="status" className={hintClass} data-activity-status>
        {loading && entries.length === 0
          ? "Loading…"
          : refusal
            ? ""
            : entries.length === 0
              ? "Nothing yet. When you hold a seat, it shows here."
              : `${entries.length === 1 ? "1 entry" : `${entries.length} entries`}, newest first. Times in your browser's time zone (${zone}).`}
      </p>
      {entries.length > 0 ? (
        <ScrollTable
          caption="Your activity, newest first"
          columns={[`When (${zone})`, "Round", "Seat", "What", "By", "Reason"]}
          minWidth="min-w-[40rem]"
          data-my-activity
        >
          {entries.map((e) => (
            <tr key={e.id} data-activity-entry={e.id} data-action={e.action} className={rowClass}>
              <td className={`${cellClass} whitespace-nowrap tabular-nums`}>
                <time dateTime={new Date(e.at).toISOString()}>{at(e.at)}</time>
              </td>
              <td className={cellClass}>
                {e.roundId ? (
                  <Link href={`/rounds/${e.roundId}`} className={linkClass}>
                    {e.roundTitle ?? "a round"}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className={`${cellClass} font-medium`}>{e.seatLabel ?? "—"}</td>
              <td className={cellClass}>
                {actionWords[e.action]}
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {changeWords(e.before, e.after, at)}
                  {e.after && typeof e.after.yours === "boolean"
                    ? e.after.yours
                      ? " · yours"
                      : " · no longer yours"
                    : ""}
                </span>
              </td>
              <td className={cellClass}>{actorWords[e.actor]}</td>
              <td className="py-2">{e.detail ?? ""}</td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      {nextCursor !== null ? (
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={loading}
          onClick={() => void load(nextCursor)}
        >
          Load older entries
        </button>
      ) : null}
    </section>
  );
}
