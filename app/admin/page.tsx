import Link from "next/link";
import { AdminSignOutButton } from "@/components/admin/admin-sign-out-button";
import { formatDeadline } from "@/components/ui/format-deadline";
import { requireAdminPage } from "@/lib/admin-auth";

export const dynamic = "force-dynamic";

/** The admin home: where an admin lands after signing in. */
export default async function AdminHome() {
  const admin = await requireAdminPage("/admin");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Signed in as admin until{" "}
            <time dateTime={new Date(admin.expiresAt).toISOString()}>{formatDeadline(admin.expiresAt, "UTC")}</time>.
          </p>
        </div>
        <AdminSignOutButton />
      </div>
      <nav aria-label="Admin sections">
        <ul className="grid gap-3 sm:grid-cols-2">
          <li className="relative rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600">
            <h2 className="text-lg font-semibold">
              <Link
                href="/admin/analytics"
                className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-sky-500"
              >
                Analytics
              </Link>
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Applications over time, when applicants arrive, and how rounds fill.
            </p>
          </li>
        </ul>
      </nav>
    </div>
  );
}
