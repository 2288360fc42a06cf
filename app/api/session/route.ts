import { cookies } from "next/headers";
import { AppError } from "@/lib/errors";
import { json, readJson, route } from "@/lib/http";
import { ZCreateSession } from "@/lib/schemas/http";
import { parseInput } from "@/lib/schemas/parse-input";
import { getServices } from "@/lib/server-context";
import { readSession } from "@/lib/session-cookie";

export const dynamic = "force-dynamic";

/** Creates an applicant with a display name and signs them in (signed, httpOnly cookie). */
export const POST = route(async (request: Request) => {
  const body = parseInput(ZCreateSession, await readJson(request));
  if (!body.ok) throw new AppError(body.code, body.message);
  const services = getServices();
  const applicant = await services.createApplicant(body.value.name);
  const session = await readSession(await cookies(), services.session);
  session.applicantId = applicant.id;
  session.name = applicant.name;
  await session.save();
  return json({ ok: true, applicant }, { status: 201 });
});

/** The signed-in applicant, or null. */
export const GET = route(async () => {
  const services = getServices();
  const session = await readSession(await cookies(), services.session);
  const applicant = session.applicantId ? await services.findApplicant(session.applicantId) : null;
  return json({ ok: true, applicant });
});

/** Signs out. */
export const DELETE = route(async () => {
  const session = await readSession(await cookies(), getServices().session);
  session.destroy();
  return json({ ok: true });
});
