import { requireAdmin } from "@/lib/admin-auth";
import { AppError } from "@/lib/errors";
import { errorResponse, json, readJson, route } from "@/lib/http";
import { ADMIN, commandMetaOf, refusalResponse } from "@/lib/request-meta";
import { roundActions, ZRoundAction, ZRoundActionParams, ZRoundExtend } from "@/lib/schemas/admin-rounds";
import { parseInput } from "@/lib/schemas/parse-input";
import type { AdminRoundCommand } from "@/lib/server-context";
import { getServices } from "@/lib/server-context";

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
  const params = parseInput(ZRoundActionParams, raw);
  if (!params.ok) throw new AppError(params.code, params.message);
  const { id, action } = params.value;
  let command: AdminRoundCommand;
  if (action === "extend") {
    const body = parseInput(ZRoundExtend, await readJson(request));
    if (!body.ok) throw new AppError(body.code, body.message);
    command = { kind: "extend", ...body.value };
  } else {
    const body = parseInput(ZRoundAction, await readJson(request));
    if (!body.ok) throw new AppError(body.code, body.message);
    command = { kind: action, ...body.value };
  }
  const meta = commandMetaOf(request, ADMIN);
  const result = await getServices().adminRounds.roundCommand(id, command, meta);
  if (!result.ok) return refusalResponse(result.code, result.message, meta.requestId);
  return json({ ok: true, requestId: meta.requestId, outcome: "OK", ...result.value });
});
