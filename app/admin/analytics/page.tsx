import { AnalyticsDashboard } from "@/components/analytics/analytics-dashboard";
import { requireAdminPage } from "@/lib/server-only/admin-auth";

export const dynamic = "force-dynamic";

export const metadata = { title: "Analytics · Admin · Intake" };

/** Admission analytics. The client component fetches the analytics API itself, so this page only guards. */
export default async function AdminAnalyticsPage() {
  await requireAdminPage("/admin/analytics");
  return <AnalyticsDashboard />;
}
