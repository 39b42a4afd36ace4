import { asc, eq, sql } from "drizzle-orm";
import { commissionPeriods } from "@/db/schema";
import { queryRows } from "@/db/rows";
import type { Executor } from "./db";
import { loadPeriodData, runPeriod } from "./full-run";

export interface LedgerDifference {
  orderId: number;
  beneficiaryId: number;
  level: number;
  /** What a full run pays, null when it pays nothing. */
  expectedCents: number | null;
  /** What the ledger holds, null when it holds nothing. */
  actualCents: number | null;
}

export interface Reconciliation {
  periodId: number;
  startsOn: string;
  expectedLines: number;
  ledgerLines: number;
  differences: LedgerDifference[];
}

const key = (orderId: number, beneficiaryId: number, level: number) => `${orderId}:${beneficiaryId}:${level}`;

/**
 * Compares a period's commission lines with a full run over the same data,
 * line for line (beneficiary, order, level, amount). Clawbacks of
 * closed-period orders are not derived from this period's orders: left aside.
 */
export async function reconcilePeriod(db: Executor, periodId: number): Promise<Reconciliation> {
  const [period] = await db.select().from(commissionPeriods).where(eq(commissionPeriods.id, periodId));
  if (!period) throw new Error(`period ${periodId} not found`);
  const data = await loadPeriodData(db, periodId);
  const result = runPeriod(data, false);
  const expected = new Map<string, LedgerDifference>();
  for (let i = 0; i < result.lines.count; i++) {
    const orderId = data.orderIds[result.lines.order[i]!]!;
    const beneficiaryId = data.ids[result.lines.beneficiary[i]!]!;
    const level = result.lines.level[i]!;
    expected.set(key(orderId, beneficiaryId, level), { orderId, beneficiaryId, level, expectedCents: result.lines.amount[i]!, actualCents: null });
  }
  const actual = await queryRows<{ order_id: number; beneficiary_id: number; level: number; amount_cents: number }>(
    db,
    sql`select order_id, beneficiary_id, level, amount_cents::float8 as amount_cents
        from commission_ledger where period_id = ${periodId} and kind = 'commission'`,
  );
  const differences: LedgerDifference[] = [];
  for (const row of actual) {
    const k = key(row.order_id, row.beneficiary_id, row.level);
    const line = expected.get(k);
    if (line && line.expectedCents === row.amount_cents) expected.delete(k);
    else if (line) line.actualCents = row.amount_cents;
    else differences.push({ orderId: row.order_id, beneficiaryId: row.beneficiary_id, level: row.level, expectedCents: null, actualCents: row.amount_cents });
  }
  differences.push(...expected.values());
  differences.sort((a, b) => a.orderId - b.orderId || a.level - b.level || a.beneficiaryId - b.beneficiaryId);
  return { periodId, startsOn: period.startsOn, expectedLines: result.lines.count, ledgerLines: actual.length, differences };
}

/** Reconciles every open period, oldest first. */
export async function reconcileOpenPeriods(db: Executor): Promise<Reconciliation[]> {
  const open = await db
    .select({ id: commissionPeriods.id })
    .from(commissionPeriods)
    .where(eq(commissionPeriods.status, "open"))
    .orderBy(asc(commissionPeriods.startsOn));
  const out: Reconciliation[] = [];
  for (const p of open) out.push(await reconcilePeriod(db, p.id));
  return out;
}
