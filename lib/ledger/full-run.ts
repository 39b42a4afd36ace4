import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { computePeriod, RETAIL, type OrderArrays, type PeriodResult } from "@/lib/commissions";
import { lockLedger, type Executor } from "./db";
import { diffLedger, indexLines } from "./diff";
import { deleteLines, insertResultLines, writeDigests, type LedgerLine } from "./lines";
import type { PeriodData } from "./period-data";
import { getPeriod } from "./periods";
import { loadPlan } from "./plan";
import { applyTeamRollups } from "./rollups";
import { skippedText } from "./skipped";
import { writeAllStats } from "./stats";
import { copyOut, CopyRowReader, IntList, resultDigests, sqlInt } from "./storage";

/**
 * Reads the tree and the counted orders of a period (PV per distributor is
 * summed from them). Rows come through COPY into typed arrays: a million
 * distributors and three million orders as row objects would take seconds
 * and gigabytes.
 */
export async function loadPeriodData(db: Executor, periodId: number): Promise<PeriodData> {
  const period = await getPeriod(db, periodId);
  const plan = await loadPlan(db, period.planId);

  const idList = new IntList();
  const sponsorList = new IntList();
  const depthList = new IntList();
  const terminatedList = new IntList();
  const tree = new CopyRowReader(4, (r) => {
    idList.push(r.int(0));
    sponsorList.push(r.isNull(1) ? 0 : r.int(1));
    depthList.push(r.int(2));
    terminatedList.push(r.bool(3) ? 1 : 0);
  });
  await copyOut(db, "select id, sponsor_id, depth, status = 'terminated' from distributors order by id", (c) => tree.push(c));
  const n = tree.finish();
  const ids = idList.toArray();
  const depth = depthList.toArray();
  const terminated = Uint8Array.from(terminatedList.toArray());
  const indexOf = new Int32Array(n > 0 ? ids[n - 1]! + 1 : 0).fill(-1);
  for (let i = 0; i < n; i++) indexOf[ids[i]!] = i;
  const sponsor = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = sponsorList.get(i);
    sponsor[i] = s === 0 ? -1 : indexOf[s]!;
  }

  const pvByDistributor = new Float64Array(n);
  const retailPvByDistributor = new Float64Array(n);
  const orderIdList = new IntList();
  const sellerList = new IntList();
  const kindList = new IntList();
  const cvList: number[] = [];
  const digestList: number[] = [];
  const orderRows = new CopyRowReader(6, (r) => {
    const seller = indexOf[r.int(1)]!;
    orderIdList.push(r.int(0));
    sellerList.push(seller);
    const retail = r.bool(2);
    kindList.push(retail ? RETAIL : 0);
    cvList.push(r.int(3));
    const pv = r.int(4);
    pvByDistributor[seller]! += pv;
    if (retail) retailPvByDistributor[seller]! += pv;
    digestList.push(r.int(5));
  });
  await copyOut(
    db,
    `select id, seller_id, kind = 'retail', cv_cents, pv, ledger_digest from orders where period_id = ${sqlInt(periodId)} and status = 'paid'`,
    (c) => orderRows.push(c),
  );
  orderRows.finish();
  // Distinct customers per seller, counted where the emails are (docs/commissions.md "The customer form").
  const retailCustomersByDistributor = new Int32Array(n);
  const customerRows = new CopyRowReader(2, (r) => {
    retailCustomersByDistributor[indexOf[r.int(0)]!] = r.int(1);
  });
  await copyOut(
    db,
    `select seller_id, count(distinct lower(customer_email)) from orders
     where period_id = ${sqlInt(periodId)} and status = 'paid' and kind = 'retail' and customer_email is not null group by seller_id`,
    (c) => customerRows.push(c),
  );
  customerRows.finish();
  const orders: OrderArrays = {
    seller: sellerList.toArray(),
    kind: Uint8Array.from(kindList.toArray()),
    cv: Float64Array.from(cvList),
  };
  return {
    plan,
    ids,
    depth,
    company: { sponsor, terminated },
    pvByDistributor,
    retailPvByDistributor,
    retailCustomersByDistributor,
    orderIds: orderIdList.toArray(),
    orders,
    storedDigests: Float64Array.from(digestList),
  };
}

export function runPeriod(data: PeriodData, explain: boolean): PeriodResult {
  return computePeriod(data.plan, data.company, data.orders, {
    pvByDistributor: data.pvByDistributor,
    retailPvByDistributor: data.retailPvByDistributor,
    retailCustomersByDistributor: data.retailCustomersByDistributor,
    explain,
  });
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
      skipped: skips ? skippedText(skips, i, data.ids) : null,
    };
  }
  return out;
}

export interface RewriteCounts {
  /** Commission lines of the full run. */
  lines: number;
  distributors: number;
  /** Ledger lines removed and written to get there (unchanged lines are left alone). */
  deleted: number;
  inserted: number;
}

/**
 * Recomputes a period from scratch (read, compute, write) and clears its
 * "updating" flag: the ledger's commission lines and the volume/rank snapshot
 * become exactly a full run's. Clawbacks are kept: they are not derived from
 * the period's own orders.
 */
export async function recomputePeriod(db: Database, periodId: number, options: RewriteOptions = {}): Promise<RewriteCounts> {
  const counts = await db.transaction(async (tx) => {
    await lockLedger(tx);
    const counts = await rewritePeriod(tx, periodId, options);
    await tx.execute(sql`update commission_periods set needs_recompute = false, recomputed_at = now() where id = ${periodId}`);
    return counts;
  });
  // The volumes it rewrote (a plan or a tree change can touch many) queued team
  // rollups: applied now, outside the ledger lock, not by the next team page.
  await applyTeamRollups(db);
  return counts;
}

export interface RewriteOptions {
  /**
   * "digests" (the default): only the lines of orders whose stored digest differs
   * from the run's are read and compared. "lines": every stored line is, which
   * also repairs lines changed behind the ledger's back (digests not updated).
   */
  compare?: "digests" | "lines";
}

/**
 * Makes a period's commission lines and snapshot exactly a full run's; the
 * caller holds the ledger lock. Each order's stored digest (a checksum of its
 * lines, kept by every writer) is compared with the run's; only the orders that
 * differ have their lines read back and compared line by line (every column),
 * and only the lines that differ are deleted and written: reading ~13M lines
 * back takes 7 s at 1M distributors, rewriting them minutes. Unchanged lines
 * keep their id.
 */
export async function rewritePeriod(tx: Executor, periodId: number, options: RewriteOptions = {}): Promise<RewriteCounts> {
  const data = await loadPeriodData(tx, periodId);
  const result = runPeriod(data, true);
  const expected = indexLines(data, result);
  const digests = resultDigests(data, result);
  const stale = new Uint8Array(digests.length);
  let staleCount = 0;
  for (let o = 0; o < digests.length; o++) {
    if (options.compare === "lines" || digests[o] !== data.storedDigests[o]) {
      stale[o] = 1;
      staleCount++;
    }
  }
  const diff = await diffLedger(tx, periodId, expected, "all", staleCount === digests.length ? undefined : stale);
  await deleteLines(tx, periodId, diff.stale, diff.allStale);
  const inserted = await insertResultLines(tx, periodId, data, result, diff.missing());
  await writeDigests(tx, data, digests, stale);
  await writeAllStats(tx, periodId, data.ids, result);
  return { lines: result.lines.count, distributors: data.ids.length, deleted: diff.stale.length, inserted };
}
