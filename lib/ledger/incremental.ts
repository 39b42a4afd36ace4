import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { payOrders, RETAIL, stateFromVolumes, type OrderArrays, type PeriodState, type Plan } from "@/lib/commissions";
import type { Tx } from "./db";
import { replaceOrderLines, skippedJson, type LedgerLine } from "./lines";
import { statsRows, upsertStats } from "./stats";

/**
 * Above this many orders to recompute, an order writes only its own lines and
 * leaves the rest to a background full run (the period shows "updating").
 */
export const SYNC_RECOMPUTE_LIMIT = 2_000;

interface Node {
  id: number;
  sponsor_id: number | null;
  depth: number;
  path: string;
  terminated: boolean;
  pv: number;
  gv: number;
}

/** Distributors with their volumes in the period, as a small indexed company for the engine. */
function indexNodes(plan: Plan, nodes: Node[], pvOf: (n: Node) => number, gvOf: (n: Node) => number) {
  const index = new Map<number, number>();
  nodes.forEach((n, i) => index.set(n.id, i));
  const sponsor = Int32Array.from(nodes, (n) => (n.sponsor_id === null ? -1 : (index.get(n.sponsor_id) ?? -1)));
  const terminated = Uint8Array.from(nodes, (n) => (n.terminated ? 1 : 0));
  const state = stateFromVolumes(plan, { sponsor, terminated }, Float64Array.from(nodes, pvOf), Float64Array.from(nodes, gvOf));
  return { index, state };
}

const nodeColumns = sql`d.id, d.sponsor_id, d.depth, d.path, d.status = 'terminated' as terminated,
  coalesce(s.pv, 0)::float8 as pv, coalesce(s.gv, 0)::float8 as gv`;

export interface OrderChange {
  orderId: number;
  sellerId: number;
  /** PV the change adds to the seller: the order's PV when placed, minus it when refunded. */
  pvDelta: number;
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
 * levels the change flipped. Those orders are exactly the ones sold within the
 * subtree of the highest such distributor; nothing outside it can change.
 * Runs inside the caller's transaction, which holds the ledger lock.
 */
export async function applyOrderChange(
  tx: Tx,
  periodId: number,
  plan: Plan,
  change: OrderChange,
  syncLimit = SYNC_RECOMPUTE_LIMIT,
): Promise<ChangeResult> {
  const chain = await queryRows<Node>(
    tx,
    sql`select ${nodeColumns}
        from distributors d
        left join distributor_period_stats s on s.period_id = ${periodId} and s.distributor_id = d.id
        where d.id = any(string_to_array((select path from distributors where id = ${change.sellerId}), '.')::int[])
        order by d.depth`,
  );
  const seller = chain.length - 1;
  const before = indexNodes(plan, chain, (n) => n.pv, (n) => n.gv).state;
  const after = indexNodes(plan, chain, (n) => n.pv + (n.id === change.sellerId ? change.pvDelta : 0), (n) => n.gv + change.pvDelta);
  await upsertStats(tx, periodId, statsRows(chain.map((n) => n.id), after.state, true));

  let top = -1;
  for (let i = 0; i <= seller; i++) {
    if (before.active[i] !== after.state.active[i] || before.pays[i] !== after.state.pays[i]) {
      top = i;
      break;
    }
  }
  if (top < 0) return { deferred: false, recomputedOrders: await repayOwnOrder(tx, periodId, plan, chain, after.state, change) };

  const root = chain[top]!;
  const [count] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from orders o join distributors d on d.id = o.seller_id
        where o.period_id = ${periodId} and o.status = 'paid' and (d.id = ${root.id} or d.path like ${root.path + ".%"})`,
  );
  if ((count?.n ?? 0) > syncLimit) {
    await repayOwnOrder(tx, periodId, plan, chain, after.state, change);
    await tx.execute(sql`update commission_periods set needs_recompute = true where id = ${periodId}`);
    return { deferred: true, recomputedOrders: 1 };
  }
  return { deferred: false, recomputedOrders: await repaySubtree(tx, periodId, plan, chain.slice(0, top), root, change.orderId) };
}

function lineFor(plan: Plan, order: { id: number; seller: Node }, beneficiary: Node, level: number, amount: number, explanation: string | null): LedgerLine {
  return {
    orderId: order.id,
    beneficiaryId: beneficiary.id,
    sellerId: order.seller.id,
    level,
    generation: order.seller.depth - beneficiary.depth,
    rateBps: level === 0 ? plan.personalBps : plan.levelsBps[level - 1]!,
    amountCents: amount,
    explanation,
  };
}

/** Recomputes only the changed order's lines (none when it no longer counts). */
async function repayOwnOrder(tx: Tx, periodId: number, plan: Plan, chain: Node[], state: PeriodState, change: OrderChange): Promise<number> {
  const [order] = await queryRows<{ kind: string; cv_cents: number; status: string }>(
    tx,
    sql`select kind, cv_cents::float8 as cv_cents, status from orders where id = ${change.orderId}`,
  );
  const lines: LedgerLine[] = [];
  if (order?.status === "paid") {
    const orders: OrderArrays = {
      seller: Int32Array.of(chain.length - 1),
      kind: Uint8Array.of(order.kind === "retail" ? RETAIL : 0),
      cv: Float64Array.of(order.cv_cents),
    };
    const payout = payOrders(state, orders, { explain: true });
    const ids = chain.map((n) => n.id);
    for (let i = 0; i < payout.lines.count; i++) {
      const explanation = payout.explanations ? skippedJson(payout.explanations.lineSkips, i, ids) : null;
      lines.push(lineFor(plan, { id: change.orderId, seller: chain.at(-1)! }, chain[payout.lines.beneficiary[i]!]!, payout.lines.level[i]!, payout.lines.amount[i]!, explanation));
    }
  }
  await replaceOrderLines(tx, periodId, [change.orderId], lines);
  return 1;
}

/** Recomputes every counted order sold in `root`'s subtree, with the uplines above it as context. */
async function repaySubtree(tx: Tx, periodId: number, plan: Plan, above: Node[], root: Node, changedOrderId: number): Promise<number> {
  const subtree = await queryRows<Node>(
    tx,
    sql`select ${nodeColumns}
        from distributors d
        left join distributor_period_stats s on s.period_id = ${periodId} and s.distributor_id = d.id
        where d.id = ${root.id} or d.path like ${root.path + ".%"}
        order by d.depth, d.id`,
  );
  const nodes = above.concat(subtree);
  const { index, state } = indexNodes(plan, nodes, (n) => n.pv, (n) => n.gv);
  const orderRows = await queryRows<{ id: number; seller_id: number; kind: string; cv_cents: number }>(
    tx,
    sql`select o.id, o.seller_id, o.kind, o.cv_cents::float8 as cv_cents from orders o join distributors d on d.id = o.seller_id
        where o.period_id = ${periodId} and o.status = 'paid' and (d.id = ${root.id} or d.path like ${root.path + ".%"})
        order by o.id`,
  );
  const orders: OrderArrays = {
    seller: Int32Array.from(orderRows, (o) => index.get(o.seller_id)!),
    kind: Uint8Array.from(orderRows, (o) => (o.kind === "retail" ? RETAIL : 0)),
    cv: Float64Array.from(orderRows, (o) => o.cv_cents),
  };
  const payout = payOrders(state, orders, { explain: true });
  const ids = nodes.map((n) => n.id);
  const lines: LedgerLine[] = [];
  for (let i = 0; i < payout.lines.count; i++) {
    const o = payout.lines.order[i]!;
    const explanation = payout.explanations ? skippedJson(payout.explanations.lineSkips, i, ids) : null;
    lines.push(
      lineFor(plan, { id: orderRows[o]!.id, seller: nodes[orders.seller[o]!]! }, nodes[payout.lines.beneficiary[i]!]!, payout.lines.level[i]!, payout.lines.amount[i]!, explanation),
    );
  }
  const orderIds = orderRows.map((o) => o.id);
  if (!orderIds.includes(changedOrderId)) orderIds.push(changedOrderId);
  await replaceOrderLines(tx, periodId, orderIds, lines);
  return orderIds.length;
}
