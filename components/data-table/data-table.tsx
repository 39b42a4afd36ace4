import Link from "next/link";
import type { ReactNode } from "react";
import {
  constructTable,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/table-core";
import { storeReactivityBindings } from "@tanstack/table-core/store-reactivity-bindings";
import { flexRender } from "@tanstack/react-table/flex-render";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Pager } from "./pager";
import { formatNumber } from "@/lib/format";

/**
 * The one table of every list. Server-side everything: the page of rows is
 * already filtered, sorted and sliced by the data layer, and the table's state
 * (sort, page) lives in the URL. So the table is built on the server with
 * TanStack's core (no React hook, no client component): it renders to plain
 * HTML, headers and pager are plain links that work before and without
 * hydration, can be opened in a new tab, and the back button undoes them. No
 * row object is serialised into the client payload.
 * Links are not prefetched: a page of rows holds dozens of links, and every
 * prefetch is a request (and a session-cookie refresh) for a page rarely opened.
 */
// A server render is one pass with fixed state: TanStack Store bindings are its plain, framework-free reactivity.
const features = tableFeatures({ coreReactivityFeature: storeReactivityBindings(), rowSortingFeature, rowPaginationFeature });
export type DataTableFeatures = typeof features;
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData>;
/** Column definitions for a list's rows, typed for this table's features. */
export const dataTableColumns = <TData extends RowData>() => createColumnHelper<DataTableFeatures, TData>();

export interface DataTableState {
  /** One sorted column at most; none when the list has a fixed order. */
  sort?: { id: string; desc: boolean };
  /** 1-based: the page actually shown (the data layer clamps a page past the end). */
  page: number;
  pageSize: number;
}

export interface DataTableProps<TData extends RowData> {
  columns: DataTableColumn<TData>[];
  data: TData[];
  state: DataTableState;
  /** Rows matching the filters, across all pages. */
  rowCount: number;
  /** The URL that shows a given state (the list's serializer keeps its filters). */
  hrefFor: (state: DataTableState) => string;
  getRowId: (row: TData) => string;
  /** Announced as the table's caption and the scroll region's name. */
  caption: string;
  /** Right-aligned (numeric) columns, by id. */
  numeric?: readonly string[];
  /** Extra classes for a column's header and cells, by id (hidden below a breakpoint, a fixed width). */
  columnClass?: Readonly<Record<string, string>>;
  /** Columns whose cells may wrap (a block of details); the rest stay on one line. */
  wrap?: readonly string[];
  /** Extra classes for a row (a flagged order's tint), and its test id. */
  rowClass?: (row: TData) => string;
  rowTestId?: (row: TData) => string;
  /** Shown instead of the table when nothing matches. */
  empty: ReactNode;
  /** Whether the first column stays in view while a wide table scrolls on a phone. */
  pinFirst?: boolean;
  testId?: string;
  /** The pager's name, e.g. "Orders pages". */
  pagerLabel?: string;
}

export function DataTable<TData extends RowData>({
  columns,
  data,
  state,
  rowCount,
  hrefFor,
  getRowId,
  caption,
  numeric = [],
  wrap = [],
  columnClass = {},
  rowClass,
  rowTestId,
  empty,
  pinFirst = true,
  testId,
  pagerLabel = "Pages",
}: DataTableProps<TData>) {
  const { page, pageSize, sort } = state;
  const sorting: SortingState = sort ? [sort] : [];
  const noop = () => undefined;
  const table = constructTable({
    features,
    columns,
    data,
    getRowId,
    state: { sorting, pagination: { pageIndex: page - 1, pageSize } },
    // The state is read-only here: every change is a link to a new URL.
    onSortingChange: noop,
    onPaginationChange: noop,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    enableSorting: sort !== undefined,
    rowCount,
  });

  if (rowCount === 0) return <div data-testid={testId}>{empty}</div>;

  const pageCount = Math.max(1, table.getPageCount());
  // A list whose data layer does not clamp the page: a hand-edited page past the end.
  if (data.length === 0) {
    return (
      <p data-testid={testId} className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        This page is past the last one.{" "}
        <Link prefetch={false} href={hrefFor({ sort, page: pageCount, pageSize })} className="text-brand-700 underline">
          Go to page {formatNumber(pageCount)}
        </Link>
      </p>
    );
  }
  const pageHref = (p: number) => hrefFor({ sort, page: p, pageSize });
  // A cell's own classes only where its column differs: the common ones are set once on the table (below), since every
  // class of every cell is in the page twice, in its HTML and in the React Server Components payload.
  const classes = (id: string, body: boolean) =>
    [numeric.includes(id) ? "text-right tabular-nums" : "", body && wrap.includes(id) ? "whitespace-normal!" : "", columnClass[id] ?? ""]
      .filter(Boolean)
      .join(" ");
  // Only the props a cell or row has: the payload spells out every prop given, an undefined one as "$undefined".
  const only = (props: Record<string, string | undefined>) => Object.fromEntries(Object.entries(props).filter(([, v]) => v));

  return (
    <div data-testid={testId}>
      {/* Every column on a phone too: the table scrolls inside its region, the first column pinned. */}
      <ScrollRegion label={caption} pinFirst={pinFirst}>
        <table className="w-full text-sm [&_tbody_tr]:align-top [&_tbody_tr:hover]:bg-slate-50 [&_td]:px-3 [&_td]:py-2 [&_td]:whitespace-nowrap">
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
                      className={`px-3 py-2 font-medium whitespace-nowrap ${classes(column.id, false)}`}
                    >
                      {header.isPlaceholder ? null : column.getCanSort() && next ? (
                        <Link
                          prefetch={false}
                          href={hrefFor({ sort: { id: column.id, desc: next === "desc" }, page: 1, pageSize })}
                          scroll={false}
                          className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
                        >
                          {flexRender(column.columnDef.header, header.getContext())}
                          <span aria-hidden="true" className="text-xs">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                          <span className="sr-only">, sort {next === "desc" ? "descending" : "ascending"}</span>
                        </Link>
                      ) : (
                        flexRender(column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} {...only({ "data-testid": rowTestId?.(row.original), className: rowClass?.(row.original) })}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.column.id} {...only({ className: classes(cell.column.id, true) })}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pager page={page} pageSize={pageSize} total={rowCount} hrefFor={pageHref} label={pagerLabel} />
    </div>
  );
}
