import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import Stripe from "stripe";
import type { Database } from "@/db/client";
import { orders, unpaidStatuses, type ShippingAddress } from "@/db/schema";
import { env } from "@/lib/env";
import { settleAfterPayment } from "@/lib/orders/after-payment";
import { confirmPayment } from "@/lib/orders/confirm";
import { OrderError } from "@/lib/orders/errors";
import type { PaidOrder } from "@/lib/orders/job";
import { finishCardSave, startCardSave } from "./stripe-saved-cards";
import { PaymentError, type PayableOrder, type PaymentProvider, type PaymentStart, type SavedCardCharge, type SavedCardOutcome } from "./provider";

// The Stripe adapter: the buyer pays on a Stripe-hosted Checkout Session (no
// card data and no third-party script on our pages), and the order is
// confirmed paid by Stripe's signed webhook (lib/payments/stripe-webhook.ts) or
// by the buyer's return (sync), whichever comes first, through confirmPayment.
// Refunds go through the Refund API. docs/payments.md has the whole design.

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Where the SDK sends its API calls (tests: a local stand-in); unset: Stripe itself. */
  apiUrl?: string | undefined;
}

/** A Stripe SDK client for these settings: Stripe's own API unless apiUrl points elsewhere. */
export function createStripeClient(settings: StripeSettings): Stripe {
  const config: Stripe.StripeConfig = {
    // Requests that fail on the network are retried with the same idempotency key (Stripe replays them, never twice).
    maxNetworkRetries: 2,
    // A buyer waits on start() and an admin on a refund: fail in seconds rather than Stripe's default 80.
    timeout: 20_000,
    appInfo: { name: "Lineage" },
  };
  if (settings.apiUrl) {
    const url = new URL(settings.apiUrl);
    const protocol = url.protocol === "http:" ? "http" : "https";
    config.protocol = protocol;
    config.host = url.hostname;
    config.port = url.port || (protocol === "http" ? 80 : 443);
  }
  return new Stripe(settings.secretKey, config);
}

let cached: { settings: StripeSettings; client: Stripe } | undefined;

/** The client for the configured keys (env.stripe), made on first use. Throws PaymentError when Stripe is not configured. */
export function configuredStripe(): { settings: StripeSettings; client: Stripe } {
  const settings = env.stripe;
  if (!settings) throw new PaymentError("Stripe is not configured on this server: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (docs/payments.md).");
  if (cached?.settings !== settings) cached = { settings, client: createStripeClient(settings) };
  return cached;
}

/** Marks what this application asked Stripe to refund, so the webhook can tell it from a refund made in Stripe's dashboard. */
export const refundSource = "lineage";

const expiredMessage = "This order expired before it was paid. Start again from the shop: your items are kept there.";
// A session this close to its end is not offered again: the buyer could not finish paying on it.
const reuseMarginMs = 10 * 60_000;
// Stripe accepts a session's expires_at from 30 minutes to 24 hours after its creation, by Stripe's clock:
// a minute of slack each side, on a 10-minute grid so that two starts moments apart send equal parameters.
const minLifetimeMs = 31 * 60_000;
const maxLifetimeMs = 23 * 3600_000 + 50 * 60_000;
const gridMs = 10 * 60_000;

/** When a new session ends: the order's own end, clamped into Stripe's window. Epoch seconds. */
export function sessionExpiry(orderExpiresAt: Date, at: Date): number {
  const earliest = Math.ceil((at.getTime() + minLifetimeMs) / gridMs) * gridMs;
  const latest = Math.floor((at.getTime() + maxLifetimeMs) / gridMs) * gridMs;
  const ms = Math.min(Math.max(orderExpiresAt.getTime(), earliest), latest);
  return Math.floor(ms / 1000);
}

type StripeAddress = Stripe.Checkout.SessionCreateParams.PaymentIntentData.Shipping;

function shippingOf(address: ShippingAddress | null): StripeAddress | undefined {
  if (!address) return undefined;
  return {
    name: address.name,
    address: {
      line1: address.line1,
      ...(address.line2 ? { line2: address.line2 } : {}),
      city: address.city,
      ...(address.region ? { state: address.region } : {}),
      ...(address.postalCode ? { postal_code: address.postalCode } : {}),
      country: address.country,
    },
  };
}

/** The Checkout Session for an order: its lines and shipping in the order's currency, tied to the order both ways. */
export function sessionParams(
  order: PayableOrder,
  address: ShippingAddress | null,
  urls: { success: string; cancel: string },
  at: Date,
): Stripe.Checkout.SessionCreateParams {
  const currency = order.currency.toLowerCase();
  const orderId = String(order.id);
  const shipping = shippingOf(address);
  return {
    mode: "payment",
    line_items: order.lines.map((line) => ({
      quantity: line.quantity,
      price_data: { currency, unit_amount: line.unitPriceCents, product_data: { name: line.name } },
    })),
    // Shipping as Checkout's own shipping line (a fixed-amount option, the order's flat rate, possibly 0), not as a product.
    shipping_options: [
      {
        shipping_rate_data: {
          type: "fixed_amount",
          display_name: order.shippingCents === 0 ? "Free shipping" : "Shipping",
          fixed_amount: { amount: order.shippingCents, currency },
        },
      },
    ],
    ...(order.customerEmail ? { customer_email: order.customerEmail } : {}),
    client_reference_id: orderId,
    metadata: { order_id: orderId },
    payment_intent_data: { description: `Order #${orderId}`, metadata: { order_id: orderId }, ...(shipping ? { shipping } : {}) },
    expires_at: sessionExpiry(order.expiresAt, at),
    success_url: urls.success,
    cancel_url: urls.cancel,
  };
}

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 24);

export const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === "string" ? value : value.id);

const isStripeError = (error: unknown): error is Stripe.errors.StripeError => error instanceof Stripe.errors.StripeError;

/** A Stripe failure as a PaymentError whose message the person who asked can act on; the details go to the log. */
export function stripeFailure(error: unknown, what: string, invalidRequest: (message: string) => string): PaymentError {
  if (error instanceof PaymentError) return error;
  console.error(`[lineage] Stripe: ${what} failed`, error);
  if (!isStripeError(error)) return new PaymentError(`Stripe could not ${what}: an unexpected error occurred. Nothing was changed; try again.`);
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return new PaymentError(`Stripe refused this server's API key (check STRIPE_SECRET_KEY), so it could not ${what}. Nothing was changed.`);
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new PaymentError(
      `Stripe could not ${what}: a different request with the same key is already recorded there. Check the payment in Stripe's dashboard.`,
    );
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError)
    return new PaymentError(invalidRequest(error.message));
  return new PaymentError(`Stripe could not be reached or is busy, so it could not ${what}. Nothing was changed; try again in a few minutes.`);
}

/** The session, or null when Stripe has none with this id (another account, or test data). */
async function retrieveSession(client: Stripe, id: string): Promise<Stripe.Checkout.Session | null> {
  try {
    return await client.checkout.sessions.retrieve(id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
    throw error;
  }
}

async function expireQuietly(client: Stripe, sessionId: string): Promise<void> {
  try {
    await client.checkout.sessions.expire(sessionId);
  } catch (error) {
    console.error(`[lineage] Stripe: could not expire checkout session ${sessionId}`, error);
  }
}

/** The order a session pays: its metadata's order_id, else the order whose current session it is. Null for sessions of other integrations. */
export async function orderOfSession(db: Database, session: Stripe.Checkout.Session): Promise<number | null> {
  const fromMetadata = Number(session.metadata?.order_id ?? session.client_reference_id);
  if (Number.isSafeInteger(fromMetadata) && fromMetadata > 0) {
    const [order] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, fromMetadata), eq(orders.paymentProvider, "stripe")));
    if (order) return order.id;
  }
  const [bySession] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.paymentProvider, "stripe"), eq(orders.paymentSession, session.id)));
  return bySession?.id ?? null;
}

/**
 * Refunds a payment that cannot count for its order: a second payment of an
 * order already paid (the buyer paid in two tabs), or one the order refused
 * (closed, or not its total). Idempotent per PaymentIntent. `strict`: a
 * failure to reach Stripe is thrown (the webhook answers 500 and Stripe
 * retries); else logged (the webhook will retry it).
 */
async function refundStrayPayment(client: Stripe, orderId: number, paymentIntent: string, why: string, strict: boolean): Promise<void> {
  try {
    const refund = await client.refunds.create(
      { payment_intent: paymentIntent, reason: "duplicate", metadata: { order_id: String(orderId), source: refundSource, why: why.slice(0, 500) } },
      { idempotencyKey: `refund-payment-${paymentIntent}` },
    );
    console.warn(`[lineage] Stripe: refunded payment ${paymentIntent} (${why}) of order ${orderId}: ${refund.id}`);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      // Refunded already (by an earlier delivery, or in the dashboard), or Stripe will not: a retry would not help.
      console.error(`[lineage] Stripe: payment ${paymentIntent} (${why}) of order ${orderId} was not refunded: ${error.message}`);
      return;
    }
    if (strict) throw error;
    console.error(`[lineage] Stripe: refund of payment ${paymentIntent} (${why}) of order ${orderId} failed; the webhook will retry it`, error);
  }
}

/**
 * Settles a Checkout Session Stripe says is paid: confirms its order paid with
 * the session's PaymentIntent and amount (a repeated confirmation changes
 * nothing). A payment that cannot count is refunded: a second payment of an
 * order paid already, or one the order refuses (OrderError: closed, or not the
 * order's total), which also leaves the buyer a message on an unpaid order.
 * Returns the session's order (null: none of ours) and confirmPayment's answer
 * (null: not paid, or refused); the caller settles what follows a payment
 * (settleAfterPayment).
 */
export async function settlePaidSession(
  db: Database,
  client: Stripe,
  session: Stripe.Checkout.Session,
  at: Date,
  strict: boolean,
): Promise<{ orderId: number | null; paid: PaidOrder | null }> {
  const orderId = await orderOfSession(db, session);
  if (orderId === null) {
    console.warn(`[lineage] Stripe: checkout session ${session.id} pays no order of ours; ignored`);
    return { orderId: null, paid: null };
  }
  if (session.payment_status !== "paid") return { orderId, paid: null };
  const paymentIntent = idOf(session.payment_intent);
  if (!paymentIntent) {
    console.error(`[lineage] Stripe: checkout session ${session.id} is paid but has no PaymentIntent; order ${orderId} left unpaid`);
    return { orderId, paid: null };
  }
  let why: string;
  let paid: PaidOrder | null = null;
  try {
    paid = await confirmPayment(db, { orderId, provider: "stripe", reference: paymentIntent, amountCents: session.amount_total ?? -1, at });
    if (paid.confirmed) return { orderId, paid };
    why = "duplicate payment of an order already paid";
  } catch (error) {
    if (!(error instanceof OrderError)) throw error;
    console.error(`[lineage] Stripe: payment ${paymentIntent} of order ${orderId} was not confirmed: ${error.message}`);
    await db
      .update(orders)
      .set({ paymentError: "Your payment could not be matched to this order, so it is being refunded. Please start the payment again." })
      .where(and(eq(orders.id, orderId), inArray(orders.status, [...unpaidStatuses, "expired"])));
    why = `not confirmed: ${error.message}`;
  }
  const [current] = await db.select({ reference: orders.paymentReference }).from(orders).where(eq(orders.id, orderId));
  // The order's own payment (a late or replayed confirmation of it) is never refunded here.
  if (current?.reference !== paymentIntent) await refundStrayPayment(client, orderId, paymentIntent, why, strict);
  return { orderId, paid };
}

async function start(db: Database, order: PayableOrder, urls: { success: string; cancel: string }, at: Date): Promise<PaymentStart> {
  const { client } = configuredStripe();
  const [row] = await db
    .select({ status: orders.status, provider: orders.paymentProvider, session: orders.paymentSession, address: orders.shippingAddress })
    .from(orders)
    .where(eq(orders.id, order.id));
  if (!row) throw new OrderError("This order does not exist.");
  if (row.provider !== "stripe") throw new OrderError("This order is not paid through Stripe.");
  if (row.status === "paid") return { kind: "redirect", url: urls.success };
  if (row.status !== "pending_payment" && row.status !== "payment_failed")
    throw new OrderError(row.status === "expired" ? expiredMessage : `This order is ${row.status}: it can no longer be paid.`);
  if (order.expiresAt <= at) throw new OrderError(expiredMessage);

  try {
    if (row.session) {
      const current = await retrieveSession(client, row.session);
      if (current?.payment_status === "paid") {
        // Paid, and neither the webhook nor the buyer's return has told us yet.
        const { paid } = await settlePaidSession(db, client, current, at, false);
        if (paid) await settleAfterPayment(db, paid);
        return { kind: "redirect", url: urls.success };
      }
      if (current?.status === "open" && current.url && current.amount_total === order.totalCents && current.expires_at * 1000 > at.getTime() + reuseMarginMs) {
        return { kind: "redirect", url: current.url };
      }
      // Completed but unpaid: a delayed method (a bank debit) is still processing, unless it failed since.
      if (current?.status === "complete" && row.status === "pending_payment") return { kind: "redirect", url: urls.success };
    }

    const params = sessionParams(order, row.address, urls, at);
    // One session per order and attempt: a double click or a network retry gets the same session back.
    const idempotencyKey = `checkout-order-${order.id}-after-${row.session ?? "none"}-${digest(params)}`;
    const session = await client.checkout.sessions.create(params, { idempotencyKey });
    if (session.amount_total !== order.totalCents || !session.url) {
      console.error(
        `[lineage] Stripe: checkout session ${session.id} totals ${session.amount_total}, order ${order.id} totals ${order.totalCents}; expired it`,
      );
      await expireQuietly(client, session.id);
      throw new PaymentError("The payment page could not be prepared for this order's total. Nothing was charged; please try again or contact the company.");
    }
    const stored = await db
      .update(orders)
      .set({ paymentSession: session.id })
      .where(and(eq(orders.id, order.id), eq(orders.paymentProvider, "stripe"), inArray(orders.status, [...unpaidStatuses])))
      .returning({ id: orders.id });
    if (stored.length === 0) {
      // Paid (or closed) while the session was being made: this one must not be paid too.
      await expireQuietly(client, session.id);
      const [now] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      if (now?.status === "paid") return { kind: "redirect", url: urls.success };
      throw new OrderError(`This order is ${now?.status ?? "gone"}: it can no longer be paid.`);
    }
    return { kind: "redirect", url: session.url };
  } catch (error) {
    // Our own refusals as they are; a database failure goes to the page's error boundary.
    if (!isStripeError(error)) throw error;
    throw stripeFailure(error, "open the payment page", () => "The payment page could not be opened. Nothing was charged; please try again in a moment.");
  }
}

async function sync(db: Database, orderId: number, at: Date): Promise<PaidOrder | null> {
  // The buyer's return only hurries things along (the webhook confirms the payment anyway): it never fails their page.
  if (!env.stripe) {
    console.error(`[lineage] Stripe: order ${orderId} was not checked: Stripe is not configured on this server`);
    return null;
  }
  const { client } = configuredStripe();
  const [row] = await db
    .select({ status: orders.status, provider: orders.paymentProvider, session: orders.paymentSession })
    .from(orders)
    .where(eq(orders.id, orderId));
  // Paid, closed, or never sent to Stripe: nothing to ask. An expired order is asked: a late payment still counts.
  if (!row || row.provider !== "stripe" || !row.session || !["pending_payment", "payment_failed", "expired"].includes(row.status)) return null;
  let session: Stripe.Checkout.Session | null;
  try {
    session = await retrieveSession(client, row.session);
  } catch (error) {
    console.error(`[lineage] Stripe: could not check checkout session ${row.session} of order ${orderId}; the webhook will confirm it`, error);
    return null;
  }
  if (session?.payment_status !== "paid") return null;
  return (await settlePaidSession(db, client, session, at, false)).paid;
}

/**
 * The refund that already gives this order's amount back, else null: our own
 * (a retry after Stripe forgot its idempotency key, 24 hours on, when a
 * partial refund asked again exceeds what is left), or, once the payment is
 * refunded in full, the refund made in the dashboard.
 */
async function existingRefund(client: Stripe, payment: { orderId: number; reference: string; amountCents: number }, fully: boolean): Promise<string | null> {
  const refunds = await client.refunds.list({ payment_intent: payment.reference, limit: 100 });
  const live = refunds.data.filter((r) => r.status !== "failed" && r.status !== "canceled");
  const ours = live.find((r) => r.metadata?.order_id === String(payment.orderId) && r.metadata?.source === refundSource && r.amount >= payment.amountCents);
  if (ours) return ours.id;
  const total = live.reduce((sum, r) => sum + r.amount, 0);
  return fully && total >= payment.amountCents && live[0] ? live[0].id : null;
}

// Stripe refunds in the payment's own currency; the order's database and the moment are not needed here.
async function refund(_db: Database, payment: { orderId: number; reference: string; amountCents: number; currency: string }): Promise<{ reference: string }> {
  const { client } = configuredStripe();
  const what = `refund order #${payment.orderId}`;
  try {
    const made = await client.refunds.create(
      {
        payment_intent: payment.reference,
        amount: payment.amountCents,
        reason: "requested_by_customer",
        metadata: { order_id: String(payment.orderId), source: refundSource },
      },
      // Per order and payment: a retry after a later failure gets the same refund back.
      { idempotencyKey: `refund-order-${payment.orderId}-${payment.reference}` },
    );
    if (made.status === "failed" || made.status === "canceled") {
      throw new PaymentError(
        `Stripe could not refund order #${payment.orderId} (refund ${made.id} ${made.status}). Nothing was changed here; see the payment in Stripe's dashboard.`,
      );
    }
    return { reference: made.id };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && (error.code === "charge_already_refunded" || error.code === "amount_too_large")) {
      // Refunded already: by us (a retry), or in Stripe's dashboard before the webhook told us. That refund is the one.
      const existing = await existingRefund(client, payment, error.code === "charge_already_refunded").catch(() => null);
      if (existing) return { reference: existing };
    }
    throw stripeFailure(error, what, (message) => `Stripe refused to refund order #${payment.orderId}: ${message} Nothing was changed here.`);
  }
}

/**
 * Charges a saved card off-session (autoship): a PaymentIntent confirmed at
 * once on the card's customer. The caller's key (its job's) makes a retried
 * call the same PaymentIntent. A card error or a bank asking its holder to
 * authenticate is a decline the owner can fix by saving another card.
 */
async function chargeSaved(_db: Database, charge: SavedCardCharge): Promise<SavedCardOutcome> {
  const { client } = configuredStripe();
  if (!charge.card.customerReference) throw new PaymentError("This saved card is not attached to a Stripe customer: save the card again.");
  const orderId = String(charge.order.id);
  try {
    const intent = await client.paymentIntents.create(
      {
        amount: charge.order.totalCents,
        currency: charge.order.currency.toLowerCase(),
        customer: charge.card.customerReference,
        payment_method: charge.card.reference,
        off_session: true,
        confirm: true,
        description: charge.order.description,
        metadata: { order_id: orderId },
      },
      { idempotencyKey: `saved-card-${charge.idempotencyKey}` },
    );
    if (intent.status === "succeeded") return { kind: "succeeded", reference: intent.id, amountCents: intent.amount_received };
    if (intent.status === "requires_action") return { kind: "declined", message: authenticationMessage };
    return { kind: "declined", message: intent.last_payment_error?.message ?? "The card was declined." };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      return { kind: "declined", message: error.code === "authentication_required" ? authenticationMessage : (error.message ?? "The card was declined.") };
    }
    throw stripeFailure(error, `charge the saved card for order #${orderId}`, (message) => `Stripe refused the charge of order #${orderId}: ${message}`);
  }
}

const authenticationMessage = "The bank asks the cardholder to approve this payment, which autoship cannot do. Save the card again to approve it.";

/** The Stripe adapter, on the keys of the environment (env.stripe). */
export const stripeProvider: PaymentProvider = {
  id: "stripe",
  start,
  sync,
  refund,
  chargeSaved,
  // Called through, not referenced: stripe-saved-cards.ts imports this module, and neither must need the other while loading.
  startCardSave: (db, request, urls) => startCardSave(db, request, urls),
  finishCardSave: (...args) => finishCardSave(...args),
};
