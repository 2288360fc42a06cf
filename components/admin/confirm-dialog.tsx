"use client";

import { type FormEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { buttonClass, Field, FormAlert, inputClass } from "./form-parts";

/**
 * A modal confirmation (the native dialog: focus stays inside, Escape
 * cancels, focus returns to the opener) holding a small form. It stays open
 * on a refusal, with the message in its alert and the input kept.
 */
export function ConfirmDialog(props: {
  title: string;
  /** What will happen, in a sentence or two. */
  description: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { title, description, confirmLabel, danger, pending, error, onConfirm, onCancel, children } = props;
  const ids = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    opener.current = document.activeElement;
    dialog.showModal();
    return () => {
      dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) onConfirm();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-description`}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <form onSubmit={submit} noValidate className="space-y-4 p-5">
        <h2 id={`${ids}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <div id={`${ids}-description`} className="text-sm text-slate-700 dark:text-slate-300">
          {description}
        </div>
        {children}
        <FormAlert message={error} />
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className={danger ? buttonClass.danger : buttonClass.primary} disabled={pending}>
            {pending ? "Working…" : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The reason for an admin command: kept in the audit log, and for seat commands shown to the applicants concerned. */
export function ReasonField(props: {
  id: string;
  required?: boolean;
  autoFocus?: boolean;
  error: string | null;
  value: string;
  onChange: (value: string) => void;
}) {
  const { id, required, autoFocus, error, value, onChange } = props;
  return (
    <Field
      id={id}
      label={required ? "Reason (required)" : "Reason (optional, kept in the audit log)"}
      hint={required ? "Kept in the audit log and shown to the applicants concerned." : undefined}
      error={error}
    >
      {(c) => (
        <textarea
          {...c}
          rows={2}
          maxLength={500}
          // biome-ignore lint/a11y/noAutofocus: a dialog moves focus to its first field.
          autoFocus={autoFocus}
          className={inputClass}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
