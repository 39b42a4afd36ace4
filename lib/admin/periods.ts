import { and, asc, eq, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { commissionPeriods } from "@/db/schema";
import { formatPeriod } from "@/lib/format";
import { closePeriod } from "@/lib/ledger/close";
import { lockLedger } from "@/lib/ledger/db";
import { recordAudit } from "./audit";
import { AdminError } from "./errors";
import { queuePeriodEarnings } from "./period-notices";
import { ensurePayoutBatches } from "./payouts";
import { queueRankCheck } from "@/lib/team/rank-notices";

/**
 * Closes a period (a final full run, then frozen by the database), audited, and
 * makes its payout batch, all in one transaction. Periods close in order: each
 * payout batch starts from the balances the previous one carried out.
 */
export async function closePeriodAudited(db: Database, actorUserId: number, periodId: number, at: Date): Promise<{ lines: number; startsOn: string }> {
  return db.transaction(async (tx) => {
    await lockLedger(tx);
    const [period] = await tx.select().from(commissionPeriods).where(eq(commissionPeriods.id, periodId)).for("update");
    if (!period) throw new AdminError("This period does not exist.");
    if (period.status === "closed") throw new AdminError("This period is already closed.");
    const [earlier] = await tx
      .select({ startsOn: commissionPeriods.startsOn })
      .from(commissionPeriods)
      .where(and(eq(commissionPeriods.status, "open"), lt(commissionPeriods.startsOn, period.startsOn)))
      .orderBy(asc(commissionPeriods.startsOn))
      .limit(1);
    if (earlier)
      throw new AdminError(`Close ${formatPeriod(earlier.startsOn)} first: periods close in order, and each one's payouts start from the one before.`);
    // closePeriod runs its own transaction: here it becomes a savepoint of this one.
    const { lines } = await closePeriod(tx, periodId);
    await recordAudit(tx, {
      at,
      actorUserId,
      action: "period.close",
      entity: "period",
      entityId: periodId,
      before: { status: "open", startsOn: period.startsOn, planId: period.planId },
      after: { status: "closed", startsOn: period.startsOn, planId: period.planId, lines },
    });
    await ensurePayoutBatches(tx);
    // Told after the commit, by jobs queued with it: each earner their total,
    // and anyone whose final rank is a new high (lib/admin/period-notices.ts, lib/team/rank-notices.ts).
    await queuePeriodEarnings(tx, periodId, at);
    await queueRankCheck(tx, periodId, "closed", at);
    return { lines, startsOn: period.startsOn };
  });
}
