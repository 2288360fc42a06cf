import { json, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ ok: true, rounds: await getServices().listRounds() }));
