import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { buybackOrders, buybackRequests, distributors, orders } from "@/db/schema";
import { recordAudit } from "@/lib/admin/audit";
import type { Executor } from "@/lib/ledger/db";
import { notify } from "@/lib/notifications/notify";
import { OrderError } from "@/lib/orders/errors";
import { refundOrder } from "@/lib/orders/refund";
import { returnPayment } from "@/lib/payments/refund";
import { formatMoney } from "@/lib/format";
import { BuybackError } from "./errors";
import { BUYBACK_RATE_BPS, BUYBACK_REASON, buybackRefundCents, buybackWindowStart } from "./rules";

// Buyback requests: a terminated distributor (or an admin on their behalf)
// asks to return whole personal orders; an admin approves (each order's
// refund through its payment provider, then refundOrder with the reason
// "buyback": its commissions are removed from its open period or clawed back
// in the open period) or rejects. The callers (lib/actions) authorize; these
// functions trust them.

export interface EligibleOrder {
  id: number;
  paidAt: Date;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  refundCents: number;
}

/** A distributor's orders that may be returned at `now`: their own personal orders, paid (not refunded) in the last 12 months, in no live request. */
export async function listEligibleOrders(db: Executor, distributorId: number, now: Date): Promise<EligibleOrder[]> {
  const rows = await db
    .select({ id: orders.id, paidAt: orders.paidAt, subtotalCents: orders.subtotalCents, shippingCents: orders.shippingCents, totalCents: orders.totalCents })
    .from(orders)
    .leftJoin(buybackOrders, and(eq(buybackOrders.orderId, orders.id), isNull(buybackOrders.releasedAt)))
    .where(
      and(
        eq(orders.sellerId, distributorId),
        eq(orders.kind, "personal"),
        eq(orders.status, "paid"),
        gte(orders.paidAt, buybackWindowStart(now)),
        sql`${orders.paidAt} <= ${now.toISOString()}::timestamptz`,
        isNull(buybackOrders.orderId),
      ),
    )
    .orderBy(asc(orders.paidAt), asc(orders.id));
  return rows.map((r) => ({ ...r, paidAt: r.paidAt!, refundCents: buybackRefundCents(r.subtotalCents, BUYBACK_RATE_BPS) }));
}

/**
 * Records a request to return `orderIds` (whole orders) of a terminated
 * distributor. Every order must be eligible at `at`; an order already in a
 * live request is refused (the partial unique index settles a race).
 */
export async function requestBuyback(
  db: Database,
  /** `byAdmin`: an admin asks on the distributor's behalf (audited). */
  input: { distributorId: number; orderIds: number[]; requestedByUserId: number; at: Date; byAdmin: boolean },
): Promise<{ requestId: number; refundCents: number }> {
  const ids = [...new Set(input.orderIds)];
  if (ids.length === 0) throw new BuybackError("Choose at least one order to return.");
  return db.transaction(async (tx) => {
    const [d] = await tx.select({ status: distributors.status }).from(distributors).where(eq(distributors.id, input.distributorId)).for("update");
    if (!d) throw new BuybackError("This distributor does not exist.");
    if (d.status !== "terminated") throw new BuybackError("A buyback is for a distributor who is leaving: the distributorship must be ended first.");
    const eligible = new Map((await listEligibleOrders(tx, input.distributorId, input.at)).map((o) => [o.id, o]));
    const refused = ids.filter((id) => !eligible.has(id));
    if (refused.length > 0) {
      throw new BuybackError(
        `Order${refused.length > 1 ? "s" : ""} ${refused.map((id) => `#${id}`).join(", ")} cannot be returned: only your own paid orders of the last 12 months, not already returned, can.`,
      );
    }
    const [request] = await tx
      .insert(buybackRequests)
      .values({ distributorId: input.distributorId, rateBps: BUYBACK_RATE_BPS, requestedByUserId: input.requestedByUserId, requestedAt: input.at })
      .returning({ id: buybackRequests.id });
    const rows = ids.map((orderId) => ({ requestId: request!.id, orderId, refundCents: eligible.get(orderId)!.refundCents }));
    const inserted = await tx.insert(buybackOrders).values(rows).onConflictDoNothing().returning({ orderId: buybackOrders.orderId });
    if (inserted.length !== rows.length) throw new BuybackError("Some of these orders were just asked to be returned. Reload the page.");
    if (input.byAdmin) {
      await recordAudit(tx, {
        actorUserId: input.requestedByUserId,
        action: "buyback.request",
        entity: "buyback",
        entityId: request!.id,
        after: { distributorId: input.distributorId, orderIds: ids, rateBps: BUYBACK_RATE_BPS },
      });
    }
    return { requestId: request!.id, refundCents: rows.reduce((sum, r) => sum + r.refundCents, 0) };
  });
}

interface RequestRow {
  id: number;
  distributorId: number;
  userId: number;
  status: "pending" | "approved" | "rejected";
  orders: { orderId: number; refundCents: number; refundedAt: Date | null }[];
}

async function loadRequest(db: Executor, requestId: number): Promise<RequestRow> {
  const [r] = await db
    .select({ id: buybackRequests.id, distributorId: buybackRequests.distributorId, userId: distributors.userId, status: buybackRequests.status })
    .from(buybackRequests)
    .innerJoin(distributors, eq(distributors.id, buybackRequests.distributorId))
    .where(eq(buybackRequests.id, requestId));
  if (!r) throw new BuybackError("This buyback request does not exist.");
  const rows = await db
    .select({ orderId: buybackOrders.orderId, refundCents: buybackOrders.refundCents, refundedAt: buybackOrders.refundedAt })
    .from(buybackOrders)
    .where(eq(buybackOrders.requestId, requestId))
    .orderBy(asc(buybackOrders.orderId));
  return { ...r, orders: rows };
}

export interface ApproveResult {
  /** False when it was approved before (a double click, a retry): nothing more was done. */
  approved: boolean;
  refundCents: number;
  /** Of refundCents, what no provider gave back (orders paid before payments went through one): the admin returns it by hand. */
  manualRefundCents: number;
  /** Open periods whose update was deferred to a background run. */
  deferredPeriodIds: number[];
}

/**
 * Approves a pending request: order by order, the refund goes back through
 * the provider (money first, as an admin refund), then the order is refunded
 * with the reason "buyback" and its row marked. A retry (a failure halfway, a
 * double click, two admins at once) skips the orders already done, and the
 * providers refund idempotently per order: each order is refunded once. The
 * request turns approved, audited and its distributor told, in one final
 * transaction that only the first caller gets to make.
 */
export async function approveBuyback(db: Database, actorUserId: number, requestId: number, at: Date, currency: string): Promise<ApproveResult> {
  const request = await loadRequest(db, requestId);
  const refundCents = request.orders.reduce((sum, o) => sum + o.refundCents, 0);
  if (request.status === "approved") return { approved: false, refundCents, manualRefundCents: 0, deferredPeriodIds: [] };
  if (request.status === "rejected") throw new BuybackError("This request was rejected; it cannot be approved.");
  const deferred = new Set<number>();
  let manualRefundCents = 0;
  for (const o of request.orders) {
    if (o.refundedAt) continue;
    let reference: string | null;
    try {
      reference = await returnPayment(db, o.orderId, at, o.refundCents);
    } catch (error) {
      // Done meanwhile by a concurrent approval: nothing left to do for it.
      if (error instanceof OrderError && (await isDone(db, requestId, o.orderId))) continue;
      if (error instanceof OrderError) throw new BuybackError(`Order #${o.orderId}: ${error.message} Reject this request and ask again without it.`);
      throw error;
    }
    if (reference === null) manualRefundCents += o.refundCents;
    const result = await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ refundedAt: buybackOrders.refundedAt })
        .from(buybackOrders)
        .where(and(eq(buybackOrders.requestId, requestId), eq(buybackOrders.orderId, o.orderId)))
        .for("update");
      if (row?.refundedAt) return null;
      const refunded = await refundOrder(tx, o.orderId, { reason: BUYBACK_REASON, at, refundReference: reference });
      await tx
        .update(buybackOrders)
        .set({ refundedAt: at })
        .where(and(eq(buybackOrders.requestId, requestId), eq(buybackOrders.orderId, o.orderId)));
      return refunded;
    });
    if (result?.deferred) deferred.add(result.periodId);
  }
  const approved = await db.transaction(async (tx) => {
    const [done] = await tx
      .update(buybackRequests)
      .set({ status: "approved", decidedByUserId: actorUserId, decidedAt: at })
      .where(and(eq(buybackRequests.id, requestId), eq(buybackRequests.status, "pending")))
      .returning({ id: buybackRequests.id });
    if (!done) return false;
    const orderIds = request.orders.map((o) => o.orderId);
    await recordAudit(tx, {
      actorUserId,
      action: "buyback.approve",
      entity: "buyback",
      entityId: requestId,
      before: { status: "pending" },
      after: { status: "approved", orderIds, refundCents },
    });
    await notify(tx, {
      userId: request.userId,
      kind: "order_receipt",
      eventKey: `buyback:${requestId}:approved`,
      title: "Your buyback is approved",
      body: [
        `Your return of order${orderIds.length > 1 ? "s" : ""} ${orderIds.map((id) => `#${id}`).join(", ")} is approved: ${formatMoney(refundCents, currency)} goes back to the way you paid.`,
        "The commissions your upline earned on these orders are reversed.",
      ],
      href: "/dashboard/orders/returns",
      action: "See your returns",
      at,
    });
    return true;
  });
  return { approved, refundCents, manualRefundCents, deferredPeriodIds: [...deferred] };
}

async function isDone(db: Executor, requestId: number, orderId: number): Promise<boolean> {
  const [row] = await db
    .select({ refundedAt: buybackOrders.refundedAt })
    .from(buybackOrders)
    .where(and(eq(buybackOrders.requestId, requestId), eq(buybackOrders.orderId, orderId)));
  return row?.refundedAt != null;
}

/** Rejects a pending request with a reason; its orders may be asked for again. */
export async function rejectBuyback(db: Database, actorUserId: number, requestId: number, reason: string, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const request = await loadRequest(tx, requestId);
    const [done] = await tx
      .update(buybackRequests)
      .set({ status: "rejected", decidedByUserId: actorUserId, decidedAt: at, rejectReason: reason })
      .where(and(eq(buybackRequests.id, requestId), eq(buybackRequests.status, "pending")))
      .returning({ id: buybackRequests.id });
    if (!done) throw new BuybackError(`This request is already ${request.status}.`);
    await tx.update(buybackOrders).set({ releasedAt: at }).where(eq(buybackOrders.requestId, requestId));
    await recordAudit(tx, {
      actorUserId,
      action: "buyback.reject",
      entity: "buyback",
      entityId: requestId,
      before: { status: "pending" },
      after: { status: "rejected", reason },
    });
    await notify(tx, {
      userId: request.userId,
      kind: "order_receipt",
      eventKey: `buyback:${requestId}:rejected`,
      title: "Your buyback request was declined",
      body: [
        `Your request to return order${request.orders.length > 1 ? "s" : ""} ${request.orders.map((o) => `#${o.orderId}`).join(", ")} was declined.`,
        `Reason: ${reason}`,
      ],
      href: "/dashboard/orders/returns",
      action: "See your returns",
      at,
    });
  });
}

/** What approving would do: the refund, and the commission lines (count, total) its orders' reversal takes back. */
export async function buybackEffect(db: Executor, requestIds: number[]): Promise<Map<number, { refundCents: number; lines: number; commissionCents: number }>> {
  const effect = new Map<number, { refundCents: number; lines: number; commissionCents: number }>();
  if (requestIds.length === 0) return effect;
  const rows = await db
    .select({
      requestId: buybackOrders.requestId,
      refundCents: buybackOrders.refundCents,
      lines: sql<number>`(select count(*)::int from commission_ledger l where l.order_id = buyback_orders.order_id and l.kind = 'commission')`,
      commission: sql<string>`(select coalesce(sum(l.amount_cents), 0)::text from commission_ledger l where l.order_id = buyback_orders.order_id and l.kind = 'commission')`,
    })
    .from(buybackOrders)
    .where(inArray(buybackOrders.requestId, requestIds));
  for (const r of rows) {
    const e = effect.get(r.requestId) ?? { refundCents: 0, lines: 0, commissionCents: 0 };
    effect.set(r.requestId, {
      refundCents: e.refundCents + r.refundCents,
      lines: e.lines + Number(r.lines),
      commissionCents: e.commissionCents + Number(r.commission),
    });
  }
  return effect;
}
