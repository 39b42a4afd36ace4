import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { formatNumber } from "@/lib/format";

export interface PagerProps {
  /** 1-based: the page shown. */
  page: number;
  pageSize: number;
  /** Rows (or items) matching the filters, over every page. */
  total: number;
  /** The URL of a page, the list's other URL state kept. */
  hrefFor: (page: number) => string;
  /** The navigation's name, e.g. "Orders pages". */
  label: string;
}

/**
 * "Showing 51–100 of 1,234" and first / previous / next / last links, for a
 * server-paginated list (DataTable's, or a list that is not a table). Plain
 * links: they work without JavaScript, and the back button undoes them.
 */
export function Pager({ page, pageSize, total, hrefFor, label }: PagerProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="table-range">
        {total === 0
          ? "No results"
          : page > pageCount
            ? `Nothing on this page: ${formatNumber(total)} in all`
            : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <PageLink href={hrefFor(1)} enabled={page > 1} label="First page">
          «
        </PageLink>
        <PageLink href={hrefFor(page - 1)} enabled={page > 1} label="Previous page" rel="prev">
          Previous
        </PageLink>
        <span aria-current="page" data-testid="page-status">
          Page {formatNumber(page)} of {formatNumber(pageCount)}
        </span>
        <PageLink href={hrefFor(page + 1)} enabled={page < pageCount} label="Next page" rel="next">
          Next
        </PageLink>
        <PageLink href={hrefFor(pageCount)} enabled={page < pageCount} label="Last page">
          »
        </PageLink>
      </div>
    </nav>
  );
}

function PageLink({ href, enabled, label, rel, children }: { href: string; enabled: boolean; label: string; rel?: string; children: ReactNode }) {
  const cls = buttonClass({ variant: "secondary", size: "sm" });
  if (!enabled) {
    return (
      // Not a link (nothing to follow), and no aria-label on a plain span: the name is screen-reader text.
      <span aria-disabled="true" className={`${cls} opacity-50`}>
        <span aria-hidden="true">{children}</span>
        <span className="sr-only">{label}</span>
      </span>
    );
  }
  return (
    <Link prefetch={false} href={href} aria-label={label} rel={rel} className={cls}>
      {children}
    </Link>
  );
}
