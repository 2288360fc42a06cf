import { AuditLog, type AuditQueryParams } from "@/components/admin/audit-log";
import { PageHeading } from "@/components/admin/page-heading";
import { requireAdminPage } from "@/lib/server-only/admin-auth";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

export const metadata = { title: "Audit log · Admin · Intake" };

const KEYS = ["roundId", "seatId", "actor", "from", "to"] as const;

/** The audit log with its filters; AuditLog reads the API, the URL keeps the filters. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const query: AuditQueryParams = {};
  for (const key of KEYS) {
    const value = raw[key];
    if (typeof value === "string" && value !== "") query[key] = value;
  }
  const search = new URLSearchParams(query as Record<string, string>).toString();
  await requireAdminPage(search ? `/admin/audit?${search}` : "/admin/audit");
  const rounds = (await getServices().adminRounds.overview()).flatMap((p) =>
    p.rounds.map((r) => ({ id: r.id, title: r.title, programName: p.name })),
  );
  return (
    <div className="space-y-6">
      <PageHeading crumbs={[{ href: "/admin", label: "Admin" }]} title="Audit log">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every seat change and every admin action, refused ones included, as it was committed. Nothing here can be
          edited or deleted.
        </p>
      </PageHeading>
      <AuditLog key={search} rounds={rounds} initialQuery={query} />
    </div>
  );
}
