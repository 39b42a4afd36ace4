import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";
import type { RecurringJob } from "./worker";

export const PRUNE_JOBS = "jobs.prune";

/** Finished jobs are kept this long for /admin/jobs, then deleted (failed ones stay until retried or the admin acts). */
export const JOB_RETENTION_DAYS = 30;

/**
 * Deletes the jobs that finished well (done) more than JOB_RETENTION_DAYS before
 * `at`; returns how many. The emails they delivered stay: the outbox is the
 * record of what was sent, and a message's event key (not its job) is what
 * keeps an event from queuing it twice.
 */
export async function pruneFinishedJobs(db: Executor, at: Date): Promise<number> {
  const cutoff = new Date(at.getTime() - JOB_RETENTION_DAYS * 86_400_000).toISOString();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`delete from jobs where status = 'done' and finished_at < ${cutoff}::timestamptz returning id::float8 as id`,
  );
  return rows.length;
}

/** Once a day (UTC), on whichever instance queues it first. */
export const pruneJobsDaily: RecurringJob = {
  kind: PRUNE_JOBS,
  keyFor: (at) => `${PRUNE_JOBS}:${at.toISOString().slice(0, 10)}`,
};
