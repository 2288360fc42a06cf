import { AppError } from "@/lib/errors";
import { ZRoundParams } from "@/lib/schemas/http";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { requireAdmin } from "@/lib/server-only/admin-auth";
import { route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** The round's bookings as a CSV download (admins only). */
export const GET = route(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  await requireAdmin();
  const params = parseOrThrow(ZRoundParams, await context.params);
  const csv = await getServices().adminRounds.bookingsCsv(params.id);
  if (csv === null) throw new AppError("NOT_FOUND", "No such round.");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="bookings-${params.id}.csv"`,
      "cache-control": "no-store",
    },
  });
});
