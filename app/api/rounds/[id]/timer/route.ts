import { AppError } from "@/lib/errors";
import { ZRoundParams } from "@/lib/schemas/http";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** Server-true countdown: remainingMs is frozen while paused and 0 after the deadline. */
export const GET = route(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const params = parseOrThrow(ZRoundParams, await context.params);
  const timer = await getServices().getRoundTimer(params.id);
  if (!timer) throw new AppError("NOT_FOUND", "No such round.");
  return json({ ok: true, ...timer });
});
