import Link from "next/link";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table";
import { OrderStatusBadge, type OrderStatusName } from "@/components/ui/status-badge";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";

export interface OrderRow {
  id: number;
  kind: "personal" | "retail";
  status: OrderStatusName;
  customerName: string | null;
  totalCents: number;
  pv: number;
  createdAt: string;
}

const helper = dataTableColumns<OrderRow>();

/** A member's orders, newest first, a page at a time. */
export function OrdersTable({
  orders,
  total,
  page,
  pageSize,
  currency,
  orderHref,
  pageHref,
  timeZone,
}: {
  orders: OrderRow[];
  total: number;
  page: number;
  pageSize: number;
  currency: string;
  orderHref: (id: number) => string;
  pageHref: (page: number) => string;
  timeZone: string;
}) {
  const columns = helper.columns([
    helper.accessor("id", {
      header: "Order",
      cell: (info) => (
        <Link prefetch={false} href={orderHref(info.getValue())} className="font-medium text-brand-700 hover:underline">
          #{info.getValue()}
        </Link>
      ),
    }),
    helper.accessor("createdAt", { id: "date", header: "Date", cell: (info) => formatDate(info.getValue(), timeZone) }),
    helper.accessor("kind", {
      header: "Type",
      cell: ({ row: { original: o } }) => (o.kind === "retail" ? `Retail: ${o.customerName ?? "customer"}` : "Personal"),
    }),
    helper.accessor("status", { header: "Status", cell: (info) => <OrderStatusBadge status={info.getValue()} /> }),
    // An unpaid order's PV counts nowhere yet.
    helper.accessor("pv", { header: "PV", cell: ({ row: { original: o } }) => (o.status === "paid" ? formatNumber(o.pv) : "—") }),
    helper.accessor("totalCents", { id: "total", header: "Total", cell: (info) => formatMoney(info.getValue(), currency) }),
  ]);
  return (
    <DataTable
      columns={columns}
      data={orders}
      state={{ page, pageSize }}
      rowCount={total}
      hrefFor={(next) => pageHref(next.page)}
      getRowId={(o) => String(o.id)}
      caption="Orders"
      numeric={["pv", "total"]}
      wrap={["kind"]}
      pagerLabel="Orders pages"
      empty={
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-medium text-slate-800">No orders yet</p>
          <p className="mt-1 text-sm text-slate-600">Orders you place in the shop, and your retail customers&rsquo; orders, will show here.</p>
        </div>
      }
    />
  );
}
