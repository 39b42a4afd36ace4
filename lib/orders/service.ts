import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { distributors, orderLines, orders, products } from "@/db/schema";
import { applyOrderChange, PeriodClosedError, type ChangeResult } from "@/lib/ledger/incremental";
import { lockLedger, type Tx } from "@/lib/ledger/db";
import { getPeriod, openPeriodFor } from "@/lib/ledger/periods";
import { loadPlan } from "@/lib/ledger/plan";

/** A refusal a person can act on; its message is safe to show. */
export class OrderError extends Error {
  override name = "OrderError";
}

export interface PlaceOrderInput {
  sellerId: number;
  kind: "personal" | "retail";
  items: { productId: number; quantity: number }[];
  idempotencyKey: string;
  customer?: { name: string; email: string };
  at?: Date;
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

/** The order an idempotency key already made, if any. */
async function orderForKey(tx: Tx, input: PlaceOrderInput): Promise<PlacedOrder | null> {
  const [existing] = await tx
    .select({ id: orders.id, sellerId: orders.sellerId, periodId: orders.periodId })
    .from(orders)
    .where(eq(orders.idempotencyKey, input.idempotencyKey));
  if (!existing) return null;
  if (existing.sellerId !== input.sellerId) throw new OrderError("This order form has expired. Reload the page and try again.");
  return { orderId: existing.id, created: false, deferred: false, periodId: existing.periodId };
}

/**
 * Records a paid order and brings the open period's ledger up to date, all in
 * one transaction. Prices and volumes come from the catalog, never the client.
 * The idempotency key makes a retry, a double click or a replay return the
 * first result instead of ordering twice.
 *
 * Orders serialise on the global ledger lock, so only the ledger update runs
 * under it: checks, the order and its lines are written first, in parallel
 * with other orders (invisible to them until commit). The unique idempotency
 * key settles two submits of one form: the second waits for the first to
 * commit, then returns its order.
 */
export async function placeOrder(db: Database, input: PlaceOrderInput, options: LedgerOptions = {}): Promise<PlacedOrder> {
  return db.transaction(async (tx) => {
    const existing = await orderForKey(tx, input);
    if (existing) return existing;
    const [seller] = await tx.select({ status: distributors.status }).from(distributors).where(eq(distributors.id, input.sellerId));
    if (!seller) throw new OrderError("This distributor does not exist.");
    if (seller.status === "terminated") throw new OrderError("This distributor account is closed: it cannot take orders.");

    const quantities = new Map<number, number>();
    for (const item of input.items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
    if (quantities.size === 0) throw new OrderError("Your cart is empty.");
    for (const q of quantities.values()) if (q < 1 || q > 99) throw new OrderError("Quantities must be between 1 and 99.");
    const catalog = await tx
      .select()
      .from(products)
      .where(and(inArray(products.id, [...quantities.keys()]), eq(products.active, true)));
    if (catalog.length !== quantities.size) throw new OrderError("A product in your cart is no longer available. Review your cart and try again.");

    const sum = (f: (p: (typeof catalog)[number]) => number) => catalog.reduce((s, p) => s + f(p) * quantities.get(p.id)!, 0);
    const at = input.at ?? new Date();
    let period = await openPeriodFor(tx, at);
    const [order] = await tx
      .insert(orders)
      .values({
        sellerId: input.sellerId,
        periodId: period.id,
        kind: input.kind,
        status: "paid",
        customerName: input.customer?.name ?? null,
        customerEmail: input.customer?.email ?? null,
        totalCents: sum((p) => p.priceCents),
        pv: sum((p) => p.pv),
        cvCents: sum((p) => p.cvCents),
        idempotencyKey: input.idempotencyKey,
        createdAt: at,
      })
      .onConflictDoNothing({ target: orders.idempotencyKey })
      .returning({ id: orders.id, pv: orders.pv, cvCents: orders.cvCents });
    if (!order) {
      // The same key committed by a concurrent submit while this one ran.
      const made = await orderForKey(tx, input);
      if (made) return made;
      throw new Error("order insert conflicted but no order has its key");
    }
    await tx.insert(orderLines).values(
      catalog.map((p) => ({
        orderId: order.id,
        productId: p.id,
        quantity: quantities.get(p.id)!,
        unitPriceCents: p.priceCents,
        unitPv: p.pv,
        unitCvCents: p.cvCents,
      })),
    );
    let plan = await loadPlan(tx, period.planId);

    const change = { orderId: order.id, sellerId: input.sellerId, pvDelta: order.pv, order: { kind: input.kind, cvCents: order.cvCents, status: "paid" as const }, fresh: true };
    for (;;) {
      try {
        // The ledger lock is taken here, in the same round trip as the first read under it.
        const result = await applyOrderChange(tx, period.id, plan, change, options.syncLimit, { takeLock: true });
        return { orderId: order.id, created: true, deferred: result.deferred, periodId: period.id };
      } catch (error) {
        if (!(error instanceof PeriodClosedError)) throw error;
        // Closed while this order waited for the lock: it belongs to the next open period.
        period = await openPeriodFor(tx, at);
        await tx.update(orders).set({ periodId: period.id }).where(eq(orders.id, order.id));
        plan = await loadPlan(tx, period.planId);
      }
    }
  });
}

export interface RefundResult {
  /** "removed": the open period's lines are gone; "clawback": negative lines were posted to the open period. */
  effect: "removed" | "clawback";
  deferred: boolean;
  /** The open period whose ledger changed. */
  periodId: number;
}

/**
 * Refunds (or cancels) a paid order. In its open period its commissions
 * disappear and the volumes it brought are taken back; for an order of a
 * closed period, which is never edited, each of its lines gets a negative
 * clawback line in the open period, netting it to zero.
 */
export async function refundOrder(
  db: Database,
  orderId: number,
  opts: LedgerOptions & { reason: string; status?: "refunded" | "cancelled"; at?: Date },
): Promise<RefundResult> {
  return db.transaction(async (tx) => {
    await lockLedger(tx);
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw new OrderError("This order does not exist.");
    if (order.status !== "paid") throw new OrderError(`This order is already ${order.status}.`);
    await tx
      .update(orders)
      .set({ status: opts.status ?? "refunded", refundedAt: opts.at ?? new Date(), refundReason: opts.reason })
      .where(eq(orders.id, orderId));
    const period = await getPeriod(tx, order.periodId);
    if (period.status === "open") {
      const change: ChangeResult = await applyOrderChange(tx, period.id, await loadPlan(tx, period.planId), {
        orderId,
        sellerId: order.sellerId,
        pvDelta: -order.pv,
        order: { kind: order.kind, cvCents: order.cvCents, status: opts.status ?? "refunded" },
      }, opts.syncLimit);
      return { effect: "removed", deferred: change.deferred, periodId: period.id };
    }
    const open = await postClawbacks(tx, orderId, opts.at ?? new Date());
    return { effect: "clawback", deferred: false, periodId: open };
  });
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
