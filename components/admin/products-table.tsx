"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useTransition } from "react";
import {
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type PaginationState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";
import type { AdminProductDto } from "@/lib/admin/products";
import { PRODUCT_PAGE_SIZE, productSorts, type ProductListQuery, type ProductSort } from "@/lib/validation/admin-products";
import { withParams } from "./admin-query";

// Sorting and paging belong to the server (the URL): the table only holds their state and renders the page it is given.
const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const helper = createColumnHelper<typeof features, AdminProductDto>();

function columnsFor(currency: string, timeZone: string) {
  return helper.columns([
    helper.accessor("name", {
      id: "name",
      header: "Name",
      cell: (info) => (
        <Link href={`/admin/products/${info.row.original.id}`} className="font-medium text-brand-700 hover:underline">
          {info.getValue()}
        </Link>
      ),
    }),
    helper.accessor("sku", { id: "sku", header: "SKU", cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
    helper.accessor("priceCents", { id: "price", header: "Price", cell: (info) => formatMoney(info.getValue(), currency), meta: { numeric: true } }),
    helper.accessor("pv", { id: "pv", header: "PV", cell: (info) => formatNumber(info.getValue()), meta: { numeric: true } }),
    helper.accessor("cvCents", { id: "cv", header: "CV", cell: (info) => formatMoney(info.getValue(), currency), meta: { numeric: true } }),
    helper.accessor("active", {
      id: "status",
      header: "Status",
      enableSorting: false,
      cell: (info) => (info.getValue() ? <StatusBadge tone="green">Active</StatusBadge> : <StatusBadge tone="slate">Archived</StatusBadge>),
    }),
    helper.accessor("updatedAt", { id: "updated", header: "Updated", cell: (info) => formatDate(info.getValue(), timeZone) }),
  ]);
}

const isSort = (id: string | undefined): id is ProductSort => (productSorts as readonly string[]).includes(id ?? "");

export function ProductsTable({
  rows,
  total,
  query,
  currency,
  timeZone,
}: {
  rows: AdminProductDto[];
  total: number;
  query: ProductListQuery;
  currency: string;
  timeZone: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const columns = useMemo(() => columnsFor(currency, timeZone), [currency, timeZone]);
  const sorting = useMemo<SortingState>(() => [{ id: query.sort, desc: query.dir === "desc" }], [query.sort, query.dir]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: query.page - 1, pageSize: PRODUCT_PAGE_SIZE }), [query.page]);
  const current = { q: query.q, status: query.status === "active" ? undefined : query.status, sort: query.sort, dir: query.dir, page: query.page };
  const go = (changes: Record<string, string | number | undefined>) => startTransition(() => router.push(withParams("/admin/products", current, changes)));

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => String(row.id),
    state: { sorting, pagination },
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    enableSortingRemoval: false,
    enableMultiSort: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      if (isSort(next?.id)) go({ sort: next.id, dir: next.desc ? "desc" : "asc", page: 1 });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => go({ page: functionalUpdate(updater, pagination).pageIndex + 1 }),
  });

  return (
    <div className="space-y-3" aria-busy={pending}>
      <ScrollRegion label="Products">
        <table className="w-full text-sm" data-testid="products-table">
          <caption className="sr-only">
            Products, sorted by {query.sort} {query.dir === "desc" ? "descending" : "ascending"}
          </caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = (header.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={`px-3 py-2 font-medium ${numeric ? "text-right" : ""}`}
                    >
                      {header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:text-slate-900">
                          <table.FlexRender header={header} />
                          <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                        </button>
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
              <tr key={row.id} data-testid={`product-row-${row.original.sku}`}>
                {row.getAllCells().map((cell) => {
                  const numeric = (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <td key={cell.id} className={`px-3 py-2 ${numeric ? "text-right tabular-nums" : ""}`}>
                      <table.FlexRender cell={cell} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <nav aria-label="Product pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <p>
          {total === 0
            ? "No products match."
            : `${formatNumber(query.page * PRODUCT_PAGE_SIZE - PRODUCT_PAGE_SIZE + 1)}–${formatNumber(Math.min(total, query.page * PRODUCT_PAGE_SIZE))} of ${formatNumber(total)}`}
        </p>
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50"
          >
            Previous
          </button>
          <span>
            Page {query.page} of {Math.max(1, table.getPageCount())}
          </span>
          <button
            type="button"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50"
          >
            Next
          </button>
        </div>
      </nav>
    </div>
  );
}
