import type { Database } from "@/db/client";
import type { PaymentProviderId } from "@/db/schema";
import type { PaidOrder } from "@/lib/orders/job";

// The seam every payment provider fits (lib/payments/demo.ts, lib/payments/stripe.ts).
// An order is paid only when its provider confirms it: synchronously for the
// demo's card form, by a signed webhook (or the buyer's return) for Stripe;
// either way through confirmPayment (lib/orders/confirm.ts).

/** An unpaid order as a provider needs it to take its payment. */
export interface PayableOrder {
  id: number;
  currency: string;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  lines: { name: string; quantity: number; unitPriceCents: number }[];
  customerEmail: string | null;
  /** The order can be paid until then: a provider's checkout must not outlive it. */
  expiresAt: Date;
}

/** Where a buyer pays: on our own page (the demo's card form), or at the provider's. */
export type PaymentStart = { kind: "form" } | { kind: "redirect"; url: string };

export interface PaymentProvider {
  readonly id: PaymentProviderId;
  /** Begins (or resumes) taking an unpaid order's payment; `returnTo` is where the buyer comes back. */
  start(db: Database, order: PayableOrder, urls: { success: string; cancel: string }, at: Date): Promise<PaymentStart>;
  /**
   * Asks the provider whether the order's current checkout was paid and, if so,
   * confirms it (the buyer's return can then show it paid before the webhook
   * arrives). Absent for providers that confirm synchronously (the demo).
   * Returns confirmPayment's answer, or null when the checkout is not paid.
   */
  sync?(db: Database, orderId: number, at: Date): Promise<PaidOrder | null>;
  /**
   * Refunds an order's confirmed payment in full. Idempotent per order: asked
   * again (a retry after a failure), it returns the same refund. Throws
   * PaymentError when the provider refuses.
   */
  refund(db: Database, payment: { orderId: number; reference: string; amountCents: number; currency: string }, at: Date): Promise<{ reference: string }>;
  /**
   * Charges an unpaid order to a saved card without its owner present
   * (autoship). The idempotency key makes a repeated call (a retried job) one
   * charge with one answer. A decline is an answer, not a throw; throws
   * PaymentError when the provider cannot be asked (the caller retries).
   * The caller confirms the order paid (confirmPayment) on success.
   */
  chargeSaved(db: Database, charge: SavedCardCharge): Promise<SavedCardOutcome>;
  /**
   * For providers whose cards are saved on their own page (Stripe; the demo
   * saves from our form instead, saveDemoCard): begins saving a card for a
   * member or a retail customer, to be charged later without them. The member is sent to the
   * returned URL and comes back to `urls.success` with `card_session=<the
   * provider's id>` added (finishCardSave), or to `urls.cancel`.
   */
  startCardSave?(db: Database, request: CardSaveRequest, urls: { success: string; cancel: string }, at: Date): Promise<{ url: string }>;
  /**
   * The owner is back from the provider's page: records the card their save
   * made (payment_methods; one row per card, whether this or the provider's
   * webhook records it first). Null when that save is not complete or not
   * this owner's. Throws PaymentError when the provider cannot be asked.
   */
  finishCardSave?(db: Database, input: CardOwner & { session: string }, at: Date): Promise<SavedCardResult | null>;
}

/** Whose card: a member's, or a retail customer's (no account), named by the guest order they saved it from. */
export type CardOwner = { distributorId: number } | { orderId: number };

/** Whose card is saved (a member, or a retail customer), and the autoship it is for (null: a new one). */
export type CardSaveRequest = CardOwner & {
  email: string;
  name: string;
  subscriptionId: number | null;
  /** The form's own key: a resubmitted form (a double click) opens the same page; a new form, a new one. */
  idempotencyKey: string;
};

/** A card saved: its owner and payment_methods row, and the autoship it was saved for (null: a new one). */
export type SavedCardResult = CardOwner & {
  methodId: number;
  subscriptionId: number | null;
  brand: string;
  last4: string;
};

/** A saved card as the provider knows it (payment_methods). */
export interface SavedCard {
  reference: string;
  customerReference: string | null;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface SavedCardCharge {
  order: { id: number; totalCents: number; currency: string; description: string };
  card: SavedCard;
  idempotencyKey: string;
  at: Date;
}

export type SavedCardOutcome = { kind: "succeeded"; reference: string; amountCents: number } | { kind: "declined"; message: string };

/** A provider refused or could not be reached: the message is for the person who asked. */
export class PaymentError extends Error {
  override name = "PaymentError";
}
