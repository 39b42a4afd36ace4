import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { CardSaveNotice, cardSaveNotice } from "@/components/autoship/card-save-notice";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerAutoshipOffer } from "@/components/autoship/customer-autoship-offer";
import { OrderLines } from "@/components/orders/order-lines";
import { PayForm } from "@/components/payments/pay-form";
import { OrderStatusBadge } from "@/components/ui/status-badge";
import { customerSaveCardFromReceipt, emailManageLinkFromReceipt, startCustomerAutoship } from "@/lib/actions/autoship/customer-autoship";
import { payGuestOrder } from "@/lib/actions/orders/pay-order";
import type { FormResult } from "@/lib/actions/result";
import { dateOf } from "@/lib/autoship/cycle";
import { now } from "@/lib/clock";
import { finishCustomerCardSave, getReceiptAutoshipOffer } from "@/lib/data/customer-autoship";
import { getCompany } from "@/lib/data/company";
import { getReceipt, syncReceiptPayment } from "@/lib/data/orders";
import { formatDateTime, formatMoney } from "@/lib/format";
import { reorderPath } from "@/lib/orders/reorder";
import { demoCards } from "@/lib/payments/demo";
import { providerNames } from "@/lib/payments/display";
import { joinPath } from "@/lib/referrals/display";
import { buttonClass } from "@/components/ui/button";

type Action = (prev: FormResult, formData: FormData) => Promise<FormResult>;

// The link is the guest's key to their order: never indexed, never sent on as a referrer.
export const metadata: Metadata = { title: "Your order", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** A guest's order: its payment (the pay form while unpaid), then its receipt. The link is theirs to keep. */
export default async function ReceiptPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ paid?: string; card_session?: string; card?: string }>;
}) {
  const { token } = await params;
  const { paid, card_session: cardSession, card } = await searchParams;
  // Back from saving a card on Stripe's page for an autoship: recorded before the page reads it.
  const cardSaved = typeof cardSession === "string" ? await finishCustomerCardSave({ receipt: token }, cardSession) : null;
  const cardNotice = cardSaveNotice(cardSaved, card === "cancelled");
  let order = await getReceipt(token);
  // A guest has no account, so no zone of their own: the company's.
  const { timeZone } = await getCompany();
  if (!order) notFound();
  if (paid && order.payable && order.paymentProvider === "stripe") {
    // Back from the provider's checkout: ask it, so the guest need not wait for its webhook.
    await syncReceiptPayment(token);
    order = (await getReceipt(token)) ?? order;
  }
  const total = formatMoney(order.totalCents, order.currency);
  const autoshipOffer = order.status === "paid" ? await getReceiptAutoshipOffer(token) : null;
  const shop = `${joinPath(order.shopCode)}/shop`;
  const unpaid = order.status === "pending_payment" || order.status === "payment_failed";
  return (
    <section className="mx-auto max-w-xl space-y-6">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold text-slate-900">{order.status === "paid" ? "Thank you for your order" : `Order #${order.id}`}</h1>
          <OrderStatusBadge status={order.status} />
        </div>
        {order.status === "paid" ? (
          <p className="text-slate-700" role="status">
            Order #{order.id} is paid ({total}
            {order.paymentProvider ? `, ${providerNames[order.paymentProvider]}` : ""}) on {formatDateTime(order.paidAt!, timeZone)}. Keep this page&rsquo;s
            link: it is your receipt.
          </p>
        ) : null}
      </header>
      {order.payable ? (
        <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold text-slate-900">Pay {total}</h2>
          {paid && unpaid ? (
            <p role="status" className="text-sm text-amber-900">
              We are waiting for the payment provider to confirm your payment. Reload this page in a moment.
            </p>
          ) : null}
          <PayForm
            action={payGuestOrder.bind(null, token)}
            provider={order.paymentProvider ?? "demo"}
            lastError={order.paymentError}
            total={total}
            idempotencyKey={randomUUID()}
            demoCards={{ success: demoCards.success, decline: demoCards.decline }}
          />
          <p className="text-sm text-slate-600">
            Keep this page&rsquo;s link to come back to your order. Unpaid, it expires on {formatDateTime(order.expiresAt!, timeZone)}.
          </p>
        </div>
      ) : null}
      {order.status === "expired" || (unpaid && !order.payable) ? (
        <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
          This order expired before it was paid: nothing was charged.{" "}
          <Link href={reorderPath(order.lines, `${shop}/review`)} className="font-medium text-brand-700 hover:underline">
            Start again with these items
          </Link>
        </p>
      ) : null}
      {order.status === "refunded" || order.status === "cancelled" ? (
        <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
          This order was {order.status} on {formatDateTime(order.refundedAt!, timeZone)}: the full amount went back to the card it was paid with.
        </p>
      ) : null}
      <OrderLines
        lines={order.lines}
        subtotalCents={order.subtotalCents}
        shippingCents={order.shippingCents}
        currency={order.currency}
        address={order.shippingAddress}
      />
      <CardSaveNotice notice={cardNotice} />
      {autoshipOffer ? (
        <CustomerAutoshipOffer
          start={startCustomerAutoship.bind(null, token) as Action}
          emailLink={emailManageLinkFromReceipt.bind(null, token)}
          hasAutoship={autoshipOffer.hasAutoship}
          itemsLine={order.lines.map((l) => `${l.quantity} × ${l.productName}`).join(", ")}
          total={total}
          defaultDay={Math.min(28, Number(dateOf(now()).slice(8, 10)))}
          card={
            autoshipOffer.hasAutoship
              ? null
              : autoshipOffer.provider === "demo"
                ? { provider: "demo", demoCards: { success: demoCards.success, decline: demoCards.decline } }
                : {
                    provider: "stripe",
                    readyCard: autoshipOffer.readyCard,
                    saveWithProvider: customerSaveCardFromReceipt.bind(null, token),
                    cardSaveKey: randomUUID(),
                  }
          }
        />
      ) : null}
      {order.status === "paid" ? (
        <p className="text-sm text-slate-600">Changed your mind? Within 3 days your distributor can cancel it for a full refund.</p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Link href={shop} className={buttonClass({ variant: "secondary" })}>
          Keep shopping
        </Link>
        <Link href={joinPath(order.shopCode)} className={buttonClass()}>
          Become a distributor
        </Link>
      </div>
    </section>
  );
}
