import Link from "next/link";
import type { ReactNode } from "react";
import { linkClass } from "./form-parts";

/** A page's breadcrumb (the pages above it), its h1, and what the page is for. */
export function PageHeading({
  crumbs,
  title,
  badge,
  children,
}: {
  crumbs: { href: string; label: string }[];
  title: string;
  /** Beside the title, e.g. a status badge. */
  badge?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <p className="text-sm">
        {crumbs.map((crumb, i) => (
          <span key={crumb.href}>
            <Link href={crumb.href} className={linkClass}>
              {crumb.label}
            </Link>
            <span aria-hidden="true" className="text-slate-400">
              {i < crumbs.length - 1 ? " / " : " /"}
            </span>
          </span>
        ))}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {badge}
      </div>
      {children}
    </div>
  );
}
