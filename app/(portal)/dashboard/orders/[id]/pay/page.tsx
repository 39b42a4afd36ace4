import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { OrderLines } from "@/components/orders/order-lines";
import { PayForm } from "@/components/payments/pay-form";
import { payMyOrder } from "@/lib/actions/orders/pay-order";
import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { getMyOrder } from "@/lib/data/orders";
import { formatDateTime, formatMoney } from "@/lib/format";
import { reorderPath } from "@/lib/orders/reorder";
import { demoCards } from "@/lib/payments/demo";

export const metadata: Metadata = { title: "Pay for your order" };

export default async function PayOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { timeZone } = await requireUser();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [order, company] = await Promise.all([getMyOrder(Number(id)), getCompany()]);
  // Only the buyer pays: a retail customer pays on their own receipt page.
  if (!order || order.kind !== "personal") notFound();
  if (!order.payable) redirect(`/dashboard/orders/${order.id}`);
  const total = formatMoney(order.totalCents, company.currency);
  return (
    <section className="max-w-xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Pay for order #{order.id}</h1>
        <p className="mt-1 text-slate-600">
          {total} · the order counts toward your volume once it is paid. Pay by {formatDateTime(order.expiresAt!, timeZone)}.
        </p>
      </header>
      <PayForm
        action={payMyOrder.bind(null, order.id)}
        provider={order.paymentProvider ?? "demo"}
        lastError={order.paymentError}
        total={total}
        idempotencyKey={randomUUID()}
        demoCards={{ success: demoCards.success, decline: demoCards.decline }}
      />
      <details className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
        <summary className="cursor-pointer font-medium text-slate-800">Order details</summary>
        <div className="mt-3">
          <OrderLines
            lines={order.lines}
            subtotalCents={order.subtotalCents}
            shippingCents={order.shippingCents}
            currency={company.currency}
            address={order.shippingAddress}
          />
        </div>
      </details>
      <div className="flex flex-wrap gap-4 text-sm">
        <Link href={reorderPath(order.lines)} className="font-medium text-brand-700 hover:underline">
          ← Change the order
        </Link>
        <Link href={`/dashboard/orders/${order.id}`} className="font-medium text-brand-700 hover:underline">
          Pay later
        </Link>
      </div>
    </section>
  );
}
