import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { commissionPeriods } from "@/db/schema";
import { scheduleRecompute } from "@/lib/ledger/background";
import type { Tx } from "@/lib/ledger/db";
import { recomputePeriod } from "@/lib/ledger/full-run";

/**
 * Flags every open period "updating", inside the admin write's transaction:
 * if the process dies before the full runs below, the next start resumes them
 * (resumePendingRecomputes), and the portal says the figures are updating meanwhile.
 */
export async function flagOpenPeriods(tx: Tx): Promise<number[]> {
  const rows = await tx
    .update(commissionPeriods)
    .set({ needsRecompute: true })
    .where(eq(commissionPeriods.status, "open"))
    .returning({ id: commissionPeriods.id });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * Full runs of the given periods, after the write committed. Returns false when
 * one failed: it stays flagged and a background run retries it.
 */
export async function recomputePeriods(db: Database, periodIds: number[]): Promise<boolean> {
  let ok = true;
  for (const id of periodIds) {
    try {
      await recomputePeriod(db, id);
    } catch (error) {
      ok = false;
      console.error(`[lineage] Recompute of period ${id} after an admin change failed; retrying in the background`, error);
      void scheduleRecompute(db, id);
    }
  }
  return ok;
}
