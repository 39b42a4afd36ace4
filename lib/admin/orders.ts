import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema";
import { OrderError } from "@/lib/orders/errors";
import { refundOrder, type RefundResult } from "@/lib/orders/refund";
import { returnPayment } from "@/lib/payments/refund";
import { recordAudit } from "./audit";

/**
 * An admin refund: the payment goes back through its provider first, then the
 * commissions are reversed, audited in the same transaction (refundOrder's own
 * becomes a savepoint of it). `at`: when the refund is made (a closed period's
 * clawbacks go to that moment's open period).
 */
export async function refundOrderAudited(db: Database, actorUserId: number, orderId: number, reason: string, at: Date): Promise<RefundResult> {
  const refundReference = await returnPayment(db, orderId, at);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: orders.status, totalCents: orders.totalCents, periodId: orders.periodId })
      .from(orders)
      .where(eq(orders.id, orderId));
    if (!before) throw new OrderError("This order does not exist.");
    const result = await refundOrder(tx, orderId, { reason, at, refundReference });
    await recordAudit(tx, {
      at,
      actorUserId,
      action: "order.refund",
      entity: "order",
      entityId: orderId,
      before,
      after: { status: "refunded", reason, effect: result.effect, ledgerPeriodId: result.periodId, refundReference },
    });
    return result;
  });
}
