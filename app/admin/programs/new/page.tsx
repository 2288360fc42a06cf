import { PageHeading } from "@/components/admin/page-heading";
import { ProgramForm } from "@/components/admin/program-form";
import { requireAdminPage } from "@/lib/server-only/admin-auth";

export const dynamic = "force-dynamic";

export const metadata = { title: "New program · Admin · Intake" };

export default async function NewProgramPage() {
  await requireAdminPage("/admin/programs/new");
  return (
    <div className="space-y-6">
      <PageHeading crumbs={[{ href: "/admin", label: "Admin" }]} title="New program">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A program holds rounds. Its time zone is the one its analytics count days in, and new rounds start in it.
        </p>
      </PageHeading>
      <ProgramForm />
    </div>
  );
}
