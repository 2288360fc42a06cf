"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { callApi } from "../api/call-api";

/** Asks for the admin password, signs in through /api/admin/session and goes on to `next`. */
export function AdminLoginForm({ next, notice }: { next: string; notice: string | null }) {
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until hydrated, submitting would do a plain GET with the password in the URL: keep the button off until then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const answer = await callApi("/api/admin/session", { method: "POST", body: { password } });
      if (answer.ok) {
        router.replace(next);
        return;
      }
      setError(answer.message.replace(/^password: (.*)$/, "The password $1."));
      // Unreached, the password was never judged: it stays for another try.
      if (answer.code === "NETWORK") return;
      setPassword("");
      input.current?.focus();
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="max-w-sm space-y-3" aria-label="Admin sign-in">
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          {notice}
        </p>
      ) : null}
      {/* For password managers, which file a password under a username. */}
      <input type="hidden" name="username" autoComplete="username" value="admin" />
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium">
          Admin password
        </label>
        <input
          ref={input}
          id={inputId}
          name="password"
          type="password"
          required
          maxLength={1024}
          autoComplete="current-password"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
        />
        <p id={hintId} className="text-sm text-slate-600 dark:text-slate-400">
          Set with ADMIN_PASSWORD, or printed once when the server first started.
        </p>
      </div>
      <button
        type="submit"
        disabled={!ready || pending}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </form>
  );
}
