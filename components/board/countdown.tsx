"use client";

import { useServerNow } from "@/components/hooks/use-server-now";
import { formatDuration } from "@/components/ui/format-duration";
import { remainingMs } from "@/lib/domain/round-clock";
import type { RoundView } from "@/lib/realtime/events";

/** How the page maps its own clock to the server's (see useClockOffset). */
export interface ServerClock {
  offset: number;
  renderedAt: number;
}

/** Time left before the round's deadline, by the server's clock; frozen while paused. */
export function RoundCountdown({ round, clock }: { round: RoundView; clock: ServerClock }) {
  const now = useServerNow(clock.offset, clock.renderedAt);
  if (round.status === "DRAFT") return <p className="text-lg font-medium">Not open yet</p>;
  if (round.status === "OPEN" && now < round.opensAt) {
    return (
      <p className="text-lg">
        Opens in <Timer ms={round.opensAt - now} />
      </p>
    );
  }
  const left = remainingMs(round, now);
  if (left <= 0) return <p className="text-lg font-medium">Closed for new seats</p>;
  return (
    <p className="text-lg">
      <Timer ms={left} /> left{round.status === "PAUSED" ? " (paused)" : ""}
    </p>
  );
}

/** The viewer's own hold: how long until it lapses. */
export function HoldCountdown({ label, until, clock }: { label: string; until: number; clock: ServerClock }) {
  const now = useServerNow(clock.offset, clock.renderedAt);
  const left = until - now;
  if (left <= 0) return <p>Your hold on seat {label} has run out.</p>;
  return (
    <p>
      You hold seat <strong>{label}</strong>. Confirm within <Timer ms={left} />.
    </p>
  );
}

function Timer({ ms }: { ms: number }) {
  // role="timer" is not announced on every tick (its live region is off by default).
  return (
    <span role="timer" className="font-semibold tabular-nums">
      {formatDuration(ms)}
    </span>
  );
}
