import { roundActions, ZRoundAction, ZRoundActionParams, ZRoundExtend } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { errorResponse, json, readJson, route } from "@/lib/server-only/http";
import { ADMIN, commandMetaOf, refusalResponse } from "@/lib/server-only/request-meta";
import type { AdminRoundCommand } from "@/lib/server-only/server-context";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/**
 * POST /api/admin/rounds/:id/{open|pause|resume|extend|close} (admins only):
 * a round command through the reservation engine, under the same rules and in
 * the same queue as applicants' commands; audited, and broadcast as round:updated.
 */
export const POST = route(async (request: Request, context: { params: Promise<{ id: string; action: string }> }) => {
  await requireAdmin();
  const raw = await context.params;
  if (!(roundActions as readonly string[]).includes(raw.action))
    return errorResponse("NOT_FOUND", "No such API route.");
  const { id, action } = parseOrThrow(ZRoundActionParams, raw);
  let command: AdminRoundCommand;
  if (action === "extend") {
    const body = parseOrThrow(ZRoundExtend, await readJson(request));
    command = { kind: "extend", ...body };
  } else {
    const body = parseOrThrow(ZRoundAction, await readJson(request));
    command = { kind: action, ...body };
  }
  const meta = commandMetaOf(request, ADMIN);
  const result = await getServices().adminRounds.roundCommand(id, command, meta);
  if (!result.ok) return refusalResponse(result.code, result.message, meta.requestId);
  return json({ ok: true, requestId: meta.requestId, outcome: "OK", ...result.value });
});
