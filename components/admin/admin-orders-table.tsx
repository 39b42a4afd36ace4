import { OrderPayment } from "@/components/admin/order-payment";
import { RefundButton, RefundOrders } from "@/components/admin/refund-orders";
import { DataTable, dataTableColumns, type DataTableState } from "@/components/data-table/data-table";
import { NoMatches } from "@/components/ui/list-filters";
import { refundOrderAsAdmin } from "@/lib/actions/admin/refund-order";
import type { AdminOrderDto } from "@/lib/data/admin-orders";
import { formatDate, formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import { providerNames } from "@/lib/payments/display";
import { ADMIN_ORDER_PAGE_SIZE, adminOrdersHref, type AdminOrderFilter } from "@/lib/validation/admin-orders";

const helper = dataTableColumns<AdminOrderDto>();
// Below md the list keeps two columns, order and payment: the seller and the total move under the order number, period and PV are left out.
const wide = "hidden md:table-cell";
const wider = "hidden lg:table-cell";

function Seller({ order: o }: { order: AdminOrderDto }) {
  return (
    <>
      {o.sellerName} <span className="text-slate-500">({o.sellerCode})</span>
      <span className="block text-xs text-slate-600">{o.kind === "retail" ? `Retail: ${o.customerName ?? ""}` : "Personal"}</span>
    </>
  );
}

export interface AdminOrdersTableProps {
  orders: AdminOrderDto[];
  total: number;
  page: number;
  filter: AdminOrderFilter;
  timeZone: string;
  currency: string;
}

/** /admin/orders: a page of orders, newest (or oldest) first, each with its payment and refund. */
export function AdminOrdersTable({ orders, total, page, filter, timeZone, currency }: AdminOrdersTableProps) {
  const money = (cents: number) => formatMoney(cents, currency);
  const columns = helper.columns([
    helper.accessor("createdAt", {
      id: "created",
      header: "Order",
      sortDescFirst: true,
      cell: ({ row: { original: o } }) => (
        <>
          <span className="font-medium">#{o.id}</span>
          <span className="block font-medium tabular-nums md:hidden">{money(o.totalCents)}</span>
          <span className="block text-xs whitespace-nowrap text-slate-600">{formatDate(o.createdAt, timeZone)}</span>
          <span className="mt-1 block md:hidden">
            <Seller order={o} />
          </span>
        </>
      ),
    }),
    helper.display({ id: "seller", header: "Seller", cell: ({ row }) => <Seller order={row.original} /> }),
    helper.accessor("periodStartsOn", {
      id: "period",
      header: "Period",
      enableSorting: false,
      cell: ({ row: { original: o } }) => (o.periodStartsOn ? `${formatPeriod(o.periodStartsOn)}${o.periodStatus === "closed" ? " (closed)" : ""}` : "—"),
    }),
    helper.accessor("pv", { header: "PV", enableSorting: false, cell: (info) => formatNumber(info.getValue()) }),
    helper.display({
      id: "payment",
      header: "Payment",
      cell: ({ row: { original: o } }) => (
        <>
          <OrderPayment order={o} timeZone={timeZone} />
          {o.status === "paid" ? (
            <RefundButton
              target={{
                orderId: o.id,
                amount: money(o.totalCents),
                provider: o.provider ? providerNames[o.provider] : null,
                periodClosed: o.periodStatus === "closed",
                commission: { lines: o.commissionLines, amount: money(o.commissionCents) },
              }}
            />
          ) : null}
        </>
      ),
    }),
    helper.accessor("totalCents", { id: "total", header: "Total", enableSorting: false, cell: (info) => money(info.getValue()) }),
  ]);
  const state: DataTableState = { sort: { id: "created", desc: filter.dir !== "asc" }, page, pageSize: ADMIN_ORDER_PAGE_SIZE };
  const hrefFor = (next: DataTableState) =>
    adminOrdersHref("/admin/orders", { ...filter, sort: "created", dir: next.sort?.desc === false ? "asc" : "desc", page: next.page });
  return (
    <RefundOrders action={refundOrderAsAdmin}>
      <DataTable
        columns={columns}
        data={orders}
        state={state}
        rowCount={total}
        hrefFor={hrefFor}
        getRowId={(o) => String(o.id)}
        caption="Orders"
        numeric={["pv", "total"]}
        wrap={["created", "seller", "payment"]}
        columnClass={{ seller: wide, period: wider, pv: wider, payment: "min-w-36", total: wide }}
        rowClass={(o) => (o.flagReason ? "bg-red-50/40" : "")}
        rowTestId={(o) => `admin-order-${o.id}`}
        pagerLabel="Orders pages"
        empty={<NoMatches>No orders match.</NoMatches>}
      />
    </RefundOrders>
  );
}
