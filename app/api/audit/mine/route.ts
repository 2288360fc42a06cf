import { AppError } from "@/lib/errors";
import { ZMyAuditQuery } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { queryObject } from "@/lib/schemas/query-object";
import { json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";
import { readSession } from "@/lib/server-only/session-cookie";

export const dynamic = "force-dynamic";

/** The signed-in applicant's own audit entries: what happened to seats they held, newest first. */
export const GET = route(async (request: Request) => {
  const services = getServices();
  const session = await readSession();
  if (!session.applicantId) throw new AppError("UNAUTHENTICATED", "Sign in with a name to see your history.");
  const query = parseOrThrow(ZMyAuditQuery, queryObject(new URL(request.url)));
  return json({ ok: true, ...(await services.audit.mine(session.applicantId, query)) });
});
