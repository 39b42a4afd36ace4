import { createHash } from "node:crypto";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import Stripe from "stripe";
import type { Database } from "@/db/client";
import { company, distributors, orders, paymentMethods } from "@/db/schema";
import { PaymentError, type CardOwner, type CardSaveRequest, type SavedCardResult } from "./provider";
import { configuredStripe, idOf, stripeFailure } from "./stripe";

// Saving a card with Stripe for autoship: a Checkout Session in `setup` mode
// on the member's Stripe Customer, so the card is typed on Stripe's page (no
// card data on ours, as at checkout) and Stripe handles the bank's
// authentication once, when the card is saved. The card is recorded
// (payment_methods) when the member comes back (finishCardSave) or when the
// webhook's checkout.session.completed arrives (saveCardOfSession), whichever
// comes first: the unique (provider, reference) makes it one row.
// docs/payments.md ("Saved cards for autoship").

/** Marks the setup sessions this application makes (metadata.purpose), so the webhook can tell them from others. */
export const cardSavePurpose = "autoship_card";

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 24);

/** Whose card, as the session's metadata says it: a member's (distributor_id) or a retail customer's, by their guest order (order_id). */
const ownerMetadata = (owner: CardOwner): Record<string, string> =>
  "distributorId" in owner ? { distributor_id: String(owner.distributorId) } : { order_id: String(owner.orderId) };
const ownerKey = (owner: CardOwner) => ("distributorId" in owner ? `distributor-${owner.distributorId}` : `order-${owner.orderId}`);
const sameOwner = (a: CardOwner, b: CardOwner) => ownerKey(a) === ownerKey(b);

/** The Stripe Customer the owner's cards are saved on: the one of their latest Stripe card, else a new one. */
async function customerFor(db: Database, client: Stripe, owner: CardSaveRequest): Promise<string> {
  const [latest] = await db
    .select({ customer: paymentMethods.customerReference })
    .from(paymentMethods)
    .where(
      and(
        "distributorId" in owner ? eq(paymentMethods.distributorId, owner.distributorId) : eq(paymentMethods.orderId, owner.orderId),
        eq(paymentMethods.provider, "stripe"),
        isNotNull(paymentMethods.customerReference),
      ),
    )
    .orderBy(desc(paymentMethods.id))
    .limit(1);
  if (latest?.customer) return latest.customer;
  const params: Stripe.CustomerCreateParams = { email: owner.email, name: owner.name, metadata: ownerMetadata(owner) };
  // A double click (or a second try before the first card is saved) gets the same customer back.
  const customer = await client.customers.create(params, { idempotencyKey: `customer-${ownerKey(owner)}-${digest(params)}` });
  return customer.id;
}

/** The owner's setup session's parameters: cards only (autoship charges cards), tied to the owner and the autoship. */
export function cardSaveParams(
  owner: CardSaveRequest,
  customer: string,
  currency: string,
  urls: { success: string; cancel: string },
): Stripe.Checkout.SessionCreateParams {
  const metadata = {
    purpose: cardSavePurpose,
    ...ownerMetadata(owner),
    ...(owner.subscriptionId === null ? {} : { subscription_id: String(owner.subscriptionId) }),
  };
  return {
    mode: "setup",
    customer,
    currency: currency.toLowerCase(),
    allowed_payment_method_types: ["card"],
    metadata,
    setup_intent_data: { description: "Card for autoship", metadata },
    // Stripe fills in {CHECKOUT_SESSION_ID}: the owner's return names the session it completed.
    success_url: `${urls.success}${urls.success.includes("?") ? "&" : "?"}card_session={CHECKOUT_SESSION_ID}`,
    cancel_url: urls.cancel,
  };
}

/** Opens a Checkout Session in setup mode for the owner; returns its URL (Stripe's page). */
// The moment is not needed: Stripe's session lasts its default 24 hours.
export async function startCardSave(db: Database, owner: CardSaveRequest, urls: { success: string; cancel: string }): Promise<{ url: string }> {
  const { client } = configuredStripe();
  const [co] = await db.select({ currency: company.currency }).from(company).where(eq(company.id, 1));
  try {
    const customer = await customerFor(db, client, owner);
    const params = cardSaveParams(owner, customer, co?.currency ?? "USD", urls);
    // One session per form: a double click gets the same page; another try (a new form) a new one.
    const session = await client.checkout.sessions.create(params, {
      idempotencyKey: `card-setup-${"distributorId" in owner ? owner.distributorId : ownerKey(owner)}-${owner.idempotencyKey}-${digest(params)}`,
    });
    if (!session.url) throw new PaymentError("Stripe did not return a page to save the card on. Nothing was saved; please try again.");
    return { url: session.url };
  } catch (error) {
    // Our own refusals, and a database failure, as they are.
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    throw stripeFailure(
      error,
      "open the page to save a card",
      () => "The page to save a card could not be opened. Nothing was saved; please try again in a moment.",
    );
  }
}

const brandNames: Record<string, string> = {
  amex: "American Express",
  cartes_bancaires: "Cartes Bancaires",
  diners: "Diners Club",
  discover: "Discover",
  eftpos_au: "EFTPOS",
  jcb: "JCB",
  mastercard: "Mastercard",
  unionpay: "UnionPay",
  visa: "Visa",
};

const positiveInt = (value: string | undefined): number | null => {
  const n = Number(value);
  return value !== undefined && /^\d{1,9}$/.test(value) && n > 0 ? n : null;
};

/**
 * Records the card a completed setup session of ours saved: its SetupIntent's
 * payment method, on the session's customer, for the owner its metadata
 * names (a member, or a retail customer's paid guest order). Idempotent: a second call (the return and the webhook) finds the same
 * row. Null for a session that is not ours, not complete, or whose SetupIntent
 * did not succeed. Stripe's failures are thrown as they are (the caller decides).
 */
export async function saveCardOfSession(db: Database, client: Stripe, session: Stripe.Checkout.Session, at: Date): Promise<SavedCardResult | null> {
  const distributorId = positiveInt(session.metadata?.distributor_id);
  const orderId = positiveInt(session.metadata?.order_id);
  const owner: CardOwner | null = distributorId !== null ? { distributorId } : orderId !== null ? { orderId } : null;
  if (session.mode !== "setup" || session.metadata?.purpose !== cardSavePurpose || owner === null) return null;
  if (session.status !== "complete") return null;
  const setupIntentId = idOf(session.setup_intent);
  const customer = idOf(session.customer);
  if (!setupIntentId || !customer) return null;
  const subscriptionId = positiveInt(session.metadata.subscription_id);
  const intent = await client.setupIntents.retrieve(setupIntentId, { expand: ["payment_method"] });
  const method = intent.payment_method;
  if (intent.status !== "succeeded" || method === null || typeof method === "string" || !method.card) {
    console.warn(`[lineage] Stripe: setup session ${session.id} completed without a saved card (SetupIntent ${intent.id} is ${intent.status})`);
    return null;
  }
  const [known] =
    "distributorId" in owner
      ? await db.select({ id: distributors.id }).from(distributors).where(eq(distributors.id, owner.distributorId))
      : await db
          .select({ id: orders.id })
          .from(orders)
          .where(and(eq(orders.id, owner.orderId), eq(orders.kind, "retail")));
  if (!known) return null;
  const card = method.card;
  const brand = brandNames[card.brand] ?? card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  await db
    .insert(paymentMethods)
    .values({
      distributorId: "distributorId" in owner ? owner.distributorId : null,
      orderId: "orderId" in owner ? owner.orderId : null,
      provider: "stripe",
      reference: method.id,
      customerReference: idOf(method.customer) ?? customer,
      brand,
      last4: card.last4,
      expMonth: card.exp_month,
      expYear: card.exp_year,
      createdAt: at,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select({
      id: paymentMethods.id,
      distributorId: paymentMethods.distributorId,
      orderId: paymentMethods.orderId,
      brand: paymentMethods.brand,
      last4: paymentMethods.last4,
    })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.provider, "stripe"), eq(paymentMethods.reference, method.id)));
  // A payment method is one owner's: never hand another's row over.
  if (!row) return null;
  const rowOwner: CardOwner = row.distributorId !== null ? { distributorId: row.distributorId } : { orderId: row.orderId! };
  if (!sameOwner(rowOwner, owner)) return null;
  return { ...owner, methodId: row.id, subscriptionId, brand: row.brand, last4: row.last4 };
}

/**
 * The owner is back from Stripe's page with the session id in the URL:
 * records the card if that session is theirs and complete. The id comes from
 * the address bar, so the session's own metadata decides whose it is.
 */
export async function finishCardSave(db: Database, input: CardOwner & { session: string }, at: Date): Promise<SavedCardResult | null> {
  if (!/^cs_[A-Za-z0-9_]{1,200}$/.test(input.session)) return null;
  const { client } = configuredStripe();
  try {
    const session = await client.checkout.sessions.retrieve(input.session);
    const named = ownerMetadata(input);
    if (!Object.entries(named).every(([key, value]) => session.metadata?.[key] === value)) return null;
    return await saveCardOfSession(db, client, session, at);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    throw stripeFailure(error, "check the card you saved", () => "Stripe could not tell us about the card you saved. Reload the page in a moment.");
  }
}
