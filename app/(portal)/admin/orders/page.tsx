import type { Metadata } from "next";
import { OrderPayment } from "@/components/admin/order-payment";
import { Pager } from "@/components/admin/pager";
import { providerNames } from "@/lib/payments/display";
import { RefundOrderForm } from "@/components/admin/refund-order-form";
import { ApplyButton, FilterSearch, FilterSelect, NoMatches } from "@/components/ui/list-filters";
import { refundOrderAsAdmin } from "@/lib/actions/admin/refund-order";
import { requireAdmin } from "@/lib/auth/session";
import { ADMIN_ORDER_PAGE_SIZE, listAdminOrders, parseAdminOrderFilter } from "@/lib/data/admin-orders";
import { getCompany } from "@/lib/data/company";
import { formatDate, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Orders · Admin" };

const head = "px-3 py-2 font-medium";
// Below md the list keeps two columns, order and payment: the seller and the total move under the order number, period and PV are left out.
const wide = "hidden md:table-cell";
const wider = "hidden lg:table-cell";

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { timeZone } = await requireAdmin();
  const filter = parseAdminOrderFilter(await searchParams);
  const [{ rows: orders, total, page }, company] = await Promise.all([listAdminOrders(filter), getCompany()]);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Orders</h1>
        <p className="mt-1 text-slate-600">
          Every order of the company, paid or not. An order counts toward volumes and commissions only once its payment is confirmed. A refund returns the money
          through the payment provider, then removes the order&rsquo;s commissions, or claws them back if its period is closed.
        </p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter orders">
        <FilterSearch defaultValue={filter.q ?? ""} placeholder="Seller, customer, #id or reference" width="w-64 max-w-full" />
        <FilterSelect
          label="Status"
          name="status"
          defaultValue={filter.status ?? ""}
          options={[
            { value: "", label: "Any" },
            { value: "pending_payment", label: "Awaiting payment" },
            { value: "payment_failed", label: "Payment failed" },
            { value: "paid", label: "Paid" },
            { value: "refunded", label: "Refunded" },
            { value: "cancelled", label: "Cancelled" },
            { value: "expired", label: "Expired" },
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
        <FilterSelect
          label="Flag"
          name="flagged"
          defaultValue={filter.flagged ? "1" : ""}
          options={[
            { value: "", label: "Any" },
            { value: "1", label: "Flagged only" },
          ]}
        />
        <ApplyButton />
      </form>
      {orders.length === 0 ? (
        <NoMatches>No orders match.</NoMatches>
      ) : (
        // Focusable and named, so that a keyboard can scroll it should a long name or reference make it wider than the screen.
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Orders">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={head}>
                  Order
                </th>
                <th scope="col" className={`${head} ${wide}`}>
                  Seller
                </th>
                <th scope="col" className={`${head} ${wider}`}>
                  Period
                </th>
                <th scope="col" className={`${head} ${wider} text-right`}>
                  PV
                </th>
                <th scope="col" className={head}>
                  Payment
                </th>
                <th scope="col" className={`${head} ${wide} text-right`}>
                  Total
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {orders.map((o) => {
                const seller = (
                  <>
                    {o.sellerName} <span className="text-slate-500">({o.sellerCode})</span>
                    <span className="block text-xs text-slate-600">{o.kind === "retail" ? `Retail: ${o.customerName ?? ""}` : "Personal"}</span>
                  </>
                );
                return (
                  <tr key={o.id} data-testid={`admin-order-${o.id}`} className={`align-top ${o.flagReason ? "bg-red-50/40" : ""}`}>
                    <td className="px-3 py-2">
                      <span className="font-medium">#{o.id}</span>
                      <span className="block font-medium tabular-nums md:hidden">{formatMoney(o.totalCents, company.currency)}</span>
                      <span className="block text-xs whitespace-nowrap text-slate-600">{formatDate(o.createdAt, timeZone)}</span>
                      <span className="mt-1 block md:hidden">{seller}</span>
                    </td>
                    <td className={`px-3 py-2 ${wide}`}>{seller}</td>
                    <td className={`px-3 py-2 whitespace-nowrap ${wider}`}>
                      {o.periodStartsOn ? `${formatPeriod(o.periodStartsOn)}${o.periodStatus === "closed" ? " (closed)" : ""}` : "—"}
                    </td>
                    <td className={`px-3 py-2 text-right tabular-nums ${wider}`}>{formatNumber(o.pv)}</td>
                    <td className="min-w-36 px-3 py-2">
                      <OrderPayment order={o} timeZone={timeZone} />
                      {o.status === "paid" || o.status === "refunded" ? (
                        <RefundOrderForm
                          action={refundOrderAsAdmin}
                          orderId={o.id}
                          refundable={o.status === "paid"}
                          amount={formatMoney(o.totalCents, company.currency)}
                          provider={o.provider ? providerNames[o.provider] : null}
                          periodClosed={o.periodStatus === "closed"}
                          commission={{ lines: o.commissionLines, amount: formatMoney(o.commissionCents, company.currency) }}
                        />
                      ) : null}
                    </td>
                    <td className={`px-3 py-2 text-right whitespace-nowrap tabular-nums ${wide}`}>{formatMoney(o.totalCents, company.currency)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {total > 0 ? (
        <Pager
          path="/admin/orders"
          params={{ q: filter.q, status: filter.status, kind: filter.kind, flagged: filter.flagged ? "1" : undefined }}
          page={page}
          pageSize={ADMIN_ORDER_PAGE_SIZE}
          total={total}
          label="Orders"
        />
      ) : null}
    </section>
  );
}
