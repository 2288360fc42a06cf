import { AppError } from "@/lib/errors";
import { zRoundCreate } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { json, readJson, route } from "@/lib/server-only/http";
import { ADMIN, commandMetaOf } from "@/lib/server-only/request-meta";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** Creates a DRAFT round with a rows × cols seat grid (admins only); opening it is a command. */
export const POST = route(async (request: Request) => {
  await requireAdmin();
  const services = getServices();
  const body = parseOrThrow(zRoundCreate(services.clock.now()), await readJson(request));
  const meta = commandMetaOf(request, ADMIN);
  const result = await services.adminRounds.createRound(body, meta);
  if (!result.ok) throw new AppError(result.code, result.message);
  return json({ ok: true, requestId: meta.requestId, outcome: "OK", ...result.value }, { status: 201 });
});
