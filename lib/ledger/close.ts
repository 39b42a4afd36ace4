import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { lockLedger } from "./db";
import { rewritePeriod } from "./full-run";
import { writePeriodEarnings } from "./period-earnings";
import { getPeriod } from "./periods";

/**
 * Closes a period: a final full run, its per-distributor totals
 * (period_earnings) written from it, then the status flips to closed, after
 * which the database refuses any change to its ledger lines, its volume and
 * rank snapshot and those totals. Orders placed from now on go to the next period.
 */
export async function closePeriod(db: Database, periodId: number): Promise<{ lines: number }> {
  return db.transaction(async (tx) => {
    await lockLedger(tx);
    const period = await getPeriod(tx, periodId);
    if (period.status === "closed") throw new Error("This period is already closed.");
    const { lines } = await rewritePeriod(tx, periodId);
    await writePeriodEarnings(tx, periodId);
    await tx.execute(
      sql`update commission_periods set status = 'closed', closed_at = now(), needs_recompute = false, recomputed_at = now() where id = ${periodId}`,
    );
    return { lines };
  });
}
