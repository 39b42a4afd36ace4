import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { company, orderLines, orders, products } from "@/db/schema";
import { OrderError } from "@/lib/orders/errors";
import { providerFor } from "./index";
import type { PaymentStart } from "./provider";

/**
 * Begins (or resumes) taking an unpaid order's payment through the provider it
 * was created for: the demo's card form on our page, or a redirect to the
 * provider's checkout. Refuses an order that is paid, closed or past its window.
 */
export async function beginPayment(db: Database, orderId: number, urls: { success: string; cancel: string }, at: Date): Promise<PaymentStart> {
  const [order] = await db
    .select({
      status: orders.status,
      provider: orders.paymentProvider,
      subtotalCents: orders.subtotalCents,
      shippingCents: orders.shippingCents,
      totalCents: orders.totalCents,
      customerEmail: orders.customerEmail,
      expiresAt: orders.expiresAt,
      currency: company.currency,
    })
    .from(orders)
    .innerJoin(company, eq(company.id, 1))
    .where(eq(orders.id, orderId));
  if (!order) throw new OrderError("This order does not exist.");
  if (order.status === "paid") throw new OrderError("This order is already paid.");
  if (order.status !== "pending_payment" && order.status !== "payment_failed") throw new OrderError(`This order is ${order.status}: it can no longer be paid.`);
  if (!order.provider || !order.expiresAt || order.expiresAt <= at) {
    throw new OrderError("This order expired before it was paid. Start again from the shop: your items are kept there.");
  }
  const lines = await db
    .select({ name: products.name, quantity: orderLines.quantity, unitPriceCents: orderLines.unitPriceCents })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.id));
  return providerFor(order.provider).start(
    db,
    {
      id: orderId,
      currency: order.currency,
      subtotalCents: order.subtotalCents,
      shippingCents: order.shippingCents,
      totalCents: order.totalCents,
      lines,
      customerEmail: order.customerEmail,
      expiresAt: order.expiresAt,
    },
    urls,
    at,
  );
}
