"use client";

import { type FormEvent, useEffect, useId, useState } from "react";
import { callApi } from "../api/call-api";

export interface Applicant {
  id: string;
  name: string;
}

/** Asks for a display name and signs in through /api/session (which sets the session cookie). */
export function SignInForm({ onSignedIn }: { onSignedIn(applicant: Applicant): void }) {
  const inputId = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until hydrated, submitting would do a plain GET of this page: keep the button off until then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const answer = await callApi<{ ok: true; applicant: Applicant }>("/api/session", {
        method: "POST",
        body: { name },
      });
      if (answer.ok) onSignedIn(answer.value.applicant);
      else setError(answer.message.replace(/^name: (.*)$/, "Your name $1."));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2">
      <label htmlFor={inputId} className="block text-sm font-medium">
        Your name
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          name="name"
          required
          maxLength={60}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
        />
        <button
          type="submit"
          disabled={!ready || pending}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">Sign in with a name to hold a seat.</p>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
