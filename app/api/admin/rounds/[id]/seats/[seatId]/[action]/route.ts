import type { AdminSeatCommand } from "@/lib/domain/seat-rules";
import { seatActions, ZSeatActionParams, ZSeatAdminReassign, ZSeatAdminRelease } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { errorResponse, json, readJson, route } from "@/lib/server-only/http";
import { ADMIN, commandMetaOf, refusalResponse } from "@/lib/server-only/request-meta";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; seatId: string; action: string }> };

/**
 * POST /api/admin/rounds/:id/seats/:seatId/{release|reassign} (admins only),
 * with a reason: a seat command through the reservation engine, planned with
 * the same guards as applicants' (a reassign keeps the one-seat rule).
 */
export const POST = route(async (request: Request, context: Context) => {
  await requireAdmin();
  const raw = await context.params;
  if (!(seatActions as readonly string[]).includes(raw.action)) return errorResponse("NOT_FOUND", "No such API route.");
  const { id, seatId, action } = parseOrThrow(ZSeatActionParams, raw);
  let command: AdminSeatCommand;
  if (action === "reassign") {
    const body = parseOrThrow(ZSeatAdminReassign, await readJson(request));
    command = { kind: "admin-reassign", seatId, ...body };
  } else {
    const body = parseOrThrow(ZSeatAdminRelease, await readJson(request));
    command = { kind: "admin-release", seatId, ...body };
  }
  const meta = commandMetaOf(request, ADMIN);
  const result = await getServices().adminRounds.seatCommand(id, command, meta);
  if (!result.ok) return refusalResponse(result.code, result.message, meta.requestId);
  return json({ ok: true, requestId: meta.requestId, outcome: "OK", seat: result.value });
});
