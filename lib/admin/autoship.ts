import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { SubscriptionRunStatus, SubscriptionStatus } from "@/db/schema";
import { addDays, dateOf, formatRunDate, runAfter } from "@/lib/autoship/cycle";
import { quoteSubscriptions } from "@/lib/autoship/quote";
import { AUTOSHIP_RUN, runJobKey } from "@/lib/autoship/run";
import { formatMoney } from "@/lib/format";
import { enqueueJob } from "@/lib/jobs/queue";
import { wakeWorkers } from "@/lib/jobs/wake";
import type { Executor } from "@/lib/ledger/db";
import { AUTOSHIP_PAGE_SIZE, type AdminAutoshipQuery, type AutoshipFilter } from "@/lib/validation/admin-autoship";
import { recordAudit } from "./audit";
import { AdminError } from "./errors";

// Autoship for admins (/admin/autoship): every subscription with its next
// order at today's prices, the runs of the coming 30 days, the runs that are
// failing, and "Run now" (the next order, at once, through the scheduler's own
// job, so it can never run a cycle twice).

/** The upcoming runs cover this many days, today included. */
export const UPCOMING_DAYS = 30;
/** The failures list shows at most this many runs. */
export const FAILURE_LIMIT = 50;

export interface AdminRunSummary {
  cycle: string;
  status: SubscriptionRunStatus;
  attempts: number;
  lastError: string | null;
  /** ISO instant of the next retry, while retrying. */
  nextAttemptAt: string | null;
}

/** A member's autoship names the member; a retail customer's names the customer and (distributorId, memberName) the distributor who sells it. */
export interface AdminSubscriptionRow {
  id: number;
  distributorId: number;
  memberName: string;
  customerName: string | null;
  referralCode: string;
  memberTerminated: boolean;
  status: SubscriptionStatus;
  dayOfMonth: number;
  /** "2026-12-20" */
  nextRunOn: string;
  card: { brand: string; last4: string; expMonth: number; expYear: number };
  /** "2 × Daily Greens, 1 × Starter Kit": the products still sold (a withdrawn one is not ordered). */
  items: string;
  /** The next order at today's prices, shipping included. */
  totalCents: number;
  pv: number;
  /** The newest run, whatever its state; null before the first. */
  lastRun: AdminRunSummary | null;
  /** A run waits for a retry of a declined card. */
  retrying: boolean;
  /** The next run's job is queued or running (by the scheduler or "Run now"). */
  runQueued: boolean;
}

const filterSql: Record<AutoshipFilter, SQL> = {
  all: sql`true`,
  active: sql`s.status = 'active'`,
  paused: sql`s.status = 'paused'`,
  failing: sql`(s.status = 'failed' or exists (select 1 from subscription_runs x where x.subscription_id = s.id and x.status = 'retrying'))`,
};

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** One page of subscriptions (next run first, cancelled ones last) and how many match the filter. */
export async function listSubscriptions(db: Executor, query: AdminAutoshipQuery): Promise<{ rows: AdminSubscriptionRow[]; total: number }> {
  const where = filterSql[query.filter];
  const [rows, [count]] = await Promise.all([
    queryRows<{
      id: number;
      distributor_id: number;
      member_name: string;
      customer_name: string | null;
      referral_code: string;
      member_terminated: boolean;
      status: SubscriptionStatus;
      day_of_month: number;
      next_run_on: string;
      brand: string;
      last4: string;
      exp_month: number;
      exp_year: number;
      run_cycle: string | null;
      run_status: SubscriptionRunStatus | null;
      run_attempts: number | null;
      run_error: string | null;
      run_next_attempt_at: string | null;
      retrying: boolean;
      run_queued: boolean;
    }>(
      db,
      sql`select s.id, s.seller_id as distributor_id, coalesce(u.name, d.referral_code) as member_name, so.customer_name, d.referral_code, d.status = 'terminated' as member_terminated,
                 s.status, s.day_of_month, s.next_run_on::text as next_run_on, m.brand, m.last4, m.exp_month, m.exp_year,
                 r.cycle::text as run_cycle, r.status as run_status, r.attempts as run_attempts, r.last_error as run_error,
                 ${iso(sql`r.next_attempt_at`)} as run_next_attempt_at,
                 exists (select 1 from subscription_runs x where x.subscription_id = s.id and x.status = 'retrying') as retrying,
                 exists (select 1 from jobs j where j.key = ${AUTOSHIP_RUN} || ':' || s.id || ':' || s.next_run_on::text and j.status in ('queued', 'running'))
                   as run_queued
          from subscriptions s
          join distributors d on d.id = s.seller_id
          left join orders so on so.id = s.source_order_id
          left join users u on u.id = d.user_id
          join payment_methods m on m.id = s.payment_method_id
          left join lateral (
            select cycle, status, attempts, last_error, next_attempt_at from subscription_runs where subscription_id = s.id order by cycle desc limit 1
          ) r on true
          where ${where}
          order by s.status = 'cancelled', s.next_run_on, s.id
          limit ${AUTOSHIP_PAGE_SIZE} offset ${(query.page - 1) * AUTOSHIP_PAGE_SIZE}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from subscriptions s where ${where}`),
  ]);
  const quotes = await quoteSubscriptions(
    db,
    rows.map((r) => r.id),
  );
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => {
      const quote = quotes.get(r.id);
      return {
        id: r.id,
        distributorId: r.distributor_id,
        memberName: r.member_name,
        customerName: r.customer_name,
        referralCode: r.referral_code,
        memberTerminated: r.member_terminated,
        status: r.status,
        dayOfMonth: r.day_of_month,
        nextRunOn: r.next_run_on,
        card: { brand: r.brand, last4: r.last4, expMonth: r.exp_month, expYear: r.exp_year },
        items: (quote?.lines ?? [])
          .filter((l) => l.active)
          .map((l) => `${l.quantity} × ${l.name}`)
          .join(", "),
        totalCents: quote?.totalCents ?? 0,
        pv: quote?.pv ?? 0,
        lastRun:
          r.run_cycle === null
            ? null
            : { cycle: r.run_cycle, status: r.run_status!, attempts: r.run_attempts!, lastError: r.run_error, nextAttemptAt: r.run_next_attempt_at },
        retrying: r.retrying,
        runQueued: r.run_queued,
      };
    }),
  };
}

export interface UpcomingDay {
  /** "2026-12-20" */
  date: string;
  subscriptions: number;
  /** At today's prices, shipping included. */
  totalCents: number;
  pv: number;
}

/**
 * The runs of the next UPCOMING_DAYS days (today first), per date, at today's
 * prices: only dates with a run. An active subscription runs on its next date
 * (today, if that has passed: the scheduler catches it up at its next tick),
 * then on its day of every month after, as the run moves it on; a terminated
 * member's is left out, as the scheduler leaves it. One statement: each
 * subscription's total once, then joined to the calendar.
 */
export async function listUpcomingRuns(db: Executor, today: string): Promise<UpcomingDay[]> {
  const last = addDays(today, UPCOMING_DAYS - 1);
  const rows = await queryRows<{ date: string; subscriptions: number; total_cents: number; pv: number }>(
    db,
    sql`with due as (
          select s.id, s.day_of_month, greatest(s.next_run_on, ${today}::date) as first_on,
                 coalesce(sum(p.price_cents * i.quantity) filter (where p.active), 0) + coalesce(max(r.rate_cents), 0) as total_cents,
                 coalesce(sum(p.pv * i.quantity) filter (where p.active), 0) as pv
          from subscriptions s
          join distributors d on d.id = s.seller_id
          left join orders so on so.id = s.source_order_id
          join subscription_items i on i.subscription_id = s.id
          join products p on p.id = i.product_id
          left join shipping_rates r on r.country = s.shipping_address->>'country'
          where s.status = 'active' and d.status <> 'terminated' and s.next_run_on <= ${last}::date
          group by s.id, s.day_of_month, s.next_run_on
        ),
        days as (select g::date as on_date from generate_series(${today}::date, ${last}::date, interval '1 day') as g)
        select days.on_date::text as date, count(*)::int as subscriptions, sum(due.total_cents)::float8 as total_cents, sum(due.pv)::int as pv
        from days join due on days.on_date = due.first_on or (days.on_date > due.first_on and extract(day from days.on_date) = due.day_of_month)
        group by days.on_date
        order by days.on_date`,
  );
  return rows.map((r) => ({ date: r.date, subscriptions: r.subscriptions, totalCents: r.total_cents, pv: r.pv }));
}

export interface AutoshipFailure {
  runId: number;
  subscriptionId: number;
  distributorId: number;
  memberName: string;
  customerName: string | null;
  cycle: string;
  status: "retrying" | "failed";
  attempts: number;
  lastError: string | null;
  /** ISO instant of the next retry; null once failed. */
  nextAttemptAt: string | null;
  orderId: number | null;
  totalCents: number | null;
  /** ISO instant of the last change (the last attempt). */
  updatedAt: string;
}

/** Runs waiting for a retry (all of them, first) and runs that failed (newest first), at most FAILURE_LIMIT. */
export async function listFailures(db: Executor): Promise<AutoshipFailure[]> {
  const rows = await queryRows<{
    id: number;
    subscription_id: number;
    distributor_id: number;
    member_name: string;
    customer_name: string | null;
    cycle: string;
    status: "retrying" | "failed";
    attempts: number;
    last_error: string | null;
    next_attempt_at: string | null;
    order_id: number | null;
    total_cents: number | null;
    updated_at: string;
  }>(
    db,
    sql`select r.id, r.subscription_id, s.seller_id as distributor_id, coalesce(u.name, d.referral_code) as member_name, so.customer_name, r.cycle::text as cycle, r.status, r.attempts,
               r.last_error, ${iso(sql`r.next_attempt_at`)} as next_attempt_at, r.order_id, r.total_cents::float8 as total_cents,
               ${iso(sql`r.updated_at`)} as updated_at
        from subscription_runs r
        join subscriptions s on s.id = r.subscription_id
        join distributors d on d.id = s.seller_id
          left join orders so on so.id = s.source_order_id
        left join users u on u.id = d.user_id
        where r.status in ('retrying', 'failed')
        order by r.status = 'retrying' desc, r.updated_at desc, r.id desc
        limit ${FAILURE_LIMIT}`,
  );
  return rows.map((r) => ({
    runId: r.id,
    subscriptionId: r.subscription_id,
    distributorId: r.distributor_id,
    memberName: r.member_name,
    customerName: r.customer_name,
    cycle: r.cycle,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    orderId: r.order_id,
    totalCents: r.total_cents,
    updatedAt: r.updated_at,
  }));
}

const statusWords: Record<SubscriptionStatus, string> = {
  active: "active",
  paused: "paused",
  cancelled: "cancelled",
  failed: "stopped: its card was declined until the last retry",
};

export interface RunNowResult {
  /** The order that runs now. */
  cycle: string;
  /** The next order's date once it has run. */
  nextRunOn: string;
  memberName: string;
}

/**
 * "Run now": queues the subscription's next order at once, as the job the
 * scheduler would queue on its date (the same key, kind and payload), so the
 * order runs once whoever queues it first; the run moves the subscription to
 * the month after. `cycle` is the date the admin was shown: anything else
 * (it ran or moved meanwhile) is refused, so a second click cannot run the
 * month after as well. Only an active subscription of a member not
 * terminated, with no run waiting for a retry. Audited.
 */
export async function runSubscriptionNow(db: Database, actorUserId: number, input: { subscriptionId: number; cycle: string }, at: Date): Promise<RunNowResult> {
  const result = await db.transaction(async (tx) => {
    const [row] = await queryRows<{
      status: SubscriptionStatus;
      day_of_month: number;
      next_run_on: string;
      member_name: string;
      customer_name: string | null;
      member_status: string;
      brand: string;
      last4: string;
      retrying: boolean;
    }>(
      tx,
      sql`select s.status, s.day_of_month, s.next_run_on::text as next_run_on, coalesce(u.name, d.referral_code) as member_name, so.customer_name, d.status as member_status,
                 m.brand, m.last4,
                 exists (select 1 from subscription_runs x where x.subscription_id = s.id and x.status = 'retrying') as retrying
          from subscriptions s
          join distributors d on d.id = s.seller_id
          left join orders so on so.id = s.source_order_id
          left join users u on u.id = d.user_id
          join payment_methods m on m.id = s.payment_method_id
          where s.id = ${input.subscriptionId}
          for update of s`,
    );
    if (!row) throw new AdminError("This autoship does not exist. Reload the page.");
    if (row.status !== "active") throw new AdminError(`This autoship is ${statusWords[row.status]}: only an active one can be run now.`);
    if (row.member_status === "terminated")
      throw new AdminError(
        row.customer_name === null
          ? "This member is terminated: their autoship does not run."
          : "This customer's distributor is terminated: the autoship does not run.",
      );
    // A retail customer's autoship is theirs; the distributor only sells it.
    const owner = row.customer_name === null ? row.member_name : `${row.customer_name} (customer of ${row.member_name})`;
    if (row.next_run_on !== input.cycle) {
      throw new AdminError(`This autoship's next order is now the ${formatRunDate(row.next_run_on)} one (it ran or changed meanwhile). Reload the page.`);
    }
    if (row.retrying) throw new AdminError("A declined order of this autoship is waiting for its retry: wait for it, or for the member's new card.");
    const key = runJobKey(input.subscriptionId, row.next_run_on);
    const job = { kind: AUTOSHIP_RUN, key, payload: { subscriptionId: input.subscriptionId, cycle: row.next_run_on, attempt: 1 }, at, maxAttempts: 5 };
    if (!(await enqueueJob(tx, job))) {
      // The job exists. Queued or running: it is on its way. Finished without making the cycle's run (the
      // autoship was paused when it ran, then resumed): queue that same job again, the one row per key.
      const [again] = await queryRows<{ id: number }>(
        tx,
        sql`update jobs set status = 'queued', run_at = ${at.toISOString()}::timestamptz, attempts = 0, locked_until = null, finished_at = null
            where key = ${key} and status in ('done', 'failed')
              and not exists (select 1 from subscription_runs where subscription_id = ${input.subscriptionId} and cycle = ${row.next_run_on}::date)
            returning id`,
      );
      if (!again) throw new AdminError("This order is already queued: the worker runs it within seconds. Reload the page to see it.");
    }
    const quote = (await quoteSubscriptions(tx, [input.subscriptionId])).get(input.subscriptionId);
    const nextRunOn = runAfter(row.day_of_month, row.next_run_on, dateOf(at));
    const total = quote ? formatMoney(quote.totalCents, quote.currency) : "its total";
    await recordAudit(tx, {
      actorUserId,
      action: "autoship.run_now",
      entity: "subscription",
      entityId: input.subscriptionId,
      before: { nextRunOn: row.next_run_on },
      after: {
        summary: `Ran ${owner}'s ${formatRunDate(row.next_run_on)} autoship order now: ${total} to ${row.brand} ending ${row.last4}.`,
        nextRunOn,
        job: key,
      },
    });
    return { cycle: row.next_run_on, nextRunOn, memberName: owner };
  });
  wakeWorkers();
  return result;
}
