import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CancelOrderForm } from "@/components/orders/cancel-order-form";
import { FlashStatus } from "@/components/ui/flash-status";
import { OrderStatusBadge } from "@/components/ui/status-badge";
import { cancelOrder } from "@/lib/actions/orders/cancel-order";
import { previewMyOrderCancel } from "@/lib/actions/orders/preview-cancel";
import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { OrderLines } from "@/components/orders/order-lines";
import { formatDateTime, formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import { providerNames } from "@/lib/payments/display";
import { reorderPath } from "@/lib/orders/reorder";
import { getMyOrder, syncMyOrderPayment } from "@/lib/data/orders";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ placed?: string; paid?: string; cancelled?: string }>;
}) {
  const { timeZone } = await requireUser();
  const { id } = await params;
  const { placed, paid, cancelled } = await searchParams;
  if (!/^\d{1,9}$/.test(id)) notFound();
  let order = await getMyOrder(Number(id));
  if (!order) notFound();
  if (paid && order.payable && order.paymentProvider === "stripe") {
    // Back from the provider's checkout: ask it, so the buyer need not wait for its webhook.
    await syncMyOrderPayment(order.id);
    order = (await getMyOrder(order.id)) ?? order;
  }
  const company = await getCompany();
  const unpaid = order.status === "pending_payment" || order.status === "payment_failed";
  return (
    <section className="max-w-3xl space-y-6">
      {/* What an action just did is a toast; what the order is now (paid, cancelled, waiting) stays on the page. */}
      {(placed || paid) && order.status === "paid" ? (
        <FlashStatus param={placed ? "placed" : "paid"}>
          Thank you: your order is paid. Its volume and your team&rsquo;s commissions are already updated.
        </FlashStatus>
      ) : null}
      {cancelled && order.status === "cancelled" ? (
        <FlashStatus param="cancelled">
          Your order is cancelled: the full amount goes back to the card it was paid with, and its volume and commissions are taken back.
        </FlashStatus>
      ) : null}
      {paid && unpaid ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          We are waiting for the payment provider to confirm your payment. This page shows it as soon as it does.
        </p>
      ) : null}
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Order #{order.id}</h1>
        <OrderStatusBadge status={order.status} />
      </header>
      {order.payable && order.kind === "personal" ? (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-semibold">This order is waiting for its payment.</p>
          <p className="mt-1">
            {order.paymentError ? `${order.paymentError} ` : ""}It counts toward your volume once it is paid. Pay by{" "}
            {formatDateTime(order.expiresAt!, timeZone)}, or it expires.
          </p>
          <Link href={`/dashboard/orders/${order.id}/pay`} className={buttonClass({ className: "mt-3" })}>
            Pay now
          </Link>
        </div>
      ) : null}
      {order.payable && order.kind === "retail" ? (
        <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
          Waiting for your customer&rsquo;s payment: the sale counts once they pay, by {formatDateTime(order.expiresAt!, timeZone)}.
        </p>
      ) : null}
      {order.status === "expired" ? (
        <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
          This order expired before it was paid: nothing was charged and it counts nowhere.{" "}
          {order.kind === "personal" ? (
            <Link href={reorderPath(order.lines)} className="font-medium text-brand-700 hover:underline">
              Start again with these items
            </Link>
          ) : null}
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">Placed</dt>
          <dd className="font-medium">{formatDateTime(order.createdAt, timeZone)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Paid</dt>
          <dd className="font-medium">
            {order.paidAt ? `${formatDateTime(order.paidAt, timeZone)}${order.paymentProvider ? ` · ${providerNames[order.paymentProvider]}` : ""}` : "Not yet"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Commission period</dt>
          <dd className="font-medium">{order.periodStartsOn ? formatPeriod(order.periodStartsOn) : "Once paid"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Type</dt>
          <dd className="font-medium">{order.kind === "retail" ? `Retail sale to ${order.customerName ?? "a customer"}` : "Personal order"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Volume</dt>
          <dd className="font-medium">{formatNumber(order.pv)} PV</dd>
        </div>
        {order.refundedAt ? (
          <div className="sm:col-span-2">
            <dt className="text-slate-500">{order.status === "cancelled" ? "Cancelled" : "Refunded"}</dt>
            <dd className="font-medium">
              {formatDateTime(order.refundedAt, timeZone)}
              {order.refundReason ? `: ${order.refundReason}` : ""}
            </dd>
          </div>
        ) : null}
      </dl>
      <OrderLines
        lines={order.lines}
        subtotalCents={order.subtotalCents}
        shippingCents={order.shippingCents}
        currency={company.currency}
        address={order.shippingAddress}
      />
      {order.cancellable ? (
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="font-semibold text-slate-900">Changed your mind?</h2>
          <p className="mt-1 mb-3 text-sm text-slate-600">
            Within 3 days of payment, you (or your retail customer, through you) can cancel an order for a full refund to the card it was paid with. Its volume
            and commissions are taken back.
          </p>
          <CancelOrderForm
            action={cancelOrder}
            preview={previewMyOrderCancel}
            orderId={order.id}
            label="Cancel and refund this order"
            amount={formatMoney(order.totalCents, company.currency)}
          />
        </div>
      ) : null}
      <Link href="/dashboard/orders" className="inline-block text-sm font-medium text-brand-700 hover:underline">
        ← All orders
      </Link>
    </section>
  );
}
