import Link from "next/link";
import { formatNumber } from "@/lib/format";
import { withParams } from "./admin-query";

interface PagerProps {
  path: string;
  params: Record<string, string | number | undefined>;
  page: number;
  pageSize: number;
  total: number;
  label: string;
}

/** Previous / next links for a server-paginated list; plain links, so they work without JavaScript. */
export function Pager({ path, params, page, pageSize, total, label }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100";
  return (
    <nav aria-label={`${label} pages`} className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>
        {total === 0 ? "No results" : `${formatNumber((page - 1) * pageSize + 1)}–${formatNumber(Math.min(total, page * pageSize))} of ${formatNumber(total)}`}
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link className={link} href={withParams(path, params, { page: page - 1 })} rel="prev">
            Previous
          </Link>
        ) : null}
        <span aria-current="page">
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link className={link} href={withParams(path, params, { page: page + 1 })} rel="next">
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
