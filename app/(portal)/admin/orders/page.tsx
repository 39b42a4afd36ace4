import type { Metadata } from "next";
import { CancelOrderForm } from "@/components/orders/cancel-order-form";
import { ApplyButton, FilterSearch, FilterSelect, NoMatches, TableHead } from "@/components/ui/list-filters";
import { OrderStatusBadge } from "@/components/ui/status-badge";
import { refundOrderAsAdmin } from "@/lib/actions/admin/refund-order";
import { requireAdmin } from "@/lib/auth/session";
import { listAdminOrders, parseAdminOrderFilter } from "@/lib/data/admin-orders";
import { getCompany } from "@/lib/data/company";
import { formatDate, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Orders · Admin" };

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const filter = parseAdminOrderFilter(await searchParams);
  const [orders, company] = await Promise.all([listAdminOrders(filter), getCompany()]);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Orders</h1>
        <p className="mt-1 text-slate-600">
          Every order of the company. A refund removes the order&rsquo;s commissions, or claws them back if its period is closed.
        </p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter orders">
        <FilterSearch defaultValue={filter.q ?? ""} placeholder="Seller, code, customer or #id" width="w-56" />
        <FilterSelect
          label="Status"
          name="status"
          defaultValue={filter.status ?? ""}
          options={[
            { value: "", label: "Any" },
            { value: "paid", label: "Paid" },
            { value: "refunded", label: "Refunded" },
            { value: "cancelled", label: "Cancelled" },
          ]}
        />
        <FilterSelect
          label="Type"
          name="kind"
          defaultValue={filter.kind ?? ""}
          options={[
            { value: "", label: "Any" },
            { value: "personal", label: "Personal" },
            { value: "retail", label: "Retail" },
          ]}
        />
        <ApplyButton />
      </form>
      {orders.length === 0 ? (
        <NoMatches>No orders match.</NoMatches>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <TableHead
              columns={[
                { label: "Order" },
                { label: "Date" },
                { label: "Seller" },
                { label: "Type" },
                { label: "Period" },
                { label: "PV", align: "right" },
                { label: "Total", align: "right" },
                { label: "Status" },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {orders.map((o) => (
                <tr key={o.id} data-testid={`admin-order-${o.id}`}>
                  <td className="px-3 py-2 font-medium">#{o.id}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDate(o.createdAt)}</td>
                  <td className="px-3 py-2">
                    {o.sellerName} <span className="text-slate-500">({o.sellerCode})</span>
                  </td>
                  <td className="px-3 py-2">{o.kind === "retail" ? `Retail: ${o.customerName ?? ""}` : "Personal"}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {formatPeriod(o.periodStartsOn)}
                    {o.periodStatus === "closed" ? " (closed)" : ""}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(o.pv)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(o.totalCents, company.currency)}</td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <OrderStatusBadge status={o.status} />
                      {o.status === "paid" ? <CancelOrderForm action={refundOrderAsAdmin} orderId={o.id} label="Refund" /> : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
