import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emails, jobs, jobStatuses, type JobStatus } from "@/db/schema";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { Executor } from "@/lib/ledger/db";
import { DELIVER_EMAIL } from "@/lib/mail/queue";
import { recordAudit } from "./audit";
import { AdminError } from "./errors";

// The background jobs' state for admins (/admin/jobs): how many of each kind
// wait, run, finished or failed; the failed ones with their error, to retry.

/** Each list shows at most this many jobs (the counts cover them all). */
export const JOB_LIST_LIMIT = 100;

export interface JobCounts {
  kind: string;
  counts: Record<JobStatus, number>;
}

export interface JobRow {
  id: number;
  kind: string;
  key: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  /** While running: until when its worker holds it (after that, another takes it). */
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** The message a mail delivery job sends, for a link to it. */
  emailId: number | null;
}

/** How many jobs of each kind are in each state, kinds alphabetically. */
export async function countJobs(db: Executor): Promise<JobCounts[]> {
  const rows = await db.select({ kind: jobs.kind, status: jobs.status, n: count() }).from(jobs).groupBy(jobs.kind, jobs.status).orderBy(asc(jobs.kind));
  const byKind = new Map<string, Record<JobStatus, number>>();
  for (const r of rows) {
    const counts = byKind.get(r.kind) ?? (Object.fromEntries(jobStatuses.map((s) => [s, 0])) as Record<JobStatus, number>);
    counts[r.status] = r.n;
    byKind.set(r.kind, counts);
  }
  return [...byKind].map(([kind, counts]) => ({ kind, counts }));
}

const rowColumns = {
  id: jobs.id,
  kind: jobs.kind,
  key: jobs.key,
  status: jobs.status,
  attempts: jobs.attempts,
  maxAttempts: jobs.maxAttempts,
  runAt: jobs.runAt,
  lockedUntil: jobs.lockedUntil,
  lastError: jobs.lastError,
  createdAt: jobs.createdAt,
  finishedAt: jobs.finishedAt,
  payload: jobs.payload,
};

/** The message a mail delivery job sends; null for other kinds. */
function deliveryEmailId(kind: string, payload: unknown): number | null {
  const id = kind === DELIVER_EMAIL && payload && typeof payload === "object" ? Number((payload as { emailId?: unknown }).emailId) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function toRow({ payload, ...r }: { payload: unknown } & Omit<JobRow, "emailId">): JobRow {
  return { ...r, emailId: deliveryEmailId(r.kind, payload) };
}

/**
 * The jobs of one list: "failed" (newest failure first), "pending" (queued and
 * running, next due first) or "done" (most recently finished first).
 */
export async function listJobs(db: Executor, list: "failed" | "pending" | "done"): Promise<JobRow[]> {
  const query = db.select(rowColumns).from(jobs);
  const rows =
    list === "failed"
      ? await query.where(eq(jobs.status, "failed")).orderBy(desc(jobs.finishedAt), desc(jobs.id)).limit(JOB_LIST_LIMIT)
      : list === "pending"
        ? await query
            .where(inArray(jobs.status, ["queued", "running"]))
            .orderBy(asc(jobs.runAt), asc(jobs.id))
            .limit(JOB_LIST_LIMIT)
        : await query.where(eq(jobs.status, "done")).orderBy(desc(jobs.finishedAt), desc(jobs.id)).limit(JOB_LIST_LIMIT);
  return rows.map(toRow);
}

/**
 * "Retry now" on a failed job: queued again, due at once, with a fresh count of
 * attempts (so it gets the full series of retries with backoff again: a fixed
 * SMTP setting should not leave it one try). A mail delivery's message is
 * queued again with it. Its last error stays visible until the next attempt.
 * Audited, with the attempts and error it had.
 */
export async function retryJob(db: Database, actorUserId: number, jobId: number, at: Date): Promise<{ kind: string }> {
  const retried = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ kind: jobs.kind, attempts: jobs.attempts, lastError: jobs.lastError, payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.id, jobId), eq(jobs.status, "failed")))
      .for("update");
    if (!before) throw new AdminError("This job has not failed (it may have been retried already): there is nothing to retry.");
    await tx.update(jobs).set({ status: "queued", runAt: at, attempts: 0, lockedUntil: null, finishedAt: null }).where(eq(jobs.id, jobId));
    const emailId = deliveryEmailId(before.kind, before.payload);
    if (emailId !== null)
      await tx
        .update(emails)
        .set({ status: "queued" })
        .where(and(eq(emails.id, emailId), eq(emails.status, "failed")));
    await recordAudit(tx, {
      actorUserId,
      action: "job.retry",
      entity: "job",
      entityId: jobId,
      before: { status: "failed", attempts: before.attempts, lastError: before.lastError },
      after: { status: "queued", attempts: 0, runAt: at.toISOString() },
    });
    return { kind: before.kind };
  });
  wakeWorkers();
  return retried;
}
