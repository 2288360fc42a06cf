"use client";

import { useId, useState } from "react";
import { formatDeadline } from "@/components/ui/format-deadline";
import type { RoundView } from "@/lib/realtime/events";
import type { RoundAction } from "@/lib/schemas/admin-rounds";
import type { ApiRefusal } from "../api/call-api";
import { callAdminApi, type RoundAnswer } from "./admin-api";
import { ConfirmDialog, ReasonField } from "./confirm-dialog";
import { buttonClass, Field, inputClass } from "./form-parts";
import { fromZonedInput, toZonedInput } from "./zoned-time";

const HOUR = 3_600_000;

interface ActionLook {
  button: string;
  title: string;
  confirm: string;
  done: string;
  danger?: boolean;
  variant: keyof typeof buttonClass;
}

const looks: Record<RoundAction, ActionLook> = {
  open: {
    button: "Open round",
    title: "Open this round?",
    confirm: "Open round",
    done: "Round opened.",
    variant: "primary",
  },
  pause: {
    button: "Pause",
    title: "Pause this round?",
    confirm: "Pause round",
    done: "Round paused.",
    variant: "secondary",
  },
  resume: {
    button: "Resume",
    title: "Resume this round?",
    confirm: "Resume round",
    done: "Round resumed.",
    variant: "primary",
  },
  extend: {
    button: "Extend deadline",
    title: "Extend the deadline?",
    confirm: "Extend deadline",
    done: "Deadline extended.",
    variant: "secondary",
  },
  close: {
    button: "Close early",
    title: "Close this round now?",
    confirm: "Close round",
    done: "Round closed.",
    danger: true,
    variant: "danger",
  },
};

/** The commands a round's status allows, in the order they are offered. */
function actionsFor(status: RoundView["status"]): RoundAction[] {
  switch (status) {
    case "DRAFT":
      return ["open", "extend"];
    case "OPEN":
      return ["pause", "extend", "close"];
    case "PAUSED":
      return ["resume", "extend", "close"];
    case "CLOSED":
      return [];
  }
}

function describe(action: RoundAction, round: RoundView) {
  const at = (ms: number) => formatDeadline(ms, round.timeZone);
  switch (action) {
    case "open":
      return `Publishes the round: applicants see it at once and can claim seats from ${at(round.opensAt)} until ${at(round.deadline)}.`;
    case "pause":
      return "Freezes the countdown for everyone where it stands. Holds, confirmations and waitlist joins are refused until you resume; holds already running keep running.";
    case "resume":
      return "The countdown goes on for everyone from exactly where it stopped: the deadline moves later by the time spent paused.";
    case "extend":
      return `Moves the deadline later; everyone watching sees it at once. It is ${at(round.deadline)} now${round.status === "PAUSED" ? " (as of the pause; resuming moves it by the paused time)" : ""}.`;
    case "close":
      return "Ends the round now, before its deadline: no more seats are held or confirmed. A closed round cannot be reopened or changed.";
  }
}

/**
 * Open, pause, resume, extend and close, each behind a confirmation with an
 * optional reason for the audit log. The round's watchers (this page too) get
 * the change live before the answer arrives; `onDone` hears the outcome.
 */
export function RoundControls({
  round,
  onDone,
  onRefused,
}: {
  round: RoundView;
  onDone: (message: string) => void;
  /** A refusal other than a form error is audited: the page reads the trail again. */
  onRefused?: () => void;
}) {
  const ids = useId();
  const [action, setAction] = useState<RoundAction | null>(null);
  const [reason, setReason] = useState("");
  const [deadline, setDeadline] = useState("");
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<ApiRefusal | null>(null);

  const start = (next: RoundAction) => {
    setAction(next);
    setRefusal(null);
    setReason("");
    if (next === "extend") setDeadline(toZonedInput(round.deadline + HOUR, round.timeZone));
  };
  const cancel = () => {
    setAction(null);
    setRefusal(null);
  };

  async function confirm() {
    if (!action) return;
    const body: { reason?: string; deadline?: number } = {};
    if (reason.trim() !== "") body.reason = reason;
    if (action === "extend") {
      const at = fromZonedInput(deadline, round.timeZone);
      if (at === null) {
        setRefusal({
          ok: false,
          status: 400,
          code: "INVALID_INPUT",
          message: "deadline: enter a date and time",
          field: "deadline",
        });
        return;
      }
      body.deadline = at;
    }
    setPending(true);
    setRefusal(null);
    try {
      const answer = await callAdminApi<RoundAnswer>(`/api/admin/rounds/${round.id}/${action}`, {
        method: "POST",
        body,
      });
      if (!answer.ok) {
        setRefusal(answer);
        if (answer.code !== "INVALID_INPUT") onRefused?.();
        return;
      }
      const done = looks[action].done;
      setAction(null);
      onDone(
        action === "extend"
          ? `${done} New deadline: ${formatDeadline(answer.value.round.deadline, round.timeZone)}.`
          : done,
      );
    } finally {
      setPending(false);
    }
  }

  const available = actionsFor(round.status);
  const look = action ? looks[action] : null;
  const fieldError = (field: string) => (refusal?.field === field ? refusal.message : null);

  return (
    <div className="space-y-2">
      {available.length === 0 ? (
        <p className="text-sm">This round is closed. Closing is final: nothing about it can change now.</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          {available.map((a) => (
            <button
              key={a}
              type="button"
              className={buttonClass[looks[a].variant]}
              onClick={() => start(a)}
              data-round-command={a}
            >
              {looks[a].button}
            </button>
          ))}
        </div>
      )}
      {action && look ? (
        <ConfirmDialog
          title={look.title}
          description={describe(action, round)}
          confirmLabel={look.confirm}
          danger={look.danger}
          pending={pending}
          error={refusal ? refusal.message : null}
          onConfirm={confirm}
          onCancel={cancel}
        >
          {action === "extend" ? (
            <Field
              id={`${ids}-deadline`}
              label={`New deadline (${round.timeZone})`}
              hint="Later than the current deadline."
              error={fieldError("deadline")}
            >
              {(c) => (
                <input
                  {...c}
                  type="datetime-local"
                  // biome-ignore lint/a11y/noAutofocus: the dialog's one required field; showModal would pick it anyway.
                  autoFocus
                  className={inputClass}
                  value={deadline}
                  onChange={(e) => setDeadline(e.target.value)}
                />
              )}
            </Field>
          ) : null}
          <ReasonField
            id={`${ids}-reason`}
            autoFocus={action !== "extend"}
            error={fieldError("reason")}
            value={reason}
            onChange={setReason}
          />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
