import type { Metadata } from "next";
import { CancelOrderForm } from "@/components/orders/cancel-order-form";
import { OrderStatusBadge } from "@/components/ui/status-badge";
import { refundOrderAsAdmin } from "@/lib/actions/admin/refund-order";
import { requireAdmin } from "@/lib/auth/session";
import { listAdminOrders, parseAdminOrderFilter } from "@/lib/data/admin-orders";
import { getCompany } from "@/lib/data/company";
import { formatDate, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Orders · Admin" };

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const filter = parseAdminOrderFilter(await searchParams);
  const [orders, company] = await Promise.all([listAdminOrders(filter), getCompany()]);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Orders</h1>
        <p className="mt-1 text-slate-600">Every order of the company. A refund removes the order&rsquo;s commissions, or claws them back if its period is closed.</p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter orders">
        <label className="text-sm text-slate-700">
          <span className="block">Search</span>
          <input name="q" defaultValue={filter.q ?? ""} placeholder="Seller, code, customer or #id" className={`${select} w-56`} />
        </label>
        <label className="text-sm text-slate-700">
          <span className="block">Status</span>
          <select name="status" defaultValue={filter.status ?? ""} className={select}>
            <option value="">Any</option>
            <option value="paid">Paid</option>
            <option value="refunded">Refunded</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </label>
        <label className="text-sm text-slate-700">
          <span className="block">Type</span>
          <select name="kind" defaultValue={filter.kind ?? ""} className={select}>
            <option value="">Any</option>
            <option value="personal">Personal</option>
            <option value="retail">Retail</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-800">
          Apply
        </button>
      </form>
      {orders.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No orders match.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Order</th>
                <th scope="col" className="px-3 py-2 font-medium">Date</th>
                <th scope="col" className="px-3 py-2 font-medium">Seller</th>
                <th scope="col" className="px-3 py-2 font-medium">Type</th>
                <th scope="col" className="px-3 py-2 font-medium">Period</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">PV</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Total</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
              </tr>
            </thead>
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
