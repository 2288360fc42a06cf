import { requireAdmin } from "@/lib/admin-auth";
import { AppError } from "@/lib/errors";
import { json, readJson, route } from "@/lib/http";
import { ADMIN, commandMetaOf } from "@/lib/request-meta";
import { zRoundCreate } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { getServices } from "@/lib/server-context";

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
