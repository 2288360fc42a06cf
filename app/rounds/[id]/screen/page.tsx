import { notFound } from "next/navigation";
import { RoundScreen } from "@/components/screen/round-screen";
import { ZRoundParams } from "@/lib/schemas/http";
import { parseInput } from "@/lib/schemas/parse-input";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

/** The read-only big-screen view; anonymous, so no seat is marked as anyone's. */
export default async function RoundScreenPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = parseInput(ZRoundParams, await params);
  if (!parsed.ok) notFound();
  const services = getServices();
  const snapshot = await services.getRoundSnapshot(parsed.value.id);
  if (!snapshot) notFound();
  return <RoundScreen key={snapshot.round.id} initial={snapshot} renderedAt={services.clock.now()} />;
}
