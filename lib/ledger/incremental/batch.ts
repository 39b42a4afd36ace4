import { sql } from "drizzle-orm";
import { LEDGER_LOCK } from "@/db/advisory-locks";
import { pgArray } from "@/db/rows";
import type { Plan } from "@/lib/commissions";
import type { Tx } from "../db";
import { insertLinesSql, setDigestsSql, type LedgerLine } from "../lines";
import { statsRows, type StatsRow } from "../stats";
import { lineDigests, queryPrepared } from "../storage";
import { applyOrderChange, type ChangeResult } from "./change";
import { PeriodClosedError, PlanChangedError } from "./errors";
import { chainStandings, pathIds, type ChainRow } from "./model";
import { orderLines } from "./order-lines";
import { statsWrites, withWrites } from "./writes";

// A batch's new orders (group commit) brought into their open period's ledger together.

/** A new order of a batch: placed, not yet in the ledger. */
export interface NewOrder {
  orderId: number;
  sellerId: number;
  pv: number;
  kind: "personal" | "retail";
  cvCents: number;
  /** As applyOrderChange's, for this order. */
  syncLimit?: number;
}

/**
 * Brings an open period up to date after several new orders (a batch of
 * concurrent orders in one transaction), in their order, with the result
 * applyOrderChange would give each: the same volumes and lines, in fewer
 * round trips. One call takes the lock (with `takeLock`) and reads every
 * seller's chain; the orders that flip nobody with recruits (nearly all) are
 * computed here, each on the volumes the ones before it left, and written
 * together, one statement for all their chains' volumes (a shared upline
 * once) and lines. An order that flips someone with recruits writes what is
 * pending, then goes through applyOrderChange (it repays orders below).
 * Throws PeriodClosedError or PlanChangedError before writing anything.
 */
export async function applyNewOrders(
  tx: Tx,
  periodId: number,
  plan: Plan,
  orders: NewOrder[],
  options: { takeLock?: boolean; planId?: number } = {},
): Promise<ChangeResult[]> {
  const rows = await queryPrepared<ChainRow>(
    tx,
    sql`select * from ledger_chains(${options.takeLock ? LEDGER_LOCK : null}::bigint, ${periodId}, ${pgArray(orders.map((o) => o.sellerId))}::int[])`,
  );
  if (rows.length === 0) throw new Error(`distributors ${orders.map((o) => o.sellerId).join(", ")} not found`);
  if (rows[0]!.period_open !== true) throw new PeriodClosedError(periodId);
  if (options.planId !== undefined && rows[0]!.plan_id !== options.planId) throw new PlanChangedError(`period ${periodId} has a new plan`);
  // The chains' members as this batch leaves them, so far.
  const members = new Map(rows.map((r) => [r.id, { ...r }]));
  const member = (id: number) => {
    const m = members.get(id);
    if (!m) throw new Error(`distributor ${id} not found`);
    return m;
  };
  const stats = new Map<number, StatsRow>();
  let lines: LedgerLine[] = [];
  let withLines: number[] = [];
  const flush = async () => {
    if (stats.size === 0) return;
    const chain = [...stats.keys()].sort((a, b) => a - b).map(member);
    const writes = statsWrites(
      periodId,
      chain,
      chain.map((m) => stats.get(m.id)!),
    );
    if (lines.length > 0) writes.push(setDigestsSql(lineDigests(withLines, lines)));
    const main = lines.length > 0 ? insertLinesSql(periodId, lines) : writes.pop()!;
    await queryPrepared(tx, withWrites(writes, main));
    for (const m of chain) m.has_stats = true;
    stats.clear();
    lines = [];
    withLines = [];
  };
  const results: ChangeResult[] = [];
  for (const [k, order] of orders.entries()) {
    const chain = pathIds(member(order.sellerId).path).map(member);
    const seller = chain.length - 1;
    const retailPv = order.kind === "retail" ? order.pv : 0;
    // customers_now counts the whole batch's orders: the seller's first order of the batch moves its count there.
    const { before, after } = chainStandings(plan, chain, order.pv, retailPv, chain[seller]!.customers_now ?? undefined);
    const top = chain.findIndex((_, i) => before.active[i] !== after.active[i] || before.pays[i] !== after.pays[i]);
    if (top < 0 || (top === seller && !chain[seller]!.has_recruits)) {
      // Only this order's own lines change: computed here, written with the batch.
      const own = orderLines(plan, chain, after, order.orderId, order.kind, order.cvCents);
      if (own.length > 0) {
        lines.push(...own);
        withLines.push(order.orderId);
      }
      for (const row of statsRows(
        chain.map((n) => n.id),
        after,
        true,
      ))
        stats.set(row.distributorId, row);
      results.push({ deferred: false, recomputedOrders: 1 });
    } else {
      await flush();
      const change = {
        orderId: order.orderId,
        sellerId: order.sellerId,
        pvDelta: order.pv,
        retailPvDelta: retailPv,
        order: { kind: order.kind, cvCents: order.cvCents, status: "paid" as const },
        fresh: true,
      };
      // The batch's later orders are written but not counted yet: they are not this flip's to repay.
      // The chain is this batch's (volumes as the orders before left them, all written by the flush).
      const notYet = orders.slice(k + 1).map((o) => o.orderId);
      results.push(await applyOrderChange(tx, periodId, plan, change, order.syncLimit, { notYet, chain }));
      for (const n of chain) n.has_stats = true;
    }
    for (const n of chain) n.gv += order.pv;
    chain[seller]!.pv += order.pv;
    chain[seller]!.retail_pv += retailPv;
    chain[seller]!.retail_customers = chain[seller]!.customers_now ?? chain[seller]!.retail_customers;
  }
  await flush();
  return results;
}
