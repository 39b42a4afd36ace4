import { and, asc, desc, eq, gt, lte } from "drizzle-orm";
import { commissionPeriods } from "@/db/schema";
import { monthOf } from "@/lib/periods";
import type { Executor } from "./db";
import { latestPlanId } from "./plan";

export type PeriodRow = typeof commissionPeriods.$inferSelect;

async function createMonth(db: Executor, startsOn: string, endsOn: string): Promise<void> {
  await db
    .insert(commissionPeriods)
    .values({ startsOn, endsOn, planId: await latestPlanId(db) })
    .onConflictDoNothing({ target: commissionPeriods.startsOn });
}

/**
 * The open period an order placed at `at` belongs to: the calendar month of
 * `at` (created when missing) while it is open; once an admin has closed it,
 * the next open period (created when missing).
 */
export async function openPeriodFor(db: Executor, at: Date): Promise<PeriodRow> {
  const month = monthOf(at);
  const [own] = await db
    .select()
    .from(commissionPeriods)
    .where(and(lte(commissionPeriods.startsOn, month.startsOn), gt(commissionPeriods.endsOn, month.startsOn)))
    .limit(1);
  if (!own) {
    await createMonth(db, month.startsOn, month.endsOn);
    return openPeriodFor(db, at);
  }
  if (own.status === "open") return own;
  const [later] = await db
    .select()
    .from(commissionPeriods)
    .where(and(eq(commissionPeriods.status, "open"), gt(commissionPeriods.startsOn, own.startsOn)))
    .orderBy(asc(commissionPeriods.startsOn))
    .limit(1);
  if (later) return later;
  const [last] = await db.select().from(commissionPeriods).orderBy(desc(commissionPeriods.startsOn)).limit(1);
  const next = monthOf(new Date(`${last!.endsOn}T00:00:00Z`));
  await createMonth(db, next.startsOn, next.endsOn);
  return openPeriodFor(db, new Date(`${next.startsOn}T00:00:00Z`));
}

export async function getPeriod(db: Executor, periodId: number): Promise<PeriodRow> {
  const [row] = await db.select().from(commissionPeriods).where(eq(commissionPeriods.id, periodId));
  if (!row) throw new Error(`period ${periodId} not found`);
  return row;
}
