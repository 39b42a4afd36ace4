import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema";
import { settleAfterPayment } from "@/lib/orders/after-payment";
import { providerFor } from "./index";

/**
 * Asks an unpaid order's provider whether its checkout was paid (the buyer is
 * back from the provider's page, perhaps before its webhook): confirms it if
 * so. Harmless to repeat; nothing for providers that confirm synchronously.
 */
export async function syncOrderPayment(db: Database, orderId: number, at: Date): Promise<void> {
  const [order] = await db.select({ provider: orders.paymentProvider, status: orders.status }).from(orders).where(eq(orders.id, orderId));
  if (!order?.provider || (order.status !== "pending_payment" && order.status !== "payment_failed")) return;
  const paid = await providerFor(order.provider).sync?.(db, orderId, at);
  if (paid) await settleAfterPayment(db, paid);
}
