import Link from "next/link";
import { notFound } from "next/navigation";
import { cardClass, linkClass } from "@/components/admin/form-parts";
import { PageHeading } from "@/components/admin/page-heading";
import { ProgramForm } from "@/components/admin/program-form";
import { ProgramRounds } from "@/components/admin/program-rounds";
import { ZProgramParams } from "@/lib/schemas/admin-rounds";
import { parseInput } from "@/lib/schemas/parse-input";
import { requireAdminPage } from "@/lib/server-only/admin-auth";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

export const metadata = { title: "Program · Admin · Intake" };

/** One program: its settings form and its rounds. */
export default async function ProgramPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  await requireAdminPage(`/admin/programs/${encodeURIComponent(id)}`);
  const parsed = parseInput(ZProgramParams, { id });
  if (!parsed.ok) notFound();
  const program = (await getServices().adminRounds.overview()).find((p) => p.id === parsed.value.id);
  if (!program) notFound();
  const created = (await searchParams).created === "1";
  const { rounds, ...view } = program;
  return (
    <div className="space-y-8">
      <PageHeading crumbs={[{ href: "/admin", label: "Admin" }]} title={program.name}>
        {created ? (
          <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
            Program created. Add its first round below.
          </p>
        ) : null}
      </PageHeading>
      <section aria-labelledby="program-rounds" className={`${cardClass} space-y-3`}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="program-rounds" className="text-lg font-semibold">
            Rounds
          </h2>
          <Link href={`/admin/rounds/new?programId=${program.id}`} className={linkClass}>
            New round in {program.name}
          </Link>
        </div>
        <ProgramRounds programName={program.name} rounds={rounds} />
      </section>
      <section aria-labelledby="program-settings" className="space-y-3">
        <h2 id="program-settings" className="text-lg font-semibold">
          Settings
        </h2>
        <ProgramForm program={view} />
      </section>
    </div>
  );
}
