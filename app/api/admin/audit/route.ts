import { ZAuditQuery } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { queryObject } from "@/lib/schemas/query-object";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** The audit log, newest first, filtered by round, seat, actor and time, paged by cursor (admins only). */
export const GET = route(async (request: Request) => {
  await requireAdmin();
  const query = parseOrThrow(ZAuditQuery, queryObject(new URL(request.url)));
  return json({ ok: true, ...(await getServices().audit.list(query)) });
});
