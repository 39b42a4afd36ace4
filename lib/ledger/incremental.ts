import { sql, type SQL } from "drizzle-orm";
import { pgArray, queryRows } from "@/db/rows";
import { orderDependsOn, payOrders, RETAIL, stateFromVolumes, type OrderArrays, type PeriodState, type Plan } from "@/lib/commissions";
import { LEDGER_LOCK, pathIds, type Tx } from "./db";
import { lineDigests } from "./digest";
import { insertLinesSql, replaceOrderLines, setDigestsSql, writeLineChanges, type LedgerLine } from "./lines";
import { queryPrepared } from "./raw";
import { skippedText } from "./skipped";
import { statsRows, updateStatsSql, upsertStatsSql, type StatsRow } from "./stats";

/**
 * Above this many orders to recompute, an order writes only its own lines and
 * leaves the rest to a background full run (the period shows "updating").
 * Repaying takes ~0.1 ms per order at 1M distributors (2,400 orders: 0.23 s)
 * and a full run ~6 s under the same lock, so up to here one order waits
 * rather than every order stalling behind a full run.
 */
export const SYNC_RECOMPUTE_LIMIT = 10_000;

/** The period's plan changed after the caller loaded it (a new version was published); nothing was written. */
export class PlanChangedError extends Error {
  override name = "PlanChangedError";
}

/** The period was closed after the order was assigned to it; nothing was written. */
export class PeriodClosedError extends Error {
  override name = "PeriodClosedError";
  constructor(readonly periodId: number) {
    super(`period ${periodId} is closed`);
  }
}

interface Node {
  id: number;
  sponsor_id: number | null;
  depth: number;
  path: string;
  terminated: boolean;
  pv: number;
  gv: number;
}

/** A row of ledger_chains (migration 0014): has_recruits is set for the sellers asked for. */
type ChainRow = Node & { period_open: boolean; plan_id: number; has_stats: boolean; has_recruits: boolean };

/** Distributors with their volumes in the period, as a small indexed company for the engine. */
function indexNodes(plan: Plan, nodes: Node[], pvOf: (n: Node) => number, gvOf: (n: Node) => number) {
  const index = new Map<number, number>();
  nodes.forEach((n, i) => index.set(n.id, i));
  const sponsor = Int32Array.from(nodes, (n) => (n.sponsor_id === null ? -1 : (index.get(n.sponsor_id) ?? -1)));
  const terminated = Uint8Array.from(nodes, (n) => (n.terminated ? 1 : 0));
  const state = stateFromVolumes(plan, { sponsor, terminated }, Float64Array.from(nodes, pvOf), Float64Array.from(nodes, gvOf));
  return { index, state };
}

const NODE_COLUMNS = `d.id, d.sponsor_id, d.depth, d.path, d.status = 'terminated' as terminated,
  coalesce(s.pv, 0)::float8 as pv, coalesce(s.gv, 0)::float8 as gv`;

export interface OrderChange {
  orderId: number;
  sellerId: number;
  /** PV the change adds to the seller: the order's PV when placed, minus it when refunded. */
  pvDelta: number;
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

interface SubtreeOrder {
  id: number;
  seller_id: number;
  kind: string;
  cv_cents: number;
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
  const before = indexNodes(
    plan,
    chain,
    (n) => n.pv,
    (n) => n.gv,
  ).state;
  const after = indexNodes(
    plan,
    chain,
    (n) => n.pv + (n.id === change.sellerId ? change.pvDelta : 0),
    (n) => n.gv + change.pvDelta,
  );
  const stats = statsRows(
    chain.map((n) => n.id),
    after.state,
    true,
  );
  const writes = statsWrites(periodId, chain, stats);
  // The stats as one statement, to join another write.
  const statsAlso = writes.length === 1 ? writes[0]! : upsertStatsSql(periodId, stats);

  const flipped = chain.filter((_, i) => before.active[i] !== after.state.active[i] || before.pays[i] !== after.state.pays[i]).map((n) => n.id);
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
  const writeOwn = async (extra?: SQL[]) => write([change.orderId], await ownLines(tx, plan, chain, after.state, change), extra);
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
  const changed = new Map<number, Node>(chain.map((n, i) => [n.id, { ...n, pv: after.state.pv[i]!, gv: after.state.gv[i]! }]));
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
    const before = indexNodes(
      plan,
      chain,
      (n) => n.pv,
      (n) => n.gv,
    ).state;
    const after = indexNodes(
      plan,
      chain,
      (n) => n.pv + (n.id === order.sellerId ? order.pv : 0),
      (n) => n.gv + order.pv,
    ).state;
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
  }
  await flush();
  return results;
}

/** Stats rows of the chain: an update of those that exist (an upsert would also fire the insert triggers), an insert of the rest. */
function statsWrites(periodId: number, chain: { has_stats: boolean }[], stats: StatsRow[]): SQL[] {
  const existing = stats.filter((_, i) => chain[i]!.has_stats);
  const missing = stats.filter((_, i) => !chain[i]!.has_stats);
  return [...(existing.length > 0 ? [updateStatsSql(periodId, existing)] : []), ...(missing.length > 0 ? [upsertStatsSql(periodId, missing)] : [])];
}

/** One statement: `writes` as CTEs ahead of `main`. */
function withWrites(writes: SQL[], main: SQL): SQL {
  if (writes.length === 0) return main;
  return sql`with ${sql.join(
    writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`),
    sql`, `,
  )} ${main}`;
}

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
async function readReach(tx: Tx, periodId: number, plan: Plan, flipped: number[], except: number[], limit: number): Promise<Subtree> {
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

function lineFor(plan: Plan, order: { id: number; seller: Node }, beneficiary: Node, level: number, amount: number, skipped: string | null): LedgerLine {
  return {
    orderId: order.id,
    beneficiaryId: beneficiary.id,
    sellerId: order.seller.id,
    level,
    generation: order.seller.depth - beneficiary.depth,
    rateBps: level === 0 ? plan.personalBps : plan.levelsBps[level - 1]!,
    amountCents: amount,
    skipped,
  };
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

/** The lines of a paid order sold by the last member of `chain` (root first), in `state`. */
function orderLines(plan: Plan, chain: Node[], state: PeriodState, orderId: number, kind: string, cvCents: number): LedgerLine[] {
  const orders: OrderArrays = {
    seller: Int32Array.of(chain.length - 1),
    kind: Uint8Array.of(kind === "retail" ? RETAIL : 0),
    cv: Float64Array.of(cvCents),
  };
  const payout = payOrders(state, orders, { explain: true });
  const ids = chain.map((n) => n.id);
  const lines: LedgerLine[] = [];
  for (let i = 0; i < payout.lines.count; i++) {
    const skipped = payout.explanations ? skippedText(payout.explanations.lineSkips, i, ids) : null;
    lines.push(
      lineFor(plan, { id: orderId, seller: chain.at(-1)! }, chain[payout.lines.beneficiary[i]!]!, payout.lines.level[i]!, payout.lines.amount[i]!, skipped),
    );
  }
  return lines;
}

/**
 * Recomputes the orders sold in the subtree whose compressed upline window
 * reaches a flipped distributor (the others keep their lines exactly). `nodes`
 * hold every upline of the candidates' sellers, parents first.
 */
function repaySubtree(
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

/** The lines of `orderRows` in `state` (of `nodes`, indexed by `index`). */
function payLines(plan: Plan, nodes: Node[], state: PeriodState, index: Map<number, number>, orderRows: SubtreeOrder[]): LedgerLine[] {
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
    const skipped = payout.explanations ? skippedText(payout.explanations.lineSkips, i, ids) : null;
    lines.push(
      lineFor(
        plan,
        { id: orderRows[o]!.id, seller: nodes[orders.seller[o]!]! },
        nodes[payout.lines.beneficiary[i]!]!,
        payout.lines.level[i]!,
        payout.lines.amount[i]!,
        skipped,
      ),
    );
  }
  return lines;
}
