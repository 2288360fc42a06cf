import Link from "next/link";
import { formatDeadline } from "@/components/ui/format-deadline";
import type { AdminProgram } from "./admin-api";
import { AdminSignOutButton } from "./admin-sign-out-button";
import { cardClass, linkClass } from "./form-parts";
import { ProgramRounds } from "./program-rounds";

const sections = [
  {
    href: "/admin/audit",
    title: "Audit log",
    text: "Every seat change and admin action, filtered by round, seat, actor and time.",
  },
  {
    href: "/admin/analytics",
    title: "Analytics",
    text: "Applications over time, when applicants arrive, and how rounds fill.",
  },
] as const;

/** The admin home: every program with its rounds (drafts too), and the console's other sections. */
export function AdminHome({
  expiresAt,
  programs,
}: {
  /** When the admin session ends. */
  expiresAt: number;
  programs: AdminProgram[];
}) {
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Signed in as admin until{" "}
            <time dateTime={new Date(expiresAt).toISOString()}>{formatDeadline(expiresAt, "UTC")}</time>.
          </p>
        </div>
        <AdminSignOutButton />
      </div>
      <nav aria-label="Admin sections">
        <ul className="grid gap-3 sm:grid-cols-2">
          {sections.map((section) => (
            <li
              key={section.href}
              className="relative rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600"
            >
              <h2 className="text-lg font-semibold">
                <Link
                  href={section.href}
                  className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-sky-500"
                >
                  {section.title}
                </Link>
              </h2>
              <p className="text-sm text-slate-600 dark:text-slate-400">{section.text}</p>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="programs-heading" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="programs-heading" className="text-xl font-semibold">
            Programs and rounds
          </h2>
          <p className="flex flex-wrap gap-4 text-sm">
            <Link href="/admin/programs/new" className={linkClass}>
              New program
            </Link>
            {programs.length > 0 ? (
              <Link href="/admin/rounds/new" className={linkClass}>
                New round
              </Link>
            ) : null}
          </p>
        </div>
        {programs.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 p-6 text-slate-600 dark:border-slate-700 dark:text-slate-400">
            No programs yet. Create one, then add its rounds.
          </p>
        ) : (
          <ul className="space-y-4">
            {programs.map((program) => (
              <li key={program.id} className={`${cardClass} space-y-2`} data-admin-program={program.slug}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-lg font-semibold">
                    <Link href={`/admin/programs/${program.id}`} className={linkClass}>
                      {program.name}
                    </Link>{" "}
                    <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
                      {program.slug} · {program.timeZone}
                    </span>
                  </h3>
                  <Link href={`/admin/rounds/new?programId=${program.id}`} className={`${linkClass} text-sm`}>
                    New round<span className="sr-only"> in {program.name}</span>
                  </Link>
                </div>
                <ProgramRounds programName={program.name} rounds={program.rounds} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
