import { requireAdmin } from "@/lib/admin-auth";
import type { AdminSeatCommand } from "@/lib/domain/seat-rules";
import { AppError } from "@/lib/errors";
import { errorResponse, json, readJson, route } from "@/lib/http";
import { ADMIN, commandMetaOf, refusalResponse } from "@/lib/request-meta";
import { seatActions, ZSeatActionParams, ZSeatAdminReassign, ZSeatAdminRelease } from "@/lib/schemas/admin-rounds";
import { parseInput } from "@/lib/schemas/parse-input";
import { getServices } from "@/lib/server-context";

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
  const params = parseInput(ZSeatActionParams, raw);
  if (!params.ok) throw new AppError(params.code, params.message);
  const { id, seatId, action } = params.value;
  let command: AdminSeatCommand;
  if (action === "reassign") {
    const body = parseInput(ZSeatAdminReassign, await readJson(request));
    if (!body.ok) throw new AppError(body.code, body.message);
    command = { kind: "admin-reassign", seatId, ...body.value };
  } else {
    const body = parseInput(ZSeatAdminRelease, await readJson(request));
    if (!body.ok) throw new AppError(body.code, body.message);
    command = { kind: "admin-release", seatId, ...body.value };
  }
  const meta = commandMetaOf(request, ADMIN);
  const result = await getServices().adminRounds.seatCommand(id, command, meta);
  if (!result.ok) return refusalResponse(result.code, result.message, meta.requestId);
  return json({ ok: true, requestId: meta.requestId, outcome: "OK", seat: result.value });
});
