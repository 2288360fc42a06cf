import { json, route } from "@/lib/http";
import { getServices } from "@/lib/server-context";

export const dynamic = "force-dynamic";

/** 200 when the database answers, 503 otherwise. */
export const GET = route(async () => {
  const { database } = await getServices().health();
  return json({ ok: database, database: database ? "up" : "down" }, { status: database ? 200 : 503 });
});
