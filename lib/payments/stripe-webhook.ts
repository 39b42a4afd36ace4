import { and, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/client";
import { orders, paymentEvents, unpaidStatuses } from "@/db/schema";
import { AutoshipError, autoshipOwnerOfCard, changeCard } from "@/lib/autoship/manage";
import { scheduleRecompute } from "@/lib/ledger/background";
import { settleAfterPayment } from "@/lib/orders/after-payment";
import { OrderError } from "@/lib/orders/errors";
import { refundOrder } from "@/lib/orders/refund";
import { PaymentError } from "./provider";
import { configuredStripe, idOf, orderOfSession, refundSource, settlePaidSession } from "./stripe";
import { saveCardOfSession } from "./stripe-saved-cards";

// Stripe's webhook (app/api/payments/stripe/webhook/route.ts): the signature on
// the raw body is its only authentication. Each event id is recorded once in
// payment_events, after its effect: a replayed event finds its id and does
// nothing, and every effect is idempotent by the order's status anyway, so a
// duplicate delivered at the same moment, or events out of order, have one effect.

export interface WebhookAnswer {
  status: number;
  /** JSON, never an error's message or stack. */
  body: string;
}

const answer = (status: number, body: Record<string, unknown>): WebhookAnswer => ({ status, body: JSON.stringify(body) });

/** The events to enable on Stripe's webhook endpoint: exactly those applyEvent acts on (docs/payments.md). */
export const stripeWebhookEvents = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
] as const satisfies readonly Stripe.Event["type"][];

/** Shown to the buyer (and admins) on an order whose checkout ended unpaid. */
export const checkoutExpiredMessage = "The checkout expired before payment";
export const asyncPaymentFailedMessage = "Your payment did not go through (your bank declined or reversed it). Nothing was charged: you can pay again.";

/**
 * Verifies and applies one webhook delivery. 400 (and nothing written) for a
 * missing or bad signature or a body changed after signing; 200 for an event
 * applied, already recorded, or not ours to apply (including a payment an
 * order refuses: retrying would not help); 500 when the database or Stripe
 * failed, so that Stripe delivers it again later.
 */
export async function handleStripeWebhook(db: Database, rawBody: string, signature: string | null, at: Date): Promise<WebhookAnswer> {
  let stripe: ReturnType<typeof configuredStripe>;
  try {
    stripe = configuredStripe();
  } catch (error) {
    if (!(error instanceof PaymentError)) throw error;
    return answer(503, { error: "Stripe payments are not configured on this server." });
  }
  if (!signature) return answer(400, { error: "Missing Stripe-Signature header." });
  let event: Stripe.Event;
  try {
    // The async form works with either of the SDK's crypto providers (Node's, or WebCrypto in a worker-style bundle).
    event = await stripe.client.webhooks.constructEventAsync(rawBody, signature, stripe.settings.webhookSecret);
  } catch (error) {
    // The SDK's first sentence says why (no matching signature, outside the tolerance, unreadable JSON).
    console.warn(`[lineage] Stripe webhook refused (400): ${error instanceof Error ? error.message.split("\n")[0]!.trim() : "unreadable event"}`);
    return answer(400, { error: "Invalid signature." });
  }
  try {
    const [seen] = await db
      .select({ eventId: paymentEvents.eventId })
      .from(paymentEvents)
      .where(and(eq(paymentEvents.provider, "stripe"), eq(paymentEvents.eventId, event.id)));
    if (seen) return answer(200, { received: true, duplicate: true });
    const orderId = await applyEvent(db, stripe.client, event, at);
    await db.insert(paymentEvents).values({ provider: "stripe", eventId: event.id, type: event.type, orderId, receivedAt: at }).onConflictDoNothing();
    return answer(200, { received: true });
  } catch (error) {
    console.error(`[lineage] Stripe event ${event.id} (${event.type}) failed; Stripe will deliver it again`, error);
    return answer(500, { error: "The event could not be processed now." });
  }
}

/** Applies an event's effect; returns the order it concerns, if one of ours. */
async function applyEvent(db: Database, client: Stripe, event: Stripe.Event, at: Date): Promise<number | null> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      // A setup session saves a card (autoship) and pays no order. (Its expiry names no order either: endAttempt finds none.)
      if (event.data.object.mode === "setup") {
        if (event.type === "checkout.session.completed") await cardSaved(db, client, event.data.object, at);
        return null;
      }
      // Paid: confirmed now. Completed but unpaid: a delayed method (a bank debit) is processing; its own event follows.
      const { orderId, paid } = await settlePaidSession(db, client, event.data.object, at, true);
      if (paid) await settleAfterPayment(db, paid);
      return orderId;
    }
    case "checkout.session.async_payment_failed":
      return endAttempt(db, event.data.object, { status: "payment_failed", paymentError: asyncPaymentFailedMessage });
    case "checkout.session.expired":
      // The order keeps its status: it has its own payment window, and the buyer may start a new checkout within it.
      return endAttempt(db, event.data.object, { paymentError: checkoutExpiredMessage });
    case "charge.refunded":
      return refundedAtStripe(db, client, event.data.object, at);
    default:
      return null;
  }
}

/**
 * A member saved a card on Stripe's page: it is recorded (once, whether their
 * return or this event comes first) and, when they saved it for a running
 * autoship, that autoship is switched to it (changeCard: idempotent, and it
 * refuses a card replaced since, so a late event cannot undo a later change).
 */
async function cardSaved(db: Database, client: Stripe, session: Stripe.Checkout.Session, at: Date): Promise<void> {
  const saved = await saveCardOfSession(db, client, session, at);
  if (!saved || saved.subscriptionId === null) return;
  try {
    await changeCard(db, { ...autoshipOwnerOfCard(saved), subscriptionId: saved.subscriptionId, methodId: saved.methodId, at });
  } catch (error) {
    if (!(error instanceof AutoshipError)) throw error;
    console.info(`[lineage] Stripe: card saved by session ${session.id} not applied to autoship ${saved.subscriptionId}: ${error.message}`);
  }
}

/** Records how the order's current checkout ended, while the order is unpaid (a paid order ignores a stale session's news). */
async function endAttempt(db: Database, session: Stripe.Checkout.Session, change: { status?: "payment_failed"; paymentError: string }): Promise<number | null> {
  const orderId = await orderOfSession(db, session);
  if (orderId === null) return null;
  await db
    .update(orders)
    .set(change)
    .where(and(eq(orders.id, orderId), eq(orders.paymentSession, session.id), inArray(orders.status, [...unpaidStatuses])));
  return orderId;
}

/**
 * A charge refunded at Stripe. In full, from Stripe's dashboard: the order's
 * commissions are reversed (refundOrder, with Stripe's refund id). Refunds this
 * application asked for (their metadata says so) are left to the portal's
 * refund, which reverses the order itself right after. A partial refund changes
 * nothing here: it is only logged (docs/payments.md).
 */
async function refundedAtStripe(db: Database, client: Stripe, charge: Stripe.Charge, at: Date): Promise<number | null> {
  const paymentIntent = idOf(charge.payment_intent);
  if (!paymentIntent) return null;
  const [order] = await db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(and(eq(orders.paymentProvider, "stripe"), eq(orders.paymentReference, paymentIntent)));
  // A refunded duplicate payment, or a payment of another integration.
  if (!order) return null;
  if (!charge.refunded) {
    console.warn(
      `[lineage] Stripe: partial refund of order ${order.id} (${charge.amount_refunded} of ${charge.amount} in minor units) made at Stripe; the order and its commissions are unchanged`,
    );
    return order.id;
  }
  if (order.status !== "paid") return order.id;
  const refunds = await client.refunds.list({ charge: charge.id, limit: 100 });
  if (refunds.data.some((r) => r.metadata?.source === refundSource)) {
    console.info(`[lineage] Stripe: order ${order.id}'s refund was made by the portal, which reverses the order itself`);
    return order.id;
  }
  const latest = refunds.data.find((r) => r.status !== "failed" && r.status !== "canceled");
  try {
    const result = await refundOrder(db, order.id, { reason: "Refunded in Stripe's dashboard", at, refundReference: latest?.id ?? null });
    if (result.deferred) void scheduleRecompute(db, result.periodId);
  } catch (error) {
    // Refunded or cancelled meanwhile by the portal: nothing more to reverse.
    if (!(error instanceof OrderError)) throw error;
    console.info(`[lineage] Stripe: order ${order.id} refunded at Stripe was not reversed again: ${error.message}`);
  }
  return order.id;
}
