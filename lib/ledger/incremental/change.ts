import { sql, type SQL } from "drizzle-orm";
import { LEDGER_LOCK } from "@/db/advisory-locks";
import { queryRows } from "@/db/rows";
import type { PeriodState, Plan } from "@/lib/commissions";
import type { Tx } from "../db";
import { insertLinesSql, replaceOrderLines, setDigestsSql, writeLineChanges, type LedgerLine } from "../lines";
import { statsRows, upsertStatsSql } from "../stats";
import { lineDigests, queryPrepared } from "../storage";
import { PeriodClosedError, PlanChangedError } from "./errors";
import { chainStandings, indexNodes, type ChainRow, type Node, type SubtreeOrder } from "./model";
import { orderLines, payLines } from "./order-lines";
import { readReach, repaySubtree } from "./reach";
import { statsWrites, withWrites } from "./writes";

// One order placed or refunded, brought into its open period's ledger.

/**
 * Above this many orders to recompute, an order writes only its own lines and
 * leaves the rest to a background full run (the period shows "updating").
 * Repaying takes ~0.1 ms per order at 1M distributors (2,400 orders: 0.23 s)
 * and a full run ~6 s under the same lock, so up to here one order waits
 * rather than every order stalling behind a full run.
 */
export const SYNC_RECOMPUTE_LIMIT = 10_000;

export interface OrderChange {
  orderId: number;
  sellerId: number;
  /** PV the change adds to the seller: the order's PV when placed, minus it when refunded. */
  pvDelta: number;
  /** Retail PV the change adds to the seller: pvDelta for a retail order, else 0. */
  retailPvDelta: number;
  /** The order as it now stands, when the caller has it (saves reading it back). */
  order?: { kind: "personal" | "retail"; cvCents: number; status: "paid" | "refunded" | "cancelled" };
  /** The order was inserted by this transaction: it has no ledger lines to replace yet. */
  fresh?: boolean;
}

export interface ChangeResult {
  /** Lines of other orders were left to a background full run. */
  deferred: boolean;
  /** Orders whose lines were recomputed (the changed order included). */
  recomputedOrders: number;
}

/**
 * Brings an open period up to date after an order was placed or refunded:
 * the seller's and upline's volumes, the order's own lines, and the lines of
 * every order whose compressed upline includes someone whose activity or paid
 * levels the change flipped. Those orders are sold below a flipped
 * distributor, within the generations their levels reach (readReach); nothing
 * else can change. More than `syncLimit` of them (the changed order aside) are deferred.
 * Runs inside the caller's transaction, which holds the ledger lock (or takes
 * it here with `takeLock`). Throws PeriodClosedError, before writing anything,
 * when the period is closed, and PlanChangedError when its plan is no longer
 * `planId` (a caller that loaded the plan before the lock).
 *
 * The common case (nothing flips) is two statements: read the upline chain,
 * then write its volumes and the order's lines together. Every statement runs
 * under the global lock, so each round trip counts for throughput.
 */
export async function applyOrderChange(
  tx: Tx,
  periodId: number,
  plan: Plan,
  change: OrderChange,
  syncLimit = SYNC_RECOMPUTE_LIMIT,
  options: {
    takeLock?: boolean;
    planId?: number;
    /** Orders this transaction wrote whose ledger update comes later (a batch): not counted yet, so not repaid. */
    notYet?: number[];
    /**
     * The seller's chain, root first, as ledger_chains gives it and as this
     * transaction has left it: a batch read it under the lock (not `takeLock`)
     * and wrote every volume it changed before this call.
     */
    chain?: ChainRow[];
  } = {},
): Promise<ChangeResult> {
  // With takeLock, the lock and the chain share a round trip (migration 0009: the
  // read still sees everything committed before the lock was granted).
  if (options.chain && options.takeLock) throw new Error("a chain read by the caller comes with the lock held");
  const chain =
    options.chain ??
    (await queryPrepared<ChainRow>(
      tx,
      sql`select * from ledger_chains(${options.takeLock ? LEDGER_LOCK : null}::bigint, ${periodId}, array[${change.sellerId}]::int[])`,
    ));
  if (chain.length === 0) throw new Error(`distributor ${change.sellerId} not found`);
  if (chain[0]!.period_open !== true) throw new PeriodClosedError(periodId);
  if (options.planId !== undefined && chain[0]!.plan_id !== options.planId) throw new PlanChangedError(`period ${periodId} has a new plan`);
  const seller = chain.length - 1;
  // The seller's retail customers as its orders now stand (recounted by ledger_chains): a new
  // customer adds one, a refund of a customer's only order removes one.
  const { before, after } = chainStandings(plan, chain, change.pvDelta, change.retailPvDelta, chain[seller]!.customers_now ?? undefined);
  const stats = statsRows(
    chain.map((n) => n.id),
    after,
    true,
  );
  const writes = statsWrites(periodId, chain, stats);
  // The stats as one statement, to join another write.
  const statsAlso = writes.length === 1 ? writes[0]! : upsertStatsSql(periodId, stats);

  const flipped = chain.filter((_, i) => before.active[i] !== after.active[i] || before.pays[i] !== after.pays[i]).map((n) => n.id);
  const top = flipped.length > 0 ? chain.findIndex((n) => n.id === flipped[0]) : -1;
  // Writes `lines` for `orderIds` together with the upline's volumes (and `extra`).
  const write = async (orderIds: number[], lines: LedgerLine[], extra: SQL[] = []) => {
    if (change.fresh && orderIds.length === 1) {
      // Only the new order, which has no lines yet: one statement, nothing to compare.
      // Its digest is 0 (no lines) since its insert; lines come with theirs.
      const all = [...writes, ...extra, ...(lines.length > 0 ? [setDigestsSql(lineDigests([change.orderId], lines))] : [])];
      const main = lines.length > 0 ? insertLinesSql(periodId, lines) : all.pop()!;
      await queryPrepared(tx, withWrites(all, main));
      return;
    }
    // replaceOrderLines writes one other statement with its own.
    const [also, ...rest] = [statsAlso, ...extra];
    for (const w of rest) await tx.execute(w);
    await replaceOrderLines(tx, periodId, orderIds, lines, also);
  };
  const writeOwn = async (extra?: SQL[]) => write([change.orderId], await ownLines(tx, plan, chain, after, change), extra);
  // Only orders sold strictly below a flipped distributor can change: an order's
  // window starts at its seller's sponsor. A seller who flips without recruits
  // (the usual activation) changes nothing but its own order.
  if (top < 0 || (top === seller && !chain[seller]!.has_recruits)) {
    // One statement for the upline's volumes and the order's lines.
    await writeOwn();
    return { deferred: false, recomputedOrders: 1 };
  }

  // One round trip reads the orders a flip can reach and, unless they are more
  // than the limit, the members between them and the flipped distributors.
  // Orders are read at most one more than the limit: an activation high in a
  // million-member tree can reach millions of them, and counting them all would
  // take seconds.
  const { orders: orderRows, members, needs_recompute } = await readReach(tx, periodId, plan, flipped, [change.orderId, ...(options.notYet ?? [])], syncLimit);
  if (orderRows.length > syncLimit) {
    await writeOwn([sql`update commission_periods set needs_recompute = true where id = ${periodId}`]);
    return { deferred: true, recomputedOrders: 1 };
  }
  if (orderRows.length === 0) {
    await writeOwn();
    return { deferred: false, recomputedOrders: 1 };
  }
  // The changed order is repaid with the others (when it still counts).
  const [own] = change.order
    ? change.order.status === "paid"
      ? [{ id: change.orderId, seller_id: change.sellerId, kind: change.order.kind, cv_cents: change.order.cvCents }]
      : []
    : await queryRows<SubtreeOrder>(
        tx,
        sql`select id, seller_id, kind, cv_cents::float8 as cv_cents from orders where id = ${change.orderId} and status = 'paid'`,
      );
  if (own) orderRows.push(own);
  // The chain, then the members below it the flips reach, by depth (parents first).
  const inChain = new Set(chain.map((n) => n.id));
  const unchanged: Node[] = [...chain, ...(members ?? []).filter((m) => !inChain.has(m.id))].sort((a, b) => a.depth - b.depth);
  // The chain's rows as this change leaves them (the members were read before they are written).
  const changed = new Map<number, Node>(
    chain.map((n, i) => [n.id, { ...n, pv: after.pv[i]!, gv: after.gv[i]!, retail_pv: after.retailPv![i]!, retail_customers: after.retailCustomers![i]! }]),
  );
  const nodes = unchanged.map((n) => changed.get(n.id) ?? n);
  const repaid = repaySubtree(plan, nodes, orderRows, change.orderId, flipped);
  if (!change.fresh || needs_recompute !== false) {
    await write(repaid.orderIds, repaid.lines);
    return { deferred: false, recomputedOrders: repaid.orderIds.length };
  }
  // The period is not "updating", so the other orders' stored lines are a full
  // run's on the state before this change: computed here instead of read, and
  // only the lines that differ written (the new order's are all new).
  const prior = indexNodes(
    plan,
    unchanged,
    (n) => n.pv,
    (n) => n.gv,
  );
  const previous = payLines(
    plan,
    unchanged,
    prior.state,
    prior.index,
    repaid.orders.filter((o) => o.id !== change.orderId),
  );
  await writeLineChanges(tx, periodId, repaid.orderIds, previous, repaid.lines, statsAlso);
  return { deferred: false, recomputedOrders: repaid.orderIds.length };
}

/** The changed order's own lines (none when it no longer counts). */
async function ownLines(tx: Tx, plan: Plan, chain: Node[], state: PeriodState, change: OrderChange): Promise<LedgerLine[]> {
  const [order] = change.order
    ? [{ kind: change.order.kind, cv_cents: change.order.cvCents, status: change.order.status }]
    : await queryRows<{ kind: string; cv_cents: number; status: string }>(
        tx,
        sql`select kind, cv_cents::float8 as cv_cents, status from orders where id = ${change.orderId}`,
      );
  if (order?.status !== "paid") return [];
  return orderLines(plan, chain, state, change.orderId, order.kind, order.cv_cents);
}
