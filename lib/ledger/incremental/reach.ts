import { sql } from "drizzle-orm";
import { pgArray } from "@/db/rows";
import { orderDependsOn, type Plan } from "@/lib/commissions";
import type { Tx } from "../db";
import type { LedgerLine } from "../lines";
import { queryPrepared } from "../storage";
import { indexNodes, NODE_COLUMNS, type Node, type SubtreeOrder } from "./model";
import { payLines } from "./order-lines";

// What a flip (a distributor's activity or paid levels changed) can reach: the
// orders sold below it within their compressed windows, read from the database
// (readReach) and then narrowed to those that depend on it and repaid (repaySubtree).

interface Subtree {
  /** Whether the period is "updating" (its ledger may lag a full run). */
  needs_recompute: boolean;
  orders: SubtreeOrder[];
  /** Null when the orders are over the limit. */
  members: Node[] | null;
}

/**
 * The paid orders a flip of `flipped` can change (at most `limit + 1`, the
 * changed order aside) and, when they are within the limit, the members
 * between their sellers and the flipped distributors, with their stats.
 *
 * An order depends on a flipped x only when x is within its window: fewer than
 * L uplines that use a level (L the plan's levels; under compression the active
 * ones, else every upline) lie strictly between its seller and x. So the walk
 * goes down from each flipped distributor and stops a branch once L such
 * members are passed: a few generations, not the whole downline. Members are
 * judged as stored (before this change): a flipped distributor met on another's
 * walk may cut it short, but its own walk covers what is below it. One
 * prepared statement; repaySubtree then keeps exactly the orders that depend.
 */
export async function readReach(tx: Tx, periodId: number, plan: Plan, flipped: number[], except: number[], limit: number): Promise<Subtree> {
  const levels = plan.levelsBps.length;
  const uses = plan.compression ? sql`(d.status <> 'terminated' and coalesce(s.pv, 0) >= ${plan.activeMinPv})` : sql`true`;
  const [row] = await queryPrepared<Subtree>(
    tx,
    sql`with recursive w(id, c) as (
        select d.id, ${uses}::int from distributors d
        left join distributor_period_stats s on s.period_id = ${periodId} and s.distributor_id = d.id
        where d.sponsor_id = any(${pgArray(levels > 0 ? flipped : [])}::int[])
        union all
        select d.id, w.c + ${uses}::int from w
        join distributors d on d.sponsor_id = w.id
        left join distributor_period_stats s on s.period_id = ${periodId} and s.distributor_id = d.id
        where w.c < ${levels}
      ),
      reached as materialized (select distinct id from w),
      o as materialized (
        select o.id, o.seller_id, o.kind, o.cv_cents::float8 as cv_cents from orders o join reached r on r.id = o.seller_id
        where o.period_id = ${periodId} and o.status = 'paid' and o.id <> all(${pgArray(except)}::int[])
        limit ${limit + 1}
      )
      select (select needs_recompute from commission_periods where id = ${periodId}) as needs_recompute,
        (select coalesce(json_agg(o), '[]'::json) from o) as orders,
        (select json_agg(m) from (
          select ${sql.raw(NODE_COLUMNS)}
          from reached r join distributors d on d.id = r.id
          left join distributor_period_stats s on s.period_id = ${periodId} and s.distributor_id = d.id
        ) m where (select count(*) from o) <= ${limit}) as members`,
  );
  return row!;
}

/**
 * Recomputes the orders sold in the subtree whose compressed upline window
 * reaches a flipped distributor (the others keep their lines exactly). `nodes`
 * hold every upline of the candidates' sellers, parents first.
 */
export function repaySubtree(
  plan: Plan,
  nodes: Node[],
  candidates: SubtreeOrder[],
  changedOrderId: number,
  flippedIds: number[],
): { orders: SubtreeOrder[]; orderIds: number[]; lines: LedgerLine[] } {
  const { index, state } = indexNodes(
    plan,
    nodes,
    (n) => n.pv,
    (n) => n.gv,
  );
  // Judged on the new state: sound for activations, deactivations and rank changes alike.
  const flipped = flippedIds.map((id) => index.get(id)!);
  const orders = candidates.filter((o) => o.id === changedOrderId || flipped.some((x) => orderDependsOn(state, index.get(o.seller_id)!, x)));
  const orderIds = orders.map((o) => o.id);
  if (!orderIds.includes(changedOrderId)) orderIds.push(changedOrderId);
  return { orders, orderIds, lines: payLines(plan, nodes, state, index, orders) };
}
