import { createHash } from "node:crypto";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import Stripe from "stripe";
import type { Database } from "@/db/client";
import { company, distributors, paymentMethods } from "@/db/schema";
import { PaymentError, type CardSaveRequest, type SavedCardResult } from "./provider";
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

/** The Stripe Customer the member's cards are saved on: the one of their latest Stripe card, else a new one. */
async function customerFor(db: Database, client: Stripe, owner: CardSaveRequest): Promise<string> {
  const [latest] = await db
    .select({ customer: paymentMethods.customerReference })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.distributorId, owner.distributorId), eq(paymentMethods.provider, "stripe"), isNotNull(paymentMethods.customerReference)))
    .orderBy(desc(paymentMethods.id))
    .limit(1);
  if (latest?.customer) return latest.customer;
  const params: Stripe.CustomerCreateParams = {
    email: owner.email,
    name: owner.name,
    metadata: { distributor_id: String(owner.distributorId) },
  };
  // A double click (or a second try before the first card is saved) gets the same customer back.
  const customer = await client.customers.create(params, { idempotencyKey: `customer-distributor-${owner.distributorId}-${digest(params)}` });
  return customer.id;
}

/** The member's setup session's parameters: cards only (autoship charges cards), tied to the member and the autoship. */
export function cardSaveParams(
  owner: CardSaveRequest,
  customer: string,
  currency: string,
  urls: { success: string; cancel: string },
): Stripe.Checkout.SessionCreateParams {
  const metadata = {
    purpose: cardSavePurpose,
    distributor_id: String(owner.distributorId),
    ...(owner.subscriptionId === null ? {} : { subscription_id: String(owner.subscriptionId) }),
  };
  return {
    mode: "setup",
    customer,
    currency: currency.toLowerCase(),
    allowed_payment_method_types: ["card"],
    metadata,
    setup_intent_data: { description: "Card for autoship", metadata },
    // Stripe fills in {CHECKOUT_SESSION_ID}: the member's return names the session it completed.
    success_url: `${urls.success}${urls.success.includes("?") ? "&" : "?"}card_session={CHECKOUT_SESSION_ID}`,
    cancel_url: urls.cancel,
  };
}

/** Opens a Checkout Session in setup mode for the member; returns its URL (Stripe's page). */
// The moment is not needed: Stripe's session lasts its default 24 hours.
export async function startCardSave(db: Database, owner: CardSaveRequest, urls: { success: string; cancel: string }): Promise<{ url: string }> {
  const { client } = configuredStripe();
  const [co] = await db.select({ currency: company.currency }).from(company).where(eq(company.id, 1));
  try {
    const customer = await customerFor(db, client, owner);
    const params = cardSaveParams(owner, customer, co?.currency ?? "USD", urls);
    // One session per form: a double click gets the same page; another try (a new form) a new one.
    const session = await client.checkout.sessions.create(params, {
      idempotencyKey: `card-setup-${owner.distributorId}-${owner.idempotencyKey}-${digest(params)}`,
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
 * payment method, on the session's customer, for the member its metadata
 * names. Idempotent: a second call (the return and the webhook) finds the same
 * row. Null for a session that is not ours, not complete, or whose SetupIntent
 * did not succeed. Stripe's failures are thrown as they are (the caller decides).
 */
export async function saveCardOfSession(db: Database, client: Stripe, session: Stripe.Checkout.Session, at: Date): Promise<SavedCardResult | null> {
  const distributorId = positiveInt(session.metadata?.distributor_id);
  if (session.mode !== "setup" || session.metadata?.purpose !== cardSavePurpose || distributorId === null) return null;
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
  const [member] = await db.select({ id: distributors.id }).from(distributors).where(eq(distributors.id, distributorId));
  if (!member) return null;
  const card = method.card;
  const brand = brandNames[card.brand] ?? card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  await db
    .insert(paymentMethods)
    .values({
      distributorId,
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
    .select({ id: paymentMethods.id, distributorId: paymentMethods.distributorId, brand: paymentMethods.brand, last4: paymentMethods.last4 })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.provider, "stripe"), eq(paymentMethods.reference, method.id)));
  // A payment method is one member's: never hand another member's row over.
  if (!row || row.distributorId !== distributorId) return null;
  return { methodId: row.id, distributorId, subscriptionId, brand: row.brand, last4: row.last4 };
}

/**
 * The member is back from Stripe's page with the session id in the URL:
 * records the card if that session is theirs and complete. The id comes from
 * the address bar, so the session's own metadata decides whose it is.
 */
export async function finishCardSave(db: Database, input: { distributorId: number; session: string }, at: Date): Promise<SavedCardResult | null> {
  if (!/^cs_[A-Za-z0-9_]{1,200}$/.test(input.session)) return null;
  const { client } = configuredStripe();
  try {
    const session = await client.checkout.sessions.retrieve(input.session);
    if (session.metadata?.distributor_id !== String(input.distributorId)) return null;
    return await saveCardOfSession(db, client, session, at);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    throw stripeFailure(error, "check the card you saved", () => "Stripe could not tell us about the card you saved. Reload the page in a moment.");
  }
}
