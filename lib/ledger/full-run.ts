import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { computePeriod, RETAIL, type Company, type OrderArrays, type PeriodResult, type Plan } from "@/lib/commissions";
import { lockLedger, type Executor } from "./db";
import { insertLines, skippedJson, type LedgerLine } from "./lines";
import { getPeriod } from "./periods";
import { loadPlan } from "./plan";
import { writeAllStats } from "./stats";

/** A period's inputs, by index: what a full run reads from the database. */
export interface PeriodData {
  plan: Plan;
  /** Distributor id per index, ascending. */
  ids: Int32Array;
  depth: Int32Array;
  company: Company;
  pvByDistributor: Float64Array;
  orderIds: Int32Array;
  orders: OrderArrays;
}

/** Reads the tree, PV per distributor (aggregated in SQL) and the counted orders of a period. */
export async function loadPeriodData(db: Executor, periodId: number): Promise<PeriodData> {
  const period = await getPeriod(db, periodId);
  const plan = await loadPlan(db, period.planId);
  const rows = await queryRows<{ id: number; sponsor_id: number | null; depth: number; terminated: boolean }>(
    db,
    sql`select id, sponsor_id, depth, status = 'terminated' as terminated from distributors order by id`,
  );
  const n = rows.length;
  const ids = new Int32Array(n);
  const depth = new Int32Array(n);
  const terminated = new Uint8Array(n);
  const maxId = n > 0 ? rows[n - 1]!.id : 0;
  const indexOf = new Int32Array(maxId + 1).fill(-1);
  rows.forEach((r, i) => {
    ids[i] = r.id;
    depth[i] = r.depth;
    terminated[i] = r.terminated ? 1 : 0;
    indexOf[r.id] = i;
  });
  const sponsor = new Int32Array(n);
  rows.forEach((r, i) => {
    sponsor[i] = r.sponsor_id === null ? -1 : indexOf[r.sponsor_id]!;
  });

  const pvByDistributor = new Float64Array(n);
  const pvRows = await queryRows<{ seller_id: number; pv: string | number }>(
    db,
    sql`select seller_id, sum(pv) as pv from orders where period_id = ${periodId} and status = 'paid' group by seller_id`,
  );
  for (const r of pvRows) pvByDistributor[indexOf[r.seller_id]!] = Number(r.pv);

  const orderRows = await queryRows<{ id: number; seller_id: number; kind: string; cv_cents: string | number }>(
    db,
    sql`select id, seller_id, kind, cv_cents from orders where period_id = ${periodId} and status = 'paid' order by id`,
  );
  const m = orderRows.length;
  const orderIds = new Int32Array(m);
  const orders: OrderArrays = { seller: new Int32Array(m), kind: new Uint8Array(m), cv: new Float64Array(m) };
  orderRows.forEach((o, k) => {
    orderIds[k] = o.id;
    orders.seller[k] = indexOf[o.seller_id]!;
    orders.kind[k] = o.kind === "retail" ? RETAIL : 0;
    orders.cv[k] = Number(o.cv_cents);
  });
  return { plan, ids, depth, company: { sponsor, terminated }, pvByDistributor, orderIds, orders };
}

export function runPeriod(data: PeriodData, explain: boolean): PeriodResult {
  return computePeriod(data.plan, data.company, data.orders, { pvByDistributor: data.pvByDistributor, explain });
}

/** The run's commission lines in the ledger's form. */
export function ledgerLines(data: PeriodData, result: PeriodResult): LedgerLine[] {
  const { lines } = result;
  const skips = result.explanations?.lineSkips;
  const out: LedgerLine[] = new Array<LedgerLine>(lines.count);
  for (let i = 0; i < lines.count; i++) {
    const o = lines.order[i]!;
    const seller = data.orders.seller[o]!;
    const beneficiary = lines.beneficiary[i]!;
    const level = lines.level[i]!;
    out[i] = {
      orderId: data.orderIds[o]!,
      beneficiaryId: data.ids[beneficiary]!,
      sellerId: data.ids[seller]!,
      level,
      generation: data.depth[seller]! - data.depth[beneficiary]!,
      rateBps: level === 0 ? data.plan.personalBps : data.plan.levelsBps[level - 1]!,
      amountCents: lines.amount[i]!,
      explanation: skips ? skippedJson(skips, i, data.ids) : null,
    };
  }
  return out;
}

/**
 * Recomputes a period from scratch (read, compute, write) and clears its
 * "updating" flag: the ledger's commission lines and the volume/rank snapshot
 * become exactly a full run's. Clawbacks are kept: they are not derived from
 * the period's own orders.
 */
export async function recomputePeriod(db: Database, periodId: number): Promise<{ lines: number; distributors: number }> {
  return db.transaction(async (tx) => {
    await lockLedger(tx);
    const counts = await rewritePeriod(tx, periodId);
    await tx.execute(sql`update commission_periods set needs_recompute = false, recomputed_at = now() where id = ${periodId}`);
    return counts;
  });
}

/** Rewrites a period's commission lines and snapshot from a full run; the caller holds the ledger lock. */
export async function rewritePeriod(tx: Executor, periodId: number): Promise<{ lines: number; distributors: number }> {
  const data = await loadPeriodData(tx, periodId);
  const result = runPeriod(data, true);
  await tx.execute(sql`delete from commission_ledger where period_id = ${periodId} and kind = 'commission'`);
  await insertLines(tx, periodId, ledgerLines(data, result));
  await writeAllStats(tx, periodId, data.ids, result);
  return { lines: result.lines.count, distributors: data.ids.length };
}
