"use client";

import { useId, useState } from "react";
import type { SeatStatus } from "@/lib/domain/seat-rules";
import type { ApiRefusal } from "../api/call-api";
import { formatInstant } from "../ui/format-deadline";
import { type CommandAnswer, callAdminApi } from "./admin-api";
import { ConfirmDialog, ReasonField } from "./confirm-dialog";
import { buttonClass, Field, inputClass } from "./form-parts";
import { cellClass, rowClass, ScrollTable } from "./scroll-table";

/** A held or booked seat as the console lists it: its live status, and its holder as last read. */
export interface TakenSeatRow {
  id: string;
  label: string;
  status: Exclude<SeatStatus, "FREE">;
  holder: { id: string; name: string } | null;
  heldUntil: number | null;
  bookedAt: number | null;
}

type SeatAction = "release" | "reassign";

interface SeatAnswer extends CommandAnswer {
  seat: { id: string; label: string; status: SeatStatus; holderId: string | null; heldUntil: number | null };
}

/**
 * The round's held and booked seats with who holds them, and per seat a
 * release or a reassignment, each behind a dialog that asks for the reason
 * (required: it is kept in the audit log and shown to the applicants concerned).
 */
export function SeatActions(props: {
  roundId: string;
  seats: TakenSeatRow[];
  waitlist: { applicantId: string; name: string; position: number }[];
  timeZone: string;
  onDone: (message: string) => void;
  /** A refusal other than a form error is audited: the page reads the trail again. */
  onRefused?: () => void;
}) {
  const { roundId, seats, waitlist, timeZone, onDone, onRefused } = props;
  const ids = useId();
  const [open, setOpen] = useState<{ action: SeatAction; seat: TakenSeatRow } | null>(null);
  const [reason, setReason] = useState("");
  const [toApplicantId, setToApplicantId] = useState("");
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<ApiRefusal | null>(null);

  const start = (action: SeatAction, seat: TakenSeatRow) => {
    setOpen({ action, seat });
    setReason("");
    setToApplicantId("");
    setRefusal(null);
  };

  async function confirm() {
    if (!open) return;
    const { action, seat } = open;
    const body = action === "release" ? { reason } : { toApplicantId: toApplicantId.trim(), reason };
    setPending(true);
    setRefusal(null);
    try {
      const answer = await callAdminApi<SeatAnswer>(`/api/admin/rounds/${roundId}/seats/${seat.id}/${action}`, {
        method: "POST",
        body,
      });
      if (!answer.ok) {
        setRefusal(answer);
        if (answer.code !== "INVALID_INPUT") onRefused?.();
        return;
      }
      setOpen(null);
      if (action === "release") onDone(`Seat ${seat.label} released; it is free again.`);
      else {
        const holderId = answer.value.seat.holderId;
        const to = waitlist.find((w) => w.applicantId === holderId)?.name ?? holderId;
        onDone(`Seat ${seat.label} reassigned${to ? ` to ${to}` : ""}.`);
      }
    } finally {
      setPending(false);
    }
  }

  const fieldError = (field: string) => (refusal?.field === field ? refusal.message : null);

  return (
    <div className="space-y-2">
      {seats.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No seat is held or booked.</p>
      ) : (
        <ScrollTable
          caption="Held and booked seats, with who holds them"
          columns={["Seat", "Status", "Holder", `Since / until (${timeZone})`, { label: "Actions", hidden: true }]}
          minWidth="min-w-[36rem]"
          data-taken-seats
        >
          {seats.map((seat) => (
            <tr key={seat.id} data-seat-row={seat.label} data-status={seat.status} className={rowClass}>
              <th scope="row" className={`${cellClass} font-semibold`}>
                {seat.label}
              </th>
              <td className={cellClass}>{seat.status === "HELD" ? "held" : "booked"}</td>
              <td className={cellClass}>
                {seat.holder ? (
                  <>
                    {seat.holder.name}{" "}
                    <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{seat.holder.id}</span>
                  </>
                ) : (
                  <span className="text-slate-600 dark:text-slate-400">…</span>
                )}
              </td>
              <td className={`${cellClass} tabular-nums`}>
                {seat.status === "HELD" && seat.heldUntil !== null
                  ? `held until ${formatInstant(seat.heldUntil, timeZone)}`
                  : seat.bookedAt !== null
                    ? `booked ${formatInstant(seat.bookedAt, timeZone)}`
                    : ""}
              </td>
              <td className="py-2">
                <div className="flex justify-end gap-2">
                  <button
                    type="button"
                    className={buttonClass.small}
                    aria-label={`Release seat ${seat.label}`}
                    onClick={() => start("release", seat)}
                  >
                    Release
                  </button>
                  <button
                    type="button"
                    className={buttonClass.small}
                    aria-label={`Reassign seat ${seat.label}`}
                    onClick={() => start("reassign", seat)}
                  >
                    Reassign
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {open ? (
        <ConfirmDialog
          title={open.action === "release" ? `Release seat ${open.seat.label}?` : `Reassign seat ${open.seat.label}?`}
          description={
            open.action === "release"
              ? `Frees the seat${open.seat.holder ? ` ${open.seat.holder.name} ${open.seat.status === "BOOKED" ? "booked" : "holds"}` : ""}. It goes to the first on the waitlist at once while the round takes claims; otherwise anyone can hold it. ${open.seat.holder?.name ?? "The holder"} sees the reason.`
              : `Gives the seat to another applicant, who must hold no seat in this round. A hold stays a hold (with a fresh hold length), a booking stays a booking.`
          }
          confirmLabel={open.action === "release" ? "Release seat" : "Reassign seat"}
          danger={open.action === "release"}
          pending={pending}
          error={refusal ? refusal.message : null}
          onConfirm={confirm}
          onCancel={() => setOpen(null)}
        >
          {open.action === "reassign" ? (
            <Field
              id={`${ids}-to`}
              label="Applicant id"
              hint={
                waitlist.length > 0
                  ? "Type an id, or pick someone from the waitlist."
                  : "The applicant's id (the audit log shows it)."
              }
              error={fieldError("toApplicantId")}
            >
              {(c) => (
                <>
                  <input
                    {...c}
                    // biome-ignore lint/a11y/noAutofocus: a dialog moves focus to its first field.
                    autoFocus
                    className={`${inputClass} font-mono`}
                    list={`${ids}-waitlist`}
                    autoCapitalize="none"
                    spellCheck={false}
                    value={toApplicantId}
                    onChange={(e) => setToApplicantId(e.target.value)}
                  />
                  <datalist id={`${ids}-waitlist`}>
                    {waitlist.map((w) => (
                      <option key={w.applicantId} value={w.applicantId}>
                        {`#${w.position} ${w.name}`}
                      </option>
                    ))}
                  </datalist>
                </>
              )}
            </Field>
          ) : null}
          <ReasonField
            id={`${ids}-reason`}
            required
            autoFocus={open.action === "release"}
            error={fieldError("reason")}
            value={reason}
            onChange={setReason}
          />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
