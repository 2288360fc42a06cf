import { requireAdmin } from "@/lib/server-only/admin-auth";
import { json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** Programs, channel labels and the span of the history, for the analytics filters (admins only). */
export const GET = route(async () => {
  await requireAdmin();
  return json({ ok: true, ...(await getServices().analytics.catalog()) });
});
