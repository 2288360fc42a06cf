import { notFound } from "next/navigation";
import { RoundBoard } from "@/components/board/round-board";
import { ZRoundParams } from "@/lib/schemas/http";
import { parseInput } from "@/lib/schemas/parse-input";
import { getServices } from "@/lib/server-only/server-context";
import { readSession } from "@/lib/server-only/session-cookie";

export const dynamic = "force-dynamic";

/** Loads the round as this viewer sees it; RoundBoard keeps it live from there. */
export default async function RoundPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = parseInput(ZRoundParams, await params);
  if (!parsed.ok) notFound();
  const services = getServices();
  const session = await readSession();
  // The live session names the applicant; the row gives the name. No live applicant session: a watcher.
  const applicant = session.applicantId ? await services.findApplicant(session.applicantId) : null;
  const snapshot = await services.getRoundSnapshot(parsed.value.id, applicant?.id);
  if (!snapshot) notFound();
  return (
    <RoundBoard
      key={snapshot.round.id}
      initial={snapshot}
      viewer={applicant ? { name: applicant.name } : null}
      renderedAt={services.clock.now()}
    />
  );
}
