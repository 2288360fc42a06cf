"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../api/call-api";

/** Ends the admin session (an applicant sign-in in the same browser stays) and returns to the login page. */
export function AdminSignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setPending(true);
    setError(null);
    const answer = await callApi("/api/admin/session", { method: "DELETE" });
    if (answer.ok) {
      router.replace("/admin/login");
      return;
    }
    setError("Could not sign out. Try again.");
    setPending(false);
  }

  return (
    <div className="space-y-1 text-right">
      <button
        type="button"
        onClick={signOut}
        disabled={pending}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {pending ? "Signing out…" : "Sign out of admin"}
      </button>
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
