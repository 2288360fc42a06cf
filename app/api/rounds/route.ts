import { json, route } from "@/lib/http";
import { getServices } from "@/lib/server-context";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ ok: true, rounds: await getServices().listRounds() }));
