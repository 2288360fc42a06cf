import type { RoundStatus } from "@/lib/domain/round-clock";

const looks: Record<RoundStatus, { label: string; className: string }> = {
  OPEN: {
    label: "Open",
    className: "bg-emerald-100 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200",
  },
  PAUSED: {
    label: "Paused",
    className: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200",
  },
  DRAFT: {
    label: "Draft",
    className: "bg-slate-100 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-300",
  },
  CLOSED: {
    label: "Closed",
    className: "bg-slate-200 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-300",
  },
};

/** A round's status as a word, not only a colour. */
export function StatusBadge({ status }: { status: RoundStatus }) {
  const look = looks[status];
  return (
    <span
      data-round-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}
    >
      {look.label}
    </span>
  );
}
