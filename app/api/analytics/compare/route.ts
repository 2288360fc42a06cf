import { AppError } from "@/lib/errors";
import { ZCompareQuery } from "@/lib/schemas/analytics";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { queryObject } from "@/lib/schemas/query-object";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** Two groups' admission rates, the difference with its 95% CI, the p-value and a verdict (admins only). */
export const GET = route(async (request: Request) => {
  await requireAdmin();
  const query = parseOrThrow(ZCompareQuery, queryObject(new URL(request.url)));
  const result = await getServices().analytics.compare(query);
  if (!result.ok) throw new AppError(result.code, result.message);
  return json({ ok: true, compare: result.value });
});
