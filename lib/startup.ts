import { prepareDatabase } from "@/db/bootstrap";
import { getDb, type Database } from "@/db/client";
import { DatabaseLockedError } from "@/db/lock";
import { now } from "@/lib/clock";
import { authSecret, ConfigError, env } from "@/lib/env";
import { describeStartError } from "@/lib/ops/start-errors";

/**
 * Checks the configuration, migrates and (on an empty database) seeds. A start
 * that cannot go on exits non-zero with one line naming the cause (a server
 * left answering 500 to everything would look alive to a supervisor).
 */
export async function startServer(): Promise<void> {
  try {
    authSecret();
    await prepareDatabase();
    // A full run a previous process left pending (it stopped mid-way) runs now.
    const { resumePendingRecomputes } = await import("@/lib/ledger/background");
    await resumePendingRecomputes(await getDb());
    startExpirySweep(await getDb());
    await startJobWorker(await getDb());
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
      console.error(`[lineage] Cannot start: ${error.message}`);
    } else {
      const reason = describeStartError(error, { databaseUrl: env.databaseUrl, pgliteDir: env.pgliteDir });
      if (reason) console.error(`[lineage] Cannot start: ${reason}`);
      else console.error("[lineage] Cannot start:", error);
    }
    process.exit(1);
  }
}

/**
 * Every minute, marks the orders whose payment window ended expired (they
 * never counted; this only closes them). Each instance runs it: the update is
 * idempotent, so two instances sweeping at once do no harm.
 */
function startExpirySweep(db: Database): void {
  const sweep = async () => {
    try {
      const { expireUnpaidOrders } = await import("@/lib/orders/expire");
      await expireUnpaidOrders(db, now());
    } catch (error) {
      console.error("[lineage] The unpaid-order expiry sweep failed; it runs again in a minute", error);
    }
  };
  void sweep();
  setInterval(() => void sweep(), 60_000).unref();
}

/**
 * The background job worker (mail, digests, scheduled work) of this process.
 * Every app instance runs one; they share the jobs table without doing a job
 * twice (lib/jobs/worker.ts); a job whose process dies mid-way is taken again
 * once its lease ends.
 */
async function startJobWorker(db: Database): Promise<void> {
  const { startWorker } = await import("@/lib/jobs/worker");
  const { jobHandlers, recurringJobs } = await import("@/lib/jobs/handlers");
  startWorker(db, jobHandlers, { clock: now, recurring: recurringJobs, concurrency: env.workerConcurrency });
}
