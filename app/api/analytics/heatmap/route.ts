import { AppError } from "@/lib/errors";
import { ZHeatmapQuery } from "@/lib/schemas/analytics";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { queryObject } from "@/lib/schemas/query-object";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** The admission-rate heatmap (admins only): rows × buckets with counts, rate, z and anomaly flags. */
export const GET = route(async (request: Request) => {
  await requireAdmin();
  const query = parseOrThrow(ZHeatmapQuery, queryObject(new URL(request.url)));
  const result = await getServices().analytics.heatmap(query);
  if (!result.ok) throw new AppError(result.code, result.message);
  return json({ ok: true, ...result.value });
});
