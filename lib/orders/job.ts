import type { PaymentProviderId, ShippingAddress } from "@/db/schema";
import type { OrderError } from "./errors";

// An order's two steps: created unpaid (createOrder), then confirmed paid by
// its payment provider (confirmPayment), which is when it starts to count.

export interface NewOrderInput {
  sellerId: number;
  kind: "personal" | "retail";
  items: { productId: number; quantity: number }[];
  idempotencyKey: string;
  customer?: { name: string; email: string };
  shippingAddress: ShippingAddress;
  /** The provider that will take the payment. */
  provider: PaymentProviderId;
  /** A guest's receipt link token, hashed (lib/orders/receipts.ts). */
  receiptTokenHash?: string;
  /** Caps on a guest's order (the public shop). */
  limits?: { maxTotalCents: number; maxUnits: number };
  /** When the order is made: its payment window starts then. */
  at: Date;
}

export interface CreatedOrder {
  orderId: number;
  /** False when the idempotency key had already made this order: nothing new was written. */
  created: boolean;
  totalCents: number;
}

export interface ConfirmPaymentInput {
  orderId: number;
  provider: PaymentProviderId;
  /** The provider's id of the payment (pi_..., demo_ch_...). */
  reference: string;
  /** What the provider took, in minor units: it must be the order's total. */
  amountCents: number;
  /** When the provider confirmed it: it decides the order's period. */
  at: Date;
}

export interface LedgerOptions {
  /** Orders an update may recompute in its own transaction before deferring to a full run. */
  syncLimit?: number;
}

export interface PaidOrder {
  orderId: number;
  /** False when the order was already paid (a replayed confirmation): nothing new was written. */
  confirmed: boolean;
  /** True when other orders' lines were left to the background full run. */
  deferred: boolean;
  periodId: number;
}

/** A confirmation on its way: its input, and the order it claimed. */
export interface PaymentJob {
  input: ConfirmPaymentInput;
  options: LedgerOptions;
  at: Date;
  /** The order this confirmation turned paid, waiting for the ledger. */
  order?: { id: number; sellerId: number; kind: "personal" | "retail"; pv: number; cvCents: number };
  period?: { id: number; status: string; planId: number };
}

export function newJob(input: ConfirmPaymentInput, options: LedgerOptions): PaymentJob {
  return { input, options, at: input.at };
}

/** How a confirmation ended: the order paid (now or before), or refused. */
export type Outcome = { paid: PaidOrder } | { error: OrderError };
