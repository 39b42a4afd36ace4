import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { markWorkerSeen } from "./status";
import { onWake } from "./wake";

export interface ClaimedJob {
  id: number;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  /** This attempt's number, from 1. */
  attempts: number;
  maxAttempts: number;
}

export interface JobContext {
  db: Database;
  job: ClaimedJob;
  /** The worker's "now" for this run (read once per tick). */
  at: Date;
}

/** Runs one job; a throw is a failed attempt (retried with backoff until maxAttempts). */
export type JobHandler = (ctx: JobContext) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** Delay before attempt n+1 after n failures: 30 s, 1, 2, 4 ... minutes, at most an hour. */
export function backoffMs(failures: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, failures - 1));
}

/** How long a claimed job is this worker's: after it, another worker takes the job (its worker died). */
export const LEASE_MS = 5 * 60_000;

/**
 * Takes up to `limit` due jobs of the given kinds: queued ones whose time has
 * come, and running ones whose lease ended (their worker died mid-job). SKIP
 * LOCKED lets workers of several app instances claim side by side, each job once.
 */
export async function claimJobs(db: Database, at: Date, kinds: readonly string[], limit: number): Promise<ClaimedJob[]> {
  if (kinds.length === 0) return [];
  const iso = at.toISOString();
  const rows = await queryRows<{ id: number; kind: string; key: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>(
    db,
    sql`update jobs set status = 'running', attempts = attempts + 1, locked_until = ${iso}::timestamptz + ${`${LEASE_MS} milliseconds`}::interval
        where id in (
          select id from jobs
          where ((status = 'queued' and run_at <= ${iso}::timestamptz) or (status = 'running' and locked_until <= ${iso}::timestamptz))
            and kind in (${sql.join(
              kinds.map((k) => sql`${k}`),
              sql`, `,
            )})
          order by priority desc, run_at, id
          limit ${limit}
          for update skip locked)
        returning id::float8 as id, kind, key, payload, attempts, max_attempts`,
  );
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, key: r.key, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }));
}

/** Records a finished attempt; guarded by the attempt number, so a worker whose lease was taken over records nothing. */
async function finish(db: Database, job: ClaimedJob, at: Date, error: unknown): Promise<void> {
  const iso = at.toISOString();
  if (error === undefined) {
    await db.execute(
      sql`update jobs set status = 'done', finished_at = ${iso}::timestamptz, locked_until = null, last_error = null where id = ${job.id} and attempts = ${job.attempts}`,
    );
    return;
  }
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  if (job.attempts >= job.maxAttempts) {
    await db.execute(
      sql`update jobs set status = 'failed', finished_at = ${iso}::timestamptz, locked_until = null, last_error = ${message} where id = ${job.id} and attempts = ${job.attempts}`,
    );
  } else {
    const retryAt = new Date(at.getTime() + backoffMs(job.attempts)).toISOString();
    await db.execute(
      sql`update jobs set status = 'queued', run_at = ${retryAt}::timestamptz, locked_until = null, last_error = ${message} where id = ${job.id} and attempts = ${job.attempts}`,
    );
  }
}

/** Claims and runs due jobs until none is left (or `maxJobs` ran); returns how many ran and how many failed. */
export async function runDueJobs(
  db: Database,
  handlers: JobHandlers,
  at: Date,
  options: { batch?: number; maxJobs?: number } = {},
): Promise<{ ran: number; failed: number }> {
  const kinds = Object.keys(handlers);
  let ran = 0;
  let failed = 0;
  const maxJobs = options.maxJobs ?? Infinity;
  while (ran < maxJobs) {
    const claimed = await claimJobs(db, at, kinds, Math.min(options.batch ?? 10, maxJobs - ran));
    if (claimed.length === 0) break;
    for (const job of claimed) {
      let error: unknown;
      try {
        await handlers[job.kind]!({ db, job, at });
      } catch (e) {
        error = e ?? new Error("the job failed");
        failed++;
        console.error(`[lineage] job ${job.kind} ${job.key} failed (attempt ${job.attempts} of ${job.maxAttempts}):`, e);
      }
      await finish(db, job, at, error);
      markWorkerSeen(at);
      ran++;
    }
  }
  return { ran, failed };
}

export interface RecurringJob {
  kind: string;
  /** The key for the period `at` falls in ("digest:2026-12-03"): every instance queues the same key, so it runs once per period. */
  keyFor(at: Date): string | null;
  payload?: (at: Date) => Record<string, unknown>;
}

export interface Worker {
  /** Stops polling; resolves when the tick in progress (if any) has finished. */
  stop(): Promise<void>;
  /** Runs one tick now (for tests and shutdown paths); resolves when done. */
  tick(): Promise<void>;
}

/**
 * Polls for due jobs every `pollMs` (and at once when this process queues one),
 * running them one tick at a time, until none is due. `clock` is read once per
 * job (and for the recurring jobs at the start of a tick). `concurrency` jobs
 * run side by side (default 1), each claimed on its own: a day of autoship
 * runs then confirms its payments in shared ledger transactions (the order
 * batcher) rather than one after another.
 */
export function startWorker(
  db: Database,
  handlers: JobHandlers,
  options: { clock: () => Date; pollMs?: number; recurring?: RecurringJob[]; concurrency?: number; onError?: (error: unknown) => void },
): Worker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const onError = options.onError ?? ((error: unknown) => console.error("[lineage] the job worker's tick failed; it tries again shortly", error));

  const once = async () => {
    const at = options.clock();
    markWorkerSeen(at);
    for (const r of options.recurring ?? []) {
      const key = r.keyFor(at);
      if (key === null) continue;
      await db.execute(
        sql`insert into jobs (kind, key, payload, run_at, created_at) values (${r.kind}, ${key}, ${JSON.stringify(r.payload?.(at) ?? {})}::jsonb, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz) on conflict (key) do nothing`,
      );
    }
    // One job per claim, each with the clock read anew: a job's lease starts
    // when it starts, so a long run of jobs never works on a lease that has
    // already ended (another instance would take that job and run it again).
    const lane = async () => {
      for (let next = options.clock(); !stopped; next = options.clock()) {
        if ((await runDueJobs(db, handlers, next, { batch: 1, maxJobs: 1 })).ran === 0) break;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, lane));
  };
  const tick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await once();
        } catch (error) {
          onError(error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), options.pollMs ?? 2_000);
  timer.unref();
  const unsubscribe = onWake(() => void tick());
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
