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
}

/** A provider refused or could not be reached: the message is for the person who asked. */
export class PaymentError extends Error {
  override name = "PaymentError";
}
