import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { commissionPeriods } from "@/db/schema";
import { recomputePeriod } from "./full-run";

// One background full run at a time per process; a request while one runs
// queues one more, so the last change is always covered.
let running: Promise<void> = Promise.resolve();
const queued = new Set<number>();

/** Schedules a full run of a period flagged "updating", after the current one. */
export function scheduleRecompute(db: Database, periodId: number): Promise<void> {
  if (queued.has(periodId)) return running;
  queued.add(periodId);
  running = running.then(async () => {
    queued.delete(periodId);
    const started = Date.now();
    try {
      const { lines } = await recomputePeriod(db, periodId);
      console.info(`[lineage] Recomputed period ${periodId}: ${lines} lines in ${Date.now() - started} ms`);
    } catch (error) {
      // The period stays flagged; the next start or change retries.
      console.error(`[lineage] Recompute of period ${periodId} failed`, error);
    }
  });
  return running;
}

/** Resolves once this process's background full runs, and any queued meanwhile, are done. */
export async function backgroundRecomputesSettled(): Promise<void> {
  let seen: Promise<void>;
  do {
    seen = running;
    await seen;
  } while (seen !== running);
}

/** At startup: finish any full run a previous process left pending. */
export async function resumePendingRecomputes(db: Database): Promise<void> {
  const pending = await db.select({ id: commissionPeriods.id }).from(commissionPeriods).where(eq(commissionPeriods.needsRecompute, true));
  for (const p of pending) void scheduleRecompute(db, p.id);
}
