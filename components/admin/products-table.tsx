import Link from "next/link";
import { DataTable, dataTableColumns, type DataTableState } from "@/components/data-table/data-table";
import { NoMatches } from "@/components/ui/list-filters";
import { StatusBadge } from "@/components/ui/status-badge";
import type { AdminProductDto } from "@/lib/admin/products";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";
import { PRODUCT_PAGE_SIZE, productListHref, productSorts, type ProductListQuery, type ProductSort } from "@/lib/validation/admin-products";

const helper = dataTableColumns<AdminProductDto>();
const isSort = (id: string): id is ProductSort => (productSorts as readonly string[]).includes(id);

/** The catalog, sorted and paged by the server (the URL); every sortable header is a link. */
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
  const columns = helper.columns([
    helper.accessor("name", {
      header: "Name",
      cell: (info) => (
        <Link prefetch={false} href={`/admin/products/${info.row.original.id}`} className="font-medium text-brand-700 hover:underline">
          {info.getValue()}
        </Link>
      ),
    }),
    helper.accessor("sku", { header: "SKU", cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
    helper.accessor("priceCents", { id: "price", header: "Price", sortDescFirst: true, cell: (info) => formatMoney(info.getValue(), currency) }),
    helper.accessor("pv", { header: "PV", sortDescFirst: true, cell: (info) => formatNumber(info.getValue()) }),
    helper.accessor("cvCents", { id: "cv", header: "CV", sortDescFirst: true, cell: (info) => formatMoney(info.getValue(), currency) }),
    helper.accessor("active", {
      id: "status",
      header: "Status",
      enableSorting: false,
      cell: (info) => (info.getValue() ? <StatusBadge tone="green">Active</StatusBadge> : <StatusBadge tone="slate">Archived</StatusBadge>),
    }),
    helper.accessor("updatedAt", { id: "updated", header: "Updated", sortDescFirst: true, cell: (info) => formatDate(info.getValue(), timeZone) }),
  ]);
  const state: DataTableState = { sort: { id: query.sort, desc: query.dir === "desc" }, page: query.page, pageSize: PRODUCT_PAGE_SIZE };
  const hrefFor = (next: DataTableState) =>
    productListHref("/admin/products", {
      ...query,
      sort: next.sort && isSort(next.sort.id) ? next.sort.id : query.sort,
      dir: next.sort ? (next.sort.desc ? "desc" : "asc") : query.dir,
      page: next.page,
    });
  return (
    <DataTable
      columns={columns}
      data={rows}
      state={state}
      rowCount={total}
      hrefFor={hrefFor}
      getRowId={(p) => String(p.id)}
      caption="Products"
      numeric={["price", "pv", "cv"]}
      wrap={["name"]}
      rowTestId={(p) => `product-row-${p.sku}`}
      testId="products-table"
      pagerLabel="Product pages"
      empty={<NoMatches>No products match.</NoMatches>}
    />
  );
}
