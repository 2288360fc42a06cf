import type { SocketState } from "../hooks/use-socket";

/**
 * The connection line of a live board: live, catching up, reconnecting,
 * offline, or a problem. `liveText` and `offlineText` say what that means on
 * the page that shows it.
 */
export function ConnectionState({
  socketState,
  live,
  problem,
  liveText = "Live",
  offlineText = "Offline: seat actions wait until you are back",
}: {
  socketState: SocketState;
  live: boolean;
  problem: string | null;
  liveText?: string;
  offlineText?: string;
}) {
  const state = problem ? "problem" : live ? "live" : socketState === "offline" ? "offline" : "reconnecting";
  const [text, dot] = {
    problem: [problem, "bg-red-500"],
    live: [liveText, "bg-emerald-500"],
    reconnecting: [socketState === "connected" ? "Catching up…" : "Reconnecting…", "bg-amber-500 animate-pulse"],
    offline: [offlineText, "bg-red-500"],
  }[state];
  return (
    <p
      data-connection={state}
      aria-live="polite"
      className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400"
    >
      <span aria-hidden="true" className={`size-2 rounded-full motion-reduce:animate-none ${dot}`} />
      {text}
    </p>
  );
}
