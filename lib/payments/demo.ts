import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { demoCharges, orders, paymentMethods, unpaidStatuses, type ShippingAddress } from "@/db/schema";
import { confirmPayment } from "@/lib/orders/confirm";
import { OrderError } from "@/lib/orders/errors";
import { createOrder } from "@/lib/orders/create";
import type { LedgerOptions, NewOrderInput, PaidOrder } from "@/lib/orders/job";
import { PaymentError, type CardOwner, type PaymentProvider, type SavedCard, type SavedCardOutcome } from "./provider";

// Demo payments: a provider's test mode, inside the portal. The buyer types a
// card on our own page; documented test cards succeed or decline; what was
// charged and refunded is kept in demo_charges, the demo provider's books.
// No money moves. Off on PostgreSQL unless LINEAGE_DEMO_PAYMENTS=1 (config.ts).

/** The documented demo cards (the same numbers as Stripe's test mode). */
export const demoCards = {
  success: "4242 4242 4242 4242",
  decline: "4000 0000 0000 0002",
  insufficientFunds: "4000 0000 0000 9995",
} as const;

const outcomes: Record<string, { declineCode?: string; message?: string }> = {
  "4242424242424242": {},
  "4000000000000002": { declineCode: "card_declined", message: "Your card was declined. Try another card." },
  "4000000000009995": { declineCode: "insufficient_funds", message: "Your card has insufficient funds. Try another card." },
};

export interface DemoCard {
  number: string;
  /** MM/YY */
  expiry: string;
  cvc: string;
}

export type DemoCardField = keyof DemoCard;

/** Checks a card as a provider's form would: the field at fault and what to fix, or the card's digits. */
export function checkDemoCard(card: DemoCard, at: Date): { ok: true; digits: string } | { ok: false; field: DemoCardField; message: string } {
  const digits = card.number.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) return { ok: false, field: "number", message: "Enter a valid card number." };
  if (!(digits in outcomes)) {
    return { ok: false, field: "number", message: `This is the demo: pay with ${demoCards.success}, or use ${demoCards.decline} to see a decline.` };
  }
  const expiry = /^\s*(\d{2})\s*\/\s*(\d{2})\s*$/.exec(card.expiry);
  const month = expiry ? Number(expiry[1]) : 0;
  if (!expiry || month < 1 || month > 12) return { ok: false, field: "expiry", message: "Enter the expiry date as MM/YY." };
  // A card is valid to the end of its expiry month (UTC).
  if (Date.UTC(2000 + Number(expiry[2]), month, 1) <= at.getTime()) return { ok: false, field: "expiry", message: "This card has expired." };
  if (!/^\d{3,4}$/.test(card.cvc.trim())) return { ok: false, field: "cvc", message: "Enter the 3 or 4 digits on the back of the card." };
  return { ok: true, digits };
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export type DemoPayment = { kind: "paid"; paid: PaidOrder } | { kind: "declined"; message: string };

/**
 * Charges a demo card for an unpaid order and, when it succeeds, confirms the
 * order paid (its volume and commissions land then). A decline records the
 * attempt, marks the order payment_failed with the reason and counts nothing:
 * the buyer may try again until the order expires. The form's idempotency key
 * makes a resubmitted form one charge. Throws OrderError when the order cannot
 * be paid (paid already, expired, not a demo order) before charging anything.
 */
export async function payWithDemoCard(
  db: Database,
  input: { orderId: number; digits: string; idempotencyKey: string; at: Date },
  options: LedgerOptions = {},
): Promise<DemoPayment> {
  const [order] = await db
    .select({ status: orders.status, totalCents: orders.totalCents, provider: orders.paymentProvider, expiresAt: orders.expiresAt })
    .from(orders)
    .where(eq(orders.id, input.orderId));
  if (!order) throw new OrderError("This order does not exist.");
  // One charge per form and card: the same form submitted again is the same charge, while another
  // card typed into it after a decline is a new attempt (like a provider's test mode, the number is not kept).
  const chargeKey = `${input.idempotencyKey}:${createHash("sha256").update(input.digits).digest("hex").slice(0, 16)}`;
  const [previous] = await db.select().from(demoCharges).where(eq(demoCharges.idempotencyKey, chargeKey));
  // The paying form submitted again finds its charge; any other submit sees the order as it is now.
  if (previous?.outcome !== "succeeded") {
    if (order.status === "paid" || order.status === "refunded" || order.status === "cancelled") throw new OrderError(`This order is already ${order.status}.`);
    if (order.status === "expired" || (order.expiresAt && order.expiresAt <= input.at)) {
      throw new OrderError("This order expired before it was paid. Start again from the shop: your items are kept there.");
    }
    if (order.provider !== "demo") throw new OrderError("This order is not paid through demo payments.");
  }
  const outcome = outcomes[input.digits];
  if (!outcome) throw new PaymentError("Unknown demo card.");
  const charge = previous ?? (await recordCharge(db, { ...input, idempotencyKey: chargeKey }, order.totalCents, outcome.declineCode));
  if (charge.orderId !== input.orderId) throw new OrderError("This payment form has expired. Reload the page and try again.");
  if (charge.outcome === "declined") {
    const message = outcomes[input.digits]?.message ?? "Your card was declined.";
    await db
      .update(orders)
      .set({ status: "payment_failed", paymentError: message })
      .where(and(eq(orders.id, input.orderId), inArray(orders.status, [...unpaidStatuses])));
    return { kind: "declined", message };
  }
  const paid = await confirmPayment(
    db,
    { orderId: input.orderId, provider: "demo", reference: charge.id, amountCents: charge.amountCents, at: input.at },
    options,
  );
  if (!paid.confirmed) {
    // Two forms paid one order: the order counts once, and the other charge goes back to the card (refunding it again changes nothing).
    const [current] = await db.select({ reference: orders.paymentReference }).from(orders).where(eq(orders.id, input.orderId));
    if (current?.reference !== charge.id) await refundCharge(db, charge.id, input.at);
  }
  return { kind: "paid", paid };
}

async function recordCharge(
  db: Database,
  input: { orderId: number; digits: string; idempotencyKey: string; at: Date },
  amountCents: number,
  declineCode?: string,
) {
  const [inserted] = await db
    .insert(demoCharges)
    .values({
      id: `demo_ch_${randomBytes(12).toString("hex")}`,
      orderId: input.orderId,
      amountCents,
      cardLast4: input.digits.slice(-4),
      outcome: declineCode ? "declined" : "succeeded",
      declineCode: declineCode ?? null,
      idempotencyKey: input.idempotencyKey,
      createdAt: input.at,
    })
    .onConflictDoNothing({ target: demoCharges.idempotencyKey })
    .returning();
  if (inserted) return inserted;
  // The same form, submitted twice at once: the first submit's charge.
  const [first] = await db.select().from(demoCharges).where(eq(demoCharges.idempotencyKey, input.idempotencyKey));
  return first!;
}

/** Refunds a demo charge up to `amountCents` (all of it by default); refunding it again changes nothing. */
async function refundCharge(db: Database, chargeId: string, at: Date, amountCents?: number): Promise<void> {
  const upTo = amountCents === undefined ? sql`amount_cents` : sql`least(amount_cents, ${amountCents}::bigint)`;
  await db.execute(sql`update demo_charges set refunded_cents = greatest(refunded_cents, ${upTo}), refunded_at = coalesce(refunded_at, ${at.toISOString()}::timestamptz)
    where id = ${chargeId} and outcome = 'succeeded'`);
}

/** The card's expiry has passed: valid to the end of its expiry month (UTC). */
const expiredAt = (card: { expMonth: number; expYear: number }, at: Date) => Date.UTC(card.expYear, card.expMonth, 1) <= at.getTime();

/**
 * Saves a demo card for charges without its owner present (autoship): checked
 * as the pay form checks it; only the last four digits and the expiry are
 * kept, as a provider's saved payment method shows them.
 */
export async function saveDemoCard(
  db: Database,
  input: CardOwner & { card: DemoCard; at: Date },
): Promise<{ ok: true; methodId: number } | { ok: false; field: DemoCardField; message: string }> {
  const checked = checkDemoCard(input.card, input.at);
  if (!checked.ok) return checked;
  const [, mm, yy] = /^\s*(\d{2})\s*\/\s*(\d{2})\s*$/.exec(input.card.expiry)!;
  const [method] = await db
    .insert(paymentMethods)
    .values({
      distributorId: "distributorId" in input ? input.distributorId : null,
      orderId: "orderId" in input ? input.orderId : null,
      provider: "demo",
      reference: `demo_pm_${randomBytes(12).toString("hex")}`,
      brand: "Visa",
      last4: checked.digits.slice(-4),
      expMonth: Number(mm),
      expYear: 2000 + Number(yy),
      createdAt: input.at,
    })
    .returning({ id: paymentMethods.id });
  return { ok: true, methodId: method!.id };
}

/** Charges a saved demo card: the documented card its last four digits name decides the outcome, as at the pay form. */
async function chargeSavedDemoCard(db: Database, charge: Parameters<PaymentProvider["chargeSaved"]>[1]): Promise<SavedCardOutcome> {
  const digits = savedDemoDigits(charge.card);
  const outcome = expiredAt(charge.card, charge.at) ? expiredCard : outcomes[digits]!;
  const record = await recordCharge(
    db,
    { orderId: charge.order.id, digits, idempotencyKey: `saved:${charge.idempotencyKey}`, at: charge.at },
    charge.order.totalCents,
    outcome.declineCode,
  );
  if (record.orderId !== charge.order.id) throw new PaymentError("This charge's idempotency key belongs to another order.");
  if (record.outcome === "declined") {
    const message = record.declineCode === expiredCard.declineCode ? expiredCard.message : (outcomes[digits]?.message ?? "The card was declined.");
    return { kind: "declined", message };
  }
  return { kind: "succeeded", reference: record.id, amountCents: record.amountCents };
}

const expiredCard = { declineCode: "expired_card", message: "The saved card has expired. Save a new card." };

function savedDemoDigits(card: SavedCard): string {
  const digits = Object.keys(outcomes).find((d) => d.endsWith(card.last4));
  if (!digits) throw new PaymentError("The demo provider has no such saved card.");
  return digits;
}

export const demoProvider: PaymentProvider = {
  id: "demo",
  chargeSaved: chargeSavedDemoCard,
  // The buyer pays on our own page: the card form.
  start: async () => ({ kind: "form" }),
  async refund(db, payment, at) {
    const [charge] = await db.select().from(demoCharges).where(eq(demoCharges.id, payment.reference));
    if (!charge || charge.outcome !== "succeeded" || charge.orderId !== payment.orderId)
      throw new PaymentError("The demo provider has no such payment to refund.");
    await refundCharge(db, charge.id, at, payment.amountCents);
    return { reference: `${charge.id}_refund` };
  },
};

/** Where the demo's own orders ship when no address is given. */
export const demoShippingAddress: ShippingAddress = {
  name: "Demo Buyer",
  line1: "100 Main Street",
  city: "Springfield",
  region: "IL",
  postalCode: "62701",
  country: "US",
};

/**
 * Creates an order and pays it with the demo success card: the buyer's own
 * path, for the demo company's orders (db/seed) and the tests'. A replayed key
 * returns the order it made (created false) without charging again.
 */
export type DemoOrderInput = Omit<NewOrderInput, "provider" | "shippingAddress"> & { shippingAddress?: ShippingAddress };

export async function placeDemoPaidOrder(db: Database, input: DemoOrderInput, options: LedgerOptions = {}): Promise<PaidOrder & { created: boolean }> {
  const made = await createOrder(db, { ...input, provider: "demo", shippingAddress: input.shippingAddress ?? demoShippingAddress });
  const payment = await payWithDemoCard(
    db,
    { orderId: made.orderId, digits: "4242424242424242", idempotencyKey: `${input.idempotencyKey}:pay`, at: input.at },
    options,
  );
  if (payment.kind !== "paid") throw new Error("the demo success card was declined");
  return { ...payment.paid, created: made.created };
}
