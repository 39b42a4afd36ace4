import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CancelOrderForm } from "@/components/orders/cancel-order-form";
import { OrderStatusBadge } from "@/components/ui/status-badge";
import { cancelOrder } from "@/lib/actions/orders/cancel-order";
import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { getMyOrder } from "@/lib/data/orders";
import { formatDateTime, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ placed?: string }> }) {
  await requireUser();
  const { id } = await params;
  const { placed } = await searchParams;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [order, company] = await Promise.all([getMyOrder(Number(id)), getCompany()]);
  if (!order) notFound();
  return (
    <section className="max-w-3xl space-y-6">
      {placed ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Thank you: your order is placed and paid. Its volume and your team&rsquo;s commissions are already updated.
        </p>
      ) : null}
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Order #{order.id}</h1>
        <OrderStatusBadge status={order.status} />
      </header>
      <dl className="grid gap-x-6 gap-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">Placed</dt>
          <dd className="font-medium">{formatDateTime(order.createdAt)} UTC</dd>
        </div>
        <div>
          <dt className="text-slate-500">Commission period</dt>
          <dd className="font-medium">{formatPeriod(order.periodStartsOn)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Type</dt>
          <dd className="font-medium">{order.kind === "retail" ? `Retail sale to ${order.customerName ?? "a customer"}` : "Personal order"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Total</dt>
          <dd className="font-medium">
            {formatMoney(order.totalCents, company.currency)} · {formatNumber(order.pv)} PV
          </dd>
        </div>
        {order.refundedAt ? (
          <div className="sm:col-span-2">
            <dt className="text-slate-500">{order.status === "cancelled" ? "Cancelled" : "Refunded"}</dt>
            <dd className="font-medium">
              {formatDateTime(order.refundedAt)} UTC{order.refundReason ? `: ${order.refundReason}` : ""}
            </dd>
          </div>
        ) : null}
      </dl>
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
        {order.lines.map((l, i) => (
          <li key={i} className="flex justify-between gap-4 px-4 py-2">
            <span>
              {l.quantity} × {l.productName}
            </span>
            <span className="tabular-nums">{formatMoney(l.unitPriceCents * l.quantity, company.currency)}</span>
          </li>
        ))}
      </ul>
      {order.cancellable ? (
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="font-semibold text-slate-900">Changed your mind?</h2>
          <p className="mt-1 mb-3 text-sm text-slate-600">
            Within 3 days of an order, you (or your retail customer, through you) can cancel it for a full refund. Its volume and commissions are taken back.
          </p>
          <CancelOrderForm action={cancelOrder} orderId={order.id} label="Cancel and refund this order" />
        </div>
      ) : null}
      <Link href="/dashboard/orders" className="inline-block text-sm font-medium text-brand-700 hover:underline">
        ← All orders
      </Link>
    </section>
  );
}
