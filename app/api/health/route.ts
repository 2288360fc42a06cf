import { errorResponse, json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** 200 when the database answers, 503 otherwise. */
export const GET = route(async () => {
  const { database } = await getServices().health();
  if (!database) return errorResponse("UNAVAILABLE", "The database is not answering.");
  return json({ ok: true, database: "up" });
});
