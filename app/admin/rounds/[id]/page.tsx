import { notFound } from "next/navigation";
import { RoundConsole } from "@/components/admin/round-console";
import { ZRoundParams } from "@/lib/schemas/http";
import { parseInput } from "@/lib/schemas/parse-input";
import { requireAdminPage } from "@/lib/server-only/admin-auth";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

export const metadata = { title: "Round · Admin · Intake" };

/** One round in the admin console; RoundConsole keeps it live and runs the commands. */
export default async function AdminRoundPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  await requireAdminPage(`/admin/rounds/${encodeURIComponent(id)}`);
  const parsed = parseInput(ZRoundParams, { id });
  if (!parsed.ok) notFound();
  const services = getServices();
  const round = await services.adminRounds.round(parsed.value.id);
  if (!round) notFound();
  const created = (await searchParams).created === "1";
  return <RoundConsole key={round.round.id} initial={round} renderedAt={services.clock.now()} created={created} />;
}
