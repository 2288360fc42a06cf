import { AdminHome } from "@/components/admin/admin-home";
import { requireAdminPage } from "@/lib/server-only/admin-auth";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** The admin home: the admin session and every program with its rounds, shown by AdminHome. */
export default async function AdminHomePage() {
  const admin = await requireAdminPage("/admin");
  const programs = await getServices().adminRounds.overview();
  return <AdminHome expiresAt={admin.expiresAt} programs={programs} />;
}
