import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";
import { wakeWorkers } from "./wake";

export interface NewJob {
  kind: string;
  /** The idempotency key: a job with this key already queued (or run) makes this a no-op. */
  key: string;
  payload?: Record<string, unknown>;
  /** Now, as the caller read it. */
  at: Date;
  /** When it may run first (default: at once). */
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Queues a job in the caller's transaction (so it exists exactly when the event
 * that caused it commits). Returns false when a job with the key exists.
 */
export async function enqueueJob(db: Executor, job: NewJob): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into jobs (kind, key, payload, run_at, max_attempts, created_at)
        values (${job.kind}, ${job.key}, ${JSON.stringify(job.payload ?? {})}::jsonb, ${(job.runAt ?? job.at).toISOString()}::timestamptz, ${job.maxAttempts ?? 8}, ${job.at.toISOString()}::timestamptz)
        on conflict (key) do nothing
        returning id`,
  );
  if (rows.length > 0) wakeWorkers();
  return rows.length > 0;
}
