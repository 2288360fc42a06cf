import Link from "next/link";
import { linkClass } from "@/components/admin/form-parts";
import { PageHeading } from "@/components/admin/page-heading";
import { RoundForm } from "@/components/admin/round-form";
import { requireAdminPage } from "@/lib/server-only/admin-auth";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

export const metadata = { title: "New round · Admin · Intake" };

/** The form for a new round (created as a draft), for the program in `?programId=` or the first. */
export default async function NewRoundPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const programId = typeof query.programId === "string" ? query.programId : undefined;
  await requireAdminPage(
    programId ? `/admin/rounds/new?programId=${encodeURIComponent(programId)}` : "/admin/rounds/new",
  );
  const services = getServices();
  const programs = (await services.adminRounds.overview()).map((p) => ({
    id: p.id,
    name: p.name,
    timeZone: p.timeZone,
  }));
  return (
    <div className="space-y-6">
      <PageHeading crumbs={[{ href: "/admin", label: "Admin" }]} title="New round">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A round starts as a draft that applicants cannot see. Open it from its page when it is ready.
        </p>
      </PageHeading>
      {programs.length === 0 ? (
        <p className="text-sm">
          A round belongs to a program, and there is none yet.{" "}
          <Link href="/admin/programs/new" className={linkClass}>
            Create a program
          </Link>{" "}
          first.
        </p>
      ) : (
        <RoundForm mode="create" programs={programs} programId={programId} now={services.clock.now()} />
      )}
    </div>
  );
}
