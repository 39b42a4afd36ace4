import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const jobStatuses = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

// Background work kept in the database (lib/jobs): mail delivery, digests,
// fan-outs, and later autoship. A job is queued in the same transaction as the
// event that causes it, once per event (`key`); workers in every app process
// take due jobs with FOR UPDATE SKIP LOCKED under a lease (`locked_until`), so
// two instances never run one job at once and a job whose worker died is taken
// again once its lease ends.
export const jobs = pgTable(
  "jobs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind").notNull(),
    // The idempotency key: queuing a job whose key exists does nothing.
    key: text("key").notNull(),
    payload: jsonb("payload").notNull().default({}),
    status: text("status", { enum: jobStatuses }).notNull().default("queued"),
    // Higher runs first among due jobs: mail a person waits for (a verification or reset
    // link, a receipt) goes ahead of a burst of notifications.
    priority: integer("priority").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("jobs_key_idx").on(t.key),
    // What a worker scans, in the order it claims (priority, then due time): due queued jobs, and
    // running ones whose lease may have ended. With many jobs due at once (a day of autoship), the
    // claim reads the index in order and stops at the first it can lock, instead of sorting them all
    // (NULLS FIRST: the order of the claim's "priority desc", or the planner cannot use the index for it).
    index("jobs_due_idx")
      .on(t.priority.desc().nullsFirst(), t.runAt, t.id)
      .where(sql`${t.status} in ('queued', 'running')`),
    check("jobs_status_check", sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
  ],
);
