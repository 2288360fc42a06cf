import type { ReactNode } from "react";

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 aria-invalid:border-red-600 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-950 dark:scheme-dark dark:aria-invalid:border-red-400";
export const labelClass = "block text-sm font-medium";
export const hintClass = "text-sm text-slate-600 dark:text-slate-400";

const buttonBase =
  "inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50";
export const buttonClass = {
  primary: `${buttonBase} bg-indigo-600 text-white hover:bg-indigo-700`,
  secondary: `${buttonBase} border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800`,
  danger: `${buttonBase} bg-red-700 text-white hover:bg-red-800`,
  small:
    "rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800",
};
/** Underlined: links sit inside sentences too, where colour alone does not set them apart. */
export const linkClass =
  "text-sky-700 underline underline-offset-2 hover:text-sky-900 dark:text-sky-400 dark:hover:text-sky-300";
export const cardClass =
  "rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900";

/** The ids and ARIA a field's control needs: its error and hint are its description. */
export interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * A labelled form control with an optional hint and the error that names it.
 * The error sits in the control's description, so a screen reader reads it
 * when focus is moved there; the form's summary alert announces it once.
 */
export function Field(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const { id, label, hint, error, className, children } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`space-y-1 ${className ?? ""}`} data-field={id}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={errorId} data-field-error className="text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** An alert region that is always in the page, so a message put in it is announced. */
export function FormAlert({ message, id }: { message: string | null; id?: string }) {
  return (
    <div role="alert" id={id} tabIndex={id ? -1 : undefined} data-form-alert className="focus:outline-none">
      {message ? (
        <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A polite status line for outcomes that went well. */
export function StatusLine({ message, name = "form" }: { message: string | null; name?: string }) {
  return (
    <p role="status" className="min-h-5 text-sm text-slate-700 dark:text-slate-300" data-status-line={name}>
      {message}
    </p>
  );
}

/** Moves focus to the first control whose id is listed, after React has rendered the errors. */
export function focusFirst(ids: readonly string[]): void {
  requestAnimationFrame(() => {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el) {
        el.focus();
        return;
      }
    }
  });
}
