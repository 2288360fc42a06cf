import { RoundCard } from "@/components/home/round-card";
import { getServices } from "@/lib/server-only/server-context";

export const dynamic = "force-dynamic";

export default async function Home() {
  const rounds = await getServices().listRounds();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Rounds</h1>
      {rounds.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-6 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No rounds yet. When a program opens a round, it appears here.
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {rounds.map((round) => (
            <li key={round.id}>
              <RoundCard round={round} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
