import Link from "next/link";
import { linkClass } from "@/components/admin/form-parts";
import { MyActivity } from "@/components/admin/my-activity";
import { PageHeading } from "@/components/admin/page-heading";
import { getServices } from "@/lib/server-only/server-context";
import { readSession } from "@/lib/server-only/session-cookie";

export const dynamic = "force-dynamic";

export const metadata = { title: "Your activity · Intake", robots: { index: false, follow: false } };

/** An applicant's own audit entries; without an applicant session, how to get one. */
export default async function MyActivityPage() {
  const services = getServices();
  const session = await readSession();
  const applicant = session.applicantId ? await services.findApplicant(session.applicantId) : null;
  return (
    <div className="space-y-6">
      <PageHeading crumbs={[{ href: "/", label: "Rounds" }]} title="Your activity">
        {applicant ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Signed in as <strong className="text-slate-900 dark:text-slate-100">{applicant.name}</strong>. Every hold,
            booking and release of your seats, including what an admin or the system did to them.
          </p>
        ) : null}
      </PageHeading>
      {applicant ? (
        <MyActivity />
      ) : (
        <p className="text-sm">
          You are not signed in. Open a round from the{" "}
          <Link href="/" className={linkClass}>
            list of rounds
          </Link>{" "}
          and sign in with your name; what happens to your seats then shows here.
        </p>
      )}
    </div>
  );
}
