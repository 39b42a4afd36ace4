import { and, eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { commissionPeriods, orders } from "@/db/schema";
import { computePeriod } from "@/lib/commissions";
import type { Executor } from "@/lib/ledger/db";
import { loadPeriodData } from "@/lib/ledger/full-run";

export type CancelPreview =
  | {
      /** The order counts in the open period: it leaves it, and the period's figures change. */
      kind: "open";
      periodStartsOn: string;
      pvBefore: number;
      pvAfter: number;
      /** Rank names; null for no rank. */
      rankBefore: string | null;
      rankAfter: string | null;
      /** The seller's estimated earnings of the period (ledger lines, clawbacks included), integer minor units. */
      earningsBeforeCents: number;
      earningsAfterCents: number;
    }
  | {
      /** The order's period is closed: it stays as it was, and its lines are clawed back in the open period. */
      kind: "closed";
      periodStartsOn: string;
      /** What the seller earned on the order and gives back (commission lines to them). */
      clawbackCents: number;
    };

/**
 * What cancelling a paid order would do to its seller: for an order of the
 * open period, a full run in memory with and without it (the engine, as the
 * ledger computes it), compared on the seller's PV, rank and earnings; for a
 * closed period's order, the seller's lines that would be clawed back. Reads
 * only. The caller has authorized `sellerId`; another seller's order is null.
 */
export async function previewOrderCancel(db: Executor, orderId: number, sellerId: number): Promise<CancelPreview | null> {
  const [order] = await db
    .select({ id: orders.id, periodId: orders.periodId, status: orders.status, startsOn: commissionPeriods.startsOn, periodStatus: commissionPeriods.status })
    .from(orders)
    .innerJoin(commissionPeriods, eq(commissionPeriods.id, orders.periodId))
    .where(and(eq(orders.id, orderId), eq(orders.sellerId, sellerId)));
  if (!order || order.status !== "paid" || order.periodId === null) return null;

  if (order.periodStatus === "closed") {
    const [row] = await queryRows<{ cents: string | number | null }>(
      db,
      sql`select sum(amount_cents) as cents from commission_ledger where order_id = ${orderId} and beneficiary_id = ${sellerId} and kind = 'commission'`,
    );
    return { kind: "closed", periodStartsOn: order.startsOn, clawbackCents: Number(row?.cents ?? 0) };
  }

  const data = await loadPeriodData(db, order.periodId);
  const o = data.orderIds.indexOf(orderId);
  const me = data.ids.indexOf(sellerId);
  if (o < 0 || me < 0) return null;
  const before = computePeriod(data.plan, data.company, data.orders, {
    pvByDistributor: data.pvByDistributor,
    retailPvByDistributor: data.retailPvByDistributor,
    retailCustomersByDistributor: data.retailCustomersByDistributor,
  });
  const [row] = await db.select({ pv: orders.pv, kind: orders.kind, customerEmail: orders.customerEmail }).from(orders).where(eq(orders.id, orderId));
  const pvAfter = data.pvByDistributor.slice();
  pvAfter[data.orders.seller[o]!]! -= row!.pv;
  // Under the retail rule a retail order's PV also counts as the seller's retail volume.
  const retailPvAfter = data.retailPvByDistributor.slice();
  if (row!.kind === "retail") retailPvAfter[data.orders.seller[o]!]! -= row!.pv;
  // And its customer is one fewer of the seller's when no other paid retail order of the period names them.
  const customersAfter = data.retailCustomersByDistributor.slice();
  if (row!.kind === "retail" && row!.customerEmail !== null) {
    const [other] = await queryRows<{ one: number }>(
      db,
      sql`select 1 as one from orders where seller_id = ${sellerId} and period_id = ${order.periodId} and status = 'paid' and kind = 'retail'
            and lower(customer_email) = lower(${row!.customerEmail}) and id <> ${orderId} limit 1`,
    );
    if (!other) customersAfter[data.orders.seller[o]!]! -= 1;
  }
  const counted = new Uint8Array(data.orders.cv.length).fill(1);
  counted[o] = 0;
  const after = computePeriod(
    data.plan,
    data.company,
    { ...data.orders, counted },
    { pvByDistributor: pvAfter, retailPvByDistributor: retailPvAfter, retailCustomersByDistributor: customersAfter },
  );

  const earnedBy = (lines: typeof before.lines) => {
    let cents = 0;
    for (let i = 0; i < lines.count; i++) if (lines.beneficiary[i] === me) cents += lines.amount[i]!;
    return cents;
  };
  // "Now" is what the dashboard shows (the ledger, clawbacks included); "after" moves it by the engine's difference.
  const [ledger] = await queryRows<{ cents: string | number | null }>(
    db,
    sql`select sum(amount_cents) as cents from commission_ledger where period_id = ${order.periodId} and beneficiary_id = ${sellerId}`,
  );
  const earningsBeforeCents = Number(ledger?.cents ?? 0);
  const rankName = (rank: number) => (rank >= 0 ? (data.plan.ranks[rank]?.name ?? null) : null);
  return {
    kind: "open",
    periodStartsOn: order.startsOn,
    pvBefore: before.pv[me]!,
    pvAfter: after.pv[me]!,
    rankBefore: rankName(before.rank[me]!),
    rankAfter: rankName(after.rank[me]!),
    earningsBeforeCents,
    earningsAfterCents: earningsBeforeCents - (earnedBy(before.lines) - earnedBy(after.lines)),
  };
}
