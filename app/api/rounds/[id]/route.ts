import { AppError } from "@/lib/errors";
import { ZRoundParams } from "@/lib/schemas/http";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";
import { readSession } from "@/lib/server-only/session-cookie";

export const dynamic = "force-dynamic";

/** The round and a seat snapshot with its seq; the viewer's own seat carries `mine`. */
export const GET = route(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const params = parseOrThrow(ZRoundParams, await context.params);
  const services = getServices();
  const session = await readSession();
  const snapshot = await services.getRoundSnapshot(params.id, session.applicantId);
  if (!snapshot) throw new AppError("NOT_FOUND", "No such round.");
  return json({ ok: true, ...snapshot });
});
