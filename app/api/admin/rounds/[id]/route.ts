import { AppError } from "@/lib/errors";
import { ZRoundEdit } from "@/lib/schemas/admin-rounds";
import { ZRoundParams } from "@/lib/schemas/http";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { json, readJson, route } from "@/lib/server-only/http";
import { ADMIN, commandMetaOf, refusalResponse } from "@/lib/server-only/request-meta";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** One round as the console shows it: layout, every seat with its holder, the waitlist (admins only, drafts too). */
export const GET = route(async (_request: Request, context: Context) => {
  await requireAdmin();
  const params = parseOrThrow(ZRoundParams, await context.params);
  const round = await getServices().adminRounds.round(params.id);
  if (!round) throw new AppError("NOT_FOUND", "No such round.");
  return json({ ok: true, ...round });
});

/** Edits a round's settings through the engine (admins only); watchers get round:updated. */
export const PATCH = route(async (request: Request, context: Context) => {
  await requireAdmin();
  const params = parseOrThrow(ZRoundParams, await context.params);
  const body = parseOrThrow(ZRoundEdit, await readJson(request));
  const meta = commandMetaOf(request, ADMIN);
  const result = await getServices().adminRounds.editRound(params.id, body, meta);
  if (!result.ok) return refusalResponse(result.code, result.message, meta.requestId);
  return json({ ok: true, requestId: meta.requestId, outcome: "OK", ...result.value });
});
