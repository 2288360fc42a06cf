import { AppError } from "@/lib/errors";
import { ZProgramCreate } from "@/lib/schemas/admin-rounds";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { json, readJson, route } from "@/lib/server-only/http";
import { ADMIN, commandMetaOf } from "@/lib/server-only/request-meta";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** Every program with all its rounds, drafts included, with seat counts (admins only). */
export const GET = route(async () => {
  await requireAdmin();
  return json({ ok: true, programs: await getServices().adminRounds.overview() });
});

/** Creates a program (admins only); audited as program.create. */
export const POST = route(async (request: Request) => {
  await requireAdmin();
  const body = parseOrThrow(ZProgramCreate, await readJson(request));
  const meta = commandMetaOf(request, ADMIN);
  const result = await getServices().adminRounds.createProgram(body, meta);
  if (!result.ok) throw new AppError(result.code, result.message);
  return json({ ok: true, requestId: meta.requestId, outcome: "OK", program: result.value }, { status: 201 });
});
