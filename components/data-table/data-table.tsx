"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import {
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";

/**
 * Server-side everything: the page of rows is already filtered, sorted and
 * sliced by the server, so the table only keeps sorting and pagination state,
 * and that state lives in the URL. Headers and pager are plain links (they work
 * before hydration, can be opened in a new tab, and the back button undoes them).
 * They are not prefetched: a page of rows holds dozens of links, and every
 * prefetch is a request (and a session-cookie refresh) for a page rarely opened.
 */
const dataTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });
export type DataTableFeatures = typeof dataTableFeatures;
type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData>;

export interface DataTableState {
  sorting: SortingState;
  pagination: PaginationState;
}

export interface DataTableProps<TData extends RowData> {
  columns: DataTableColumn<TData>[];
  data: TData[];
  state: DataTableState;
  /** Rows matching the filters, across all pages. */
  rowCount: number;
  /** The URL that shows a given state. */
  hrefFor: (state: DataTableState) => string;
  getRowId: (row: TData) => string;
  caption: string;
  /** Right-aligned (numeric) columns, by id. */
  numeric?: readonly string[];
  testId?: string;
}

const apply = <T,>(updater: Updater<T>, old: T): T => (typeof updater === "function" ? (updater as (old: T) => T)(old) : updater);

export function DataTable<TData extends RowData>({ columns, data, state, rowCount, hrefFor, getRowId, caption, numeric = [], testId }: DataTableProps<TData>) {
  const router = useRouter();
  // Programmatic changes (none of ours today, but any table API call) also go through the URL.
  const onSortingChange = useCallback(
    (u: Updater<SortingState>) => router.push(hrefFor({ sorting: apply(u, state.sorting), pagination: { ...state.pagination, pageIndex: 0 } })),
    [router, hrefFor, state],
  );
  const onPaginationChange = useCallback(
    (u: Updater<PaginationState>) => router.push(hrefFor({ sorting: state.sorting, pagination: apply(u, state.pagination) })),
    [router, hrefFor, state],
  );
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    state,
    onSortingChange,
    onPaginationChange,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    rowCount,
  });

  const { pageIndex, pageSize } = state.pagination;
  const pageCount = Math.max(1, table.getPageCount());
  const first = rowCount === 0 ? 0 : pageIndex * pageSize + 1;
  const last = Math.min(rowCount, (pageIndex + 1) * pageSize);
  const pageHref = (index: number) => hrefFor({ sorting: state.sorting, pagination: { pageIndex: index, pageSize } });
  const cellClass = (id: string) => (numeric.includes(id) ? "text-right tabular-nums" : "");

  return (
    <div data-testid={testId}>
      {/* Every column on a phone too: the table scrolls inside its region, the first column pinned. */}
      <ScrollRegion label={caption}>
        <table className="w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column;
                  const sorted = column.getIsSorted();
                  const next = column.getNextSortingOrder();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={`relative px-3 py-2 font-medium whitespace-nowrap ${cellClass(column.id)}`}
                    >
                      {header.isPlaceholder ? null : column.getCanSort() && next ? (
                        <Link
                          prefetch={false}
                          href={hrefFor({ sorting: [{ id: column.id, desc: next === "desc" }], pagination: { pageIndex: 0, pageSize } })}
                          scroll={false}
                          className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="text-xs">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                          <span className="sr-only">, sort {next === "desc" ? "descending" : "ascending"}</span>
                        </Link>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={`px-3 py-2 whitespace-nowrap ${cellClass(cell.column.id)}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <p data-testid="table-range">
          {rowCount === 0 ? "No rows" : `Showing ${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} of ${rowCount.toLocaleString("en-US")}`}
        </p>
        <div className="flex items-center gap-2">
          <PageLink href={pageHref(0)} enabled={table.getCanPreviousPage()} label="First page">
            «
          </PageLink>
          <PageLink href={pageHref(pageIndex - 1)} enabled={table.getCanPreviousPage()} label="Previous page">
            Previous
          </PageLink>
          <span aria-current="page" data-testid="page-status">
            Page {(pageIndex + 1).toLocaleString("en-US")} of {pageCount.toLocaleString("en-US")}
          </span>
          <PageLink href={pageHref(pageIndex + 1)} enabled={table.getCanNextPage()} label="Next page">
            Next
          </PageLink>
          <PageLink href={pageHref(pageCount - 1)} enabled={table.getCanNextPage()} label="Last page">
            »
          </PageLink>
        </div>
      </nav>
    </div>
  );
}

function PageLink({ href, enabled, label, children }: { href: string; enabled: boolean; label: string; children: React.ReactNode }) {
  const cls = "rounded-md border px-3 py-1.5 font-medium";
  if (!enabled) {
    return (
      <span aria-disabled="true" aria-label={label} className={`${cls} border-slate-200 text-slate-400`}>
        {children}
      </span>
    );
  }
  return (
    <Link
      prefetch={false}
      href={href}
      aria-label={label}
      className={`${cls} border-slate-300 bg-white text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none`}
    >
      {children}
    </Link>
  );
}
