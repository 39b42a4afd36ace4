import type { OrderError } from "./errors";

// An order on its way through placeOrder: what the caller asks for, what it
// gets back, and the job that carries it from the checks to the ledger.

export interface PlaceOrderInput {
  sellerId: number;
  kind: "personal" | "retail";
  items: { productId: number; quantity: number }[];
  idempotencyKey: string;
  customer?: { name: string; email: string };
  /** When the order is placed: it decides the order's period. */
  at: Date;
}

export interface LedgerOptions {
  /** Orders an update may recompute in its own transaction before deferring to a full run. */
  syncLimit?: number;
}

export interface PlacedOrder {
  orderId: number;
  /** False when the idempotency key had already made this order: nothing new was written. */
  created: boolean;
  /** True when other orders' lines were left to the background full run. */
  deferred: boolean;
  periodId: number;
}

/** An order on its way: its input, and what the checks found. */
export interface OrderJob {
  input: PlaceOrderInput;
  options: LedgerOptions;
  at: Date;
  quantities: Map<number, number>;
  cartValid: boolean;
  /** The order written by the checks' round trip, waiting for the ledger. */
  order?: { id: number; pv: number; cvCents: number };
  period?: { id: number; status: string; planId: number };
}

export function newJob(input: PlaceOrderInput, options: LedgerOptions): OrderJob {
  const quantities = new Map<number, number>();
  for (const item of input.items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  const cartValid = quantities.size > 0 && [...quantities.values()].every((q) => q >= 1 && q <= 99);
  return { input, options, at: input.at, quantities, cartValid };
}

/** How an order ended: placed (or found by its key), or refused. */
export type Outcome = { placed: PlacedOrder } | { error: OrderError };
