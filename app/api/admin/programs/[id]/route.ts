import { requireAdmin } from "@/lib/admin-auth";
import { AppError } from "@/lib/errors";
import { json, readJson, route } from "@/lib/http";
import { ADMIN, commandMetaOf } from "@/lib/request-meta";
import { ZProgramEdit, ZProgramParams } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { getServices } from "@/lib/server-context";

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
