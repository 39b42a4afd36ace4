import { and, asc, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
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
  /** Of refundCents, what no provider gave back (orders paid before payments went through one), over the whole request: the admin returns it by hand. */
  manualRefundCents: number;
  /** Open periods whose update was deferred to a background run. */
  deferredPeriodIds: number[];
}

/** The request's row locked (FOR UPDATE) in `tx`: approval and rejection take it, so neither runs into the other halfway. */
async function lockRequest(tx: Executor, requestId: number): Promise<RequestRow["status"]> {
  const [r] = await tx.select({ status: buybackRequests.status }).from(buybackRequests).where(eq(buybackRequests.id, requestId)).for("update");
  if (!r) throw new BuybackError("This buyback request does not exist.");
  return r.status;
}

const orderList = (ids: number[]) => `order${ids.length > 1 ? "s" : ""} ${ids.map((id) => `#${id}`).join(", ")}`;

/**
 * Refuses, before any money moves, a request that can no longer be approved
 * as a whole: its distributor reactivated, or one of its orders no longer paid
 * (cancelled or refunded meanwhile). Once some of its orders are returned (an
 * approval that failed halfway), only the orders left are checked: finishing
 * is what keeps the records equal to the money.
 */
async function checkApprovable(tx: Executor, request: RequestRow): Promise<void> {
  const left = request.orders.filter((o) => !o.refundedAt).map((o) => o.orderId);
  if (left.length === 0) return;
  const started = left.length < request.orders.length;
  if (!started) {
    const [d] = await tx.select({ status: distributors.status }).from(distributors).where(eq(distributors.id, request.distributorId));
    if (d?.status !== "terminated") {
      throw new BuybackError("This distributor was reactivated since asking: a buyback is for a distributor who is leaving. Reject this request.");
    }
  }
  const unpaid = (await tx.select({ id: orders.id, status: orders.status }).from(orders).where(inArray(orders.id, left))).filter((o) => o.status !== "paid");
  if (unpaid.length === 0) return;
  const what = unpaid.map((o) => `#${o.id} is ${o.status}`).join(", ");
  throw new BuybackError(
    started
      ? `Order ${what} since the request, and the others of this request are already returned: nothing more was refunded. This request can be neither finished nor rejected from the portal; its returned orders stand as returned.`
      : `Order ${what} since the request: nothing was refunded. Reject this request and ask again without it.`,
  );
}

/**
 * Approves a pending request. First, under the request's lock, every order not
 * yet returned must still be paid and the distributor still terminated (else
 * nothing is refunded). Then, order by order, in one transaction holding the
 * request's lock and re-checking it is still pending: the refund goes back
 * through the provider (returnPayment), the order is refunded with the reason
 * "buyback", and its row marked. A rejection waits for that lock and then
 * refuses, since an order is returned. A retry (a failure halfway, a double
 * click, two admins at once) skips the orders already done, and the providers
 * refund idempotently per order: each order is refunded once. The request
 * turns approved, audited and its distributor told, in one final transaction
 * that only the first caller gets to make.
 */
export async function approveBuyback(db: Database, actorUserId: number, requestId: number, at: Date, currency: string): Promise<ApproveResult> {
  const request = await db.transaction(async (tx) => {
    await lockRequest(tx, requestId);
    const r = await loadRequest(tx, requestId);
    if (r.status === "rejected") throw new BuybackError("This request was rejected; it cannot be approved.");
    if (r.status === "pending") await checkApprovable(tx, r);
    return r;
  });
  const refundCents = request.orders.reduce((sum, o) => sum + o.refundCents, 0);
  if (request.status === "approved") return { approved: false, refundCents, manualRefundCents: await manualCents(db, requestId), deferredPeriodIds: [] };
  const deferred = new Set<number>();
  for (const o of request.orders) {
    if (o.refundedAt) continue;
    let result: Awaited<ReturnType<typeof refundOrder>> | null;
    try {
      result = await db.transaction(async (tx) => {
        const status = await lockRequest(tx, requestId);
        if (status === "rejected") throw new BuybackError("This request was rejected meanwhile: nothing more was refunded.");
        const [row] = await tx
          .select({ refundedAt: buybackOrders.refundedAt })
          .from(buybackOrders)
          .where(and(eq(buybackOrders.requestId, requestId), eq(buybackOrders.orderId, o.orderId)))
          .for("update");
        // Done meanwhile by a concurrent approval.
        if (row?.refundedAt || status === "approved") return null;
        // The order's row too, so that no admin refund or cancellation slips in between the provider's refund and refundOrder.
        await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, o.orderId)).for("update");
        // The provider call under the request's lock: no money goes out on a request rejected meanwhile.
        const reference = await returnPayment(tx, o.orderId, at, o.refundCents);
        const refunded = await refundOrder(tx, o.orderId, { reason: BUYBACK_REASON, at, refundReference: reference });
        await tx
          .update(buybackOrders)
          .set({ refundedAt: at })
          .where(and(eq(buybackOrders.requestId, requestId), eq(buybackOrders.orderId, o.orderId)));
        return refunded;
      });
    } catch (error) {
      // Changed meanwhile (cancelled or refunded by an admin after the check above): this order's transaction changed nothing.
      if (error instanceof OrderError) throw new BuybackError(`Order #${o.orderId}: ${error.message} Nothing more was refunded.`);
      throw error;
    }
    if (result?.deferred) deferred.add(result.periodId);
  }
  const approved = await db.transaction(async (tx) => {
    const status = await lockRequest(tx, requestId);
    if (status === "approved") return false;
    if (status === "rejected") throw new BuybackError("This request was rejected meanwhile: nothing more was refunded.");
    await tx.update(buybackRequests).set({ status: "approved", decidedByUserId: actorUserId, decidedAt: at }).where(eq(buybackRequests.id, requestId));
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
        `Your return of ${orderList(orderIds)} is approved: ${formatMoney(refundCents, currency)} goes back to the way you paid.`,
        "The commissions your upline earned on these orders are reversed.",
      ],
      href: "/dashboard/orders/returns",
      action: "See your returns",
      at,
    });
    return true;
  });
  return { approved, refundCents, manualRefundCents: await manualCents(db, requestId), deferredPeriodIds: [...deferred] };
}

/** What the request's returned orders gave back through no provider (no refund reference): over the whole request, whichever call returned them. */
async function manualCents(db: Executor, requestId: number): Promise<number> {
  const [row] = await db
    .select({ cents: sql<string>`coalesce(sum(${buybackOrders.refundCents}), 0)::text` })
    .from(buybackOrders)
    .innerJoin(orders, eq(orders.id, buybackOrders.orderId))
    .where(and(eq(buybackOrders.requestId, requestId), isNotNull(buybackOrders.refundedAt), isNull(orders.refundReference)));
  return Number(row?.cents ?? 0);
}

/**
 * Rejects a pending request with a reason; its orders may be asked for again.
 * Refused once one of its orders is returned (an approval that failed
 * halfway): the money went back, so the request is finished by approving again.
 */
export async function rejectBuyback(db: Database, actorUserId: number, requestId: number, reason: string, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const status = await lockRequest(tx, requestId);
    if (status !== "pending") throw new BuybackError(`This request is already ${status}.`);
    const request = await loadRequest(tx, requestId);
    const returned = request.orders.filter((o) => o.refundedAt).map((o) => o.orderId);
    if (returned.length > 0) {
      throw new BuybackError(
        `The refund of ${orderList(returned)} of this request was already given back by an approval that stopped halfway: approve it again to finish, it refunds only what is left.`,
      );
    }
    await tx
      .update(buybackRequests)
      .set({ status: "rejected", decidedByUserId: actorUserId, decidedAt: at, rejectReason: reason })
      .where(eq(buybackRequests.id, requestId));
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
      body: [`Your request to return ${orderList(request.orders.map((o) => o.orderId))} was declined.`, `Reason: ${reason}`],
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
