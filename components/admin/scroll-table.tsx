import type { ReactNode } from "react";

const headClass =
  "border-b border-slate-200 text-xs text-slate-600 uppercase dark:border-slate-700 dark:text-slate-400";
/** A body row's look; cells pad with `cellClass`. */
export const rowClass = "border-b border-slate-100 align-top dark:border-slate-800";
export const cellClass = "py-2 pr-3";

/**
 * A table that scrolls sideways on narrow screens inside a region the
 * keyboard can reach, with a caption for screen readers and a header row.
 * A column given as `{ label, hidden: true }` is named for screen readers only.
 */
export function ScrollTable({
  caption,
  columns,
  minWidth,
  children,
  ...data
}: {
  caption: string;
  columns: (string | { label: string; hidden: true })[];
  /** Below this width the table scrolls (a Tailwind min-width class). */
  minWidth: string;
  children: ReactNode;
} & { [key: `data-${string}`]: string | boolean | undefined }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <section tabIndex={0} aria-label={`${caption}, scrollable`} className="overflow-x-auto">
      <table className={`w-full text-left text-sm ${minWidth}`} {...data}>
        <caption className="sr-only">{caption}</caption>
        <thead className={headClass}>
          <tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <th key={column} scope="col" className={cellClass}>
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className={cellClass}>
                  <span className="sr-only">{column.label}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
