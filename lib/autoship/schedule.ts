import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { env } from "@/lib/env";
import type { Executor } from "@/lib/ledger/db";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { JobContext, RecurringJob } from "@/lib/jobs/worker";
import { addDays, dateOf } from "./cycle";
import { AUTOSHIP_REMIND, REMINDER_DAYS, remindOfRun } from "./notices";
import { AUTOSHIP_RUN, runSubscriptionCycle, type RunJobPayload } from "./run";

export const AUTOSHIP_SCHEDULE = "autoship.schedule";

/**
 * A day's runs wait behind every other job (default priority 0): a receipt or
 * a password reset queued during a day of 100,000 runs goes out at once, not
 * after them. An admin's "Run now" and a retry after a card change keep 0.
 */
export const AUTOSHIP_PRIORITY = -1;

/**
 * Queues the runs that are due (active subscriptions whose next date has come)
 * and the reminders of runs within REMINDER_DAYS, one set-based statement
 * each. With `runsPerSecond`, the runs are spread out from `at` at that pace
 * (the scheduler's own job passes LINEAGE_AUTOSHIP_RUNS_PER_SECOND): a day of
 * 100,000 orders then takes hours instead of saturating the machine, and
 * orders people place meanwhile stay far faster (docs/benchmarks.md); the
 * pace is the deployment's, whatever the number of instances, as it is in the
 * jobs' dates. A job's key names the subscription and cycle, so every
 * instance and every hour queues the same jobs and each runs once; after downtime a
 * subscription's overdue cycle is queued once (its run then moves it to a
 * future date). Returns how many jobs it queued.
 */
export async function queueDueAutoship(db: Executor, at: Date, pace: { runsPerSecond?: number } = {}): Promise<{ runs: number; reminders: number }> {
  const iso = at.toISOString();
  const today = dateOf(at);
  // Paced: the n-th run of this tick is due n / runsPerSecond seconds on (0: all at once).
  const spacingMs = pace.runsPerSecond ? 1000 / pace.runsPerSecond : 0;
  const runs = await queryRows<{ n: number }>(
    db,
    sql`with queued as (
          insert into jobs (kind, key, payload, run_at, max_attempts, created_at, priority)
          select ${AUTOSHIP_RUN}, ${AUTOSHIP_RUN} || ':' || s.id || ':' || s.next_run_on::text,
                 json_build_object('subscriptionId', s.id, 'cycle', s.next_run_on::text, 'attempt', 1)::jsonb,
                 ${iso}::timestamptz + (row_number() over (order by s.next_run_on, s.id) - 1) * ${spacingMs} * interval '1 millisecond',
                 5, ${iso}::timestamptz, ${AUTOSHIP_PRIORITY}
          from subscriptions s join distributors d on d.id = s.seller_id
          where s.status = 'active' and s.next_run_on <= ${today}::date and d.status <> 'terminated'
          -- The cycle's job ran already without making its run (the autoship was paused then, and resumed
          -- since on the same date): queued again, or the key would hold the cycle back for good.
          on conflict (key) do update set status = 'queued', run_at = excluded.run_at, attempts = 0, locked_until = null, finished_at = null, last_error = null
            where jobs.status in ('done', 'failed')
              and not exists (select 1 from subscription_runs r
                              where r.subscription_id = (excluded.payload->>'subscriptionId')::int and r.cycle = (excluded.payload->>'cycle')::date)
          returning 1)
        select count(*)::int as n from queued`,
  );
  const reminders = await queryRows<{ n: number }>(
    db,
    sql`with queued as (
          insert into jobs (kind, key, payload, run_at, created_at)
          select ${AUTOSHIP_REMIND}, ${AUTOSHIP_REMIND} || ':' || s.id || ':' || s.next_run_on::text,
                 json_build_object('subscriptionId', s.id, 'cycle', s.next_run_on::text)::jsonb, ${iso}::timestamptz, ${iso}::timestamptz
          from subscriptions s join distributors d on d.id = s.seller_id
          where s.status = 'active' and s.next_run_on > ${today}::date and s.next_run_on <= ${addDays(today, REMINDER_DAYS)}::date
            and d.status <> 'terminated'
          on conflict (key) do nothing
          returning 1)
        select count(*)::int as n from queued`,
  );
  const counts = { runs: runs[0]?.n ?? 0, reminders: reminders[0]?.n ?? 0 };
  if (counts.runs + counts.reminders > 0) wakeWorkers();
  return counts;
}

/** Hourly: a run is queued within the hour its day starts (UTC), and after a restart at the next tick. */
export const autoshipRecurringJob: RecurringJob = {
  kind: AUTOSHIP_SCHEDULE,
  keyFor: (at) => `${AUTOSHIP_SCHEDULE}:${at.toISOString().slice(0, 13)}`,
};

function runPayload(payload: Record<string, unknown>): RunJobPayload {
  const subscriptionId = Number(payload.subscriptionId);
  const cycle = String(payload.cycle);
  if (!Number.isSafeInteger(subscriptionId) || !/^\d{4}-\d{2}-\d{2}$/.test(cycle))
    throw new Error(`malformed autoship job payload: ${JSON.stringify(payload)}`);
  const attempt = payload.attempt === undefined ? undefined : Number(payload.attempt);
  return { subscriptionId, cycle, ...(attempt === undefined ? {} : { attempt }) };
}

export const autoshipJobHandlers = {
  [AUTOSHIP_SCHEDULE]: async ({ db, at }: JobContext) => {
    await queueDueAutoship(db, at, { runsPerSecond: env.autoshipRunsPerSecond });
  },
  [AUTOSHIP_RUN]: async ({ db, job, at }: JobContext) => {
    await runSubscriptionCycle(db, { ...runPayload(job.payload), key: job.key, at });
  },
  [AUTOSHIP_REMIND]: async ({ db, job, at }: JobContext) => {
    const { subscriptionId, cycle } = runPayload(job.payload);
    await remindOfRun(db, { subscriptionId, cycle, at });
  },
} satisfies Record<string, (ctx: JobContext) => Promise<void>>;
