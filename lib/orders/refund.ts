import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders } from "@/db/schema";
import { lockLedger, type Tx } from "@/lib/ledger/db";
import { applyOrderChange, type ChangeResult } from "@/lib/ledger/incremental/change";
import { getPeriod, openPeriodFor } from "@/lib/ledger/periods";
import { loadPlan } from "@/lib/ledger/plan";
import { applyTeamRollups } from "@/lib/ledger/rollups";
import { OrderError } from "./errors";
import { queueRefundNotice } from "./receipt-notices";
import type { LedgerOptions } from "./job";

export interface RefundResult {
  /** "removed": the open period's lines are gone; "clawback": negative lines were posted to the open period. */
  effect: "removed" | "clawback";
  deferred: boolean;
  /** The open period whose ledger changed. */
  periodId: number;
}

/**
 * Refunds (or cancels) a paid order, once its payment is back with the buyer
 * (lib/payments/refund.ts). In its open period its commissions
 * disappear and the volumes it brought are taken back; for an order of a
 * closed period, which is never edited, each of its lines gets a negative
 * clawback line in the open period, netting it to zero.
 */
export async function refundOrder(
  db: Database,
  orderId: number,
  opts: LedgerOptions & {
    reason: string;
    status?: "refunded" | "cancelled";
    /** The provider's refund that gave the money back (lib/payments/refund.ts), if any. */
    refundReference?: string | null;
    /** When: a closed period's clawbacks go to this moment's open period. */ at: Date;
  },
): Promise<RefundResult> {
  const refunded = await db.transaction(async (tx): Promise<RefundResult> => {
    // The order's row first, then the ledger: the order a confirmation claims is
    // locked in that order too, so the two never wait for each other in a cycle.
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw new OrderError("This order does not exist.");
    if (order.status !== "paid" || order.periodId === null) {
      throw new OrderError(
        order.status === "refunded" || order.status === "cancelled" ? `This order is already ${order.status}.` : "This order was never paid.",
      );
    }
    await lockLedger(tx);
    await tx
      .update(orders)
      .set({ status: opts.status ?? "refunded", refundedAt: opts.at, refundReason: opts.reason, refundReference: opts.refundReference ?? null })
      .where(eq(orders.id, orderId));
    await queueRefundNotice(tx, orderId, opts.at);
    const period = await getPeriod(tx, order.periodId);
    if (period.status === "open") {
      const change: ChangeResult = await applyOrderChange(
        tx,
        period.id,
        await loadPlan(tx, period.planId),
        {
          orderId,
          sellerId: order.sellerId,
          pvDelta: -order.pv,
          retailPvDelta: order.kind === "retail" ? -order.pv : 0,
          order: { kind: order.kind, cvCents: order.cvCents, status: opts.status ?? "refunded" },
        },
        opts.syncLimit,
      );
      await markRefundPeriod(tx, orderId, period.id);
      return { effect: "removed", deferred: change.deferred, periodId: period.id };
    }
    const open = await postClawbacks(tx, orderId, opts.at);
    await markRefundPeriod(tx, orderId, open);
    return { effect: "clawback", deferred: false, periodId: open };
  });
  // Refunds are rare, and a caller may pass its own transaction (an audited admin
  // refund), which a background apply could not use after it ends: applied here.
  await applyTeamRollups(db);
  return refunded;
}

/**
 * Records the open period whose ledger took the refund: the income disclosure
 * statement counts the refunded purchase there, as it counts the clawbacks
 * (period_earnings.refunds_cents, written when that period closes).
 */
async function markRefundPeriod(tx: Tx, orderId: number, periodId: number): Promise<void> {
  await tx.update(orders).set({ refundPeriodId: periodId }).where(eq(orders.id, orderId));
}

/** Posts the clawbacks to the open period and returns its id. */
async function postClawbacks(tx: Tx, orderId: number, at: Date): Promise<number> {
  const open = await openPeriodFor(tx, at);
  await tx.execute(sql`
    insert into commission_ledger (period_id, order_id, beneficiary_id, seller_id, level, generation, kind, rate_bps, amount_cents, skipped)
    select ${open.id}, order_id, beneficiary_id, seller_id, level, generation, 'clawback', rate_bps, -amount_cents, skipped
    from commission_ledger where order_id = ${orderId} and kind = 'commission'
    on conflict (order_id, beneficiary_id, level, kind) do nothing`);
  return open.id;
}
