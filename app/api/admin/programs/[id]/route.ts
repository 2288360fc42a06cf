import { AppError } from "@/lib/errors";
import { ZProgramEdit, ZProgramParams } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { json, readJson, route } from "@/lib/server-only/http";
import { ADMIN, commandMetaOf } from "@/lib/server-only/request-meta";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** Edits a program's slug, name or description (admins only); a new name reaches its rounds' watchers. */
export const PATCH = route(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  await requireAdmin();
  const params = parseOrThrow(ZProgramParams, await context.params);
  const body = parseOrThrow(ZProgramEdit, await readJson(request));
  const meta = commandMetaOf(request, ADMIN);
  const result = await getServices().adminRounds.editProgram(params.id, body, meta);
  if (!result.ok) throw new AppError(result.code, result.message);
  return json({ ok: true, requestId: meta.requestId, outcome: "OK", program: result.value });
});
