import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { company, orders } from "@/db/schema";
import { OrderError } from "@/lib/orders/errors";
import { providerFor } from "./index";

/**
 * Gives an order's payment back through the provider that took it, before its
 * commissions are reversed (refundOrder, with the returned reference): money
 * first, so a failure here changes nothing. Providers refund idempotently per
 * order, so a retry after a later failure returns the same refund. Null for an
 * order paid before payments went through a provider (nothing to give back there).
 * `amountCents`: less than the whole payment for a buyback (lib/buyback); the total by default.
 */
export async function returnPayment(db: Database, orderId: number, at: Date, amountCents?: number): Promise<string | null> {
  const [order] = await db
    .select({
      status: orders.status,
      provider: orders.paymentProvider,
      reference: orders.paymentReference,
      totalCents: orders.totalCents,
      currency: company.currency,
    })
    .from(orders)
    .innerJoin(company, eq(company.id, 1))
    .where(eq(orders.id, orderId));
  if (!order) throw new OrderError("This order does not exist.");
  if (order.status === "refunded" || order.status === "cancelled") throw new OrderError(`This order is already ${order.status}.`);
  if (order.status !== "paid") throw new OrderError("This order was never paid.");
  if (!order.provider || !order.reference) return null;
  if (amountCents !== undefined && (amountCents < 0 || amountCents > order.totalCents)) throw new OrderError("A refund cannot exceed what was paid.");
  const refund = await providerFor(order.provider).refund(
    db,
    { orderId, reference: order.reference, amountCents: amountCents ?? order.totalCents, currency: order.currency },
    at,
  );
  return refund.reference;
}
