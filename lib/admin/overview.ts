import { sql } from "drizzle-orm";
import { queryRows, sqlInteger } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";

// The figures an admin acts on, for the back office's landing page (/admin).

export interface AdminOverview {
  /** The UTC day of `at`: orders paid in it, their sales, and orders still awaiting payment that were placed in it. */
  today: { day: string; paidOrders: number; salesCents: number; awaitingPayment: number };
  /** The open period (the newest, if more than one is open), or null when none is. */
  openPeriod: {
    id: number;
    startsOn: string;
    orders: number;
    salesCents: number;
    cvCents: number;
    commissionsCents: number;
    /** A background full run is pending: some lines may lag until it ends. */
    updating: boolean;
  } | null;
  /** Closed periods whose payouts are not marked paid yet. */
  pendingPayouts: { periods: number; oldestStartsOn: string | null; distributors: number; payableCents: number };
  /** Background jobs that gave up, and emails that could not be delivered. */
  attention: { failedJobs: number; failedEmails: number };
}

export async function getAdminOverview(db: Executor, at: Date): Promise<AdminOverview> {
  const dayStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const [today, open, payouts, attention] = await Promise.all([
    queryRows<{ paid: string; sales: string | null; awaiting: string }>(
      db,
      // Paid orders through the period that holds the day (orders_period_idx),
      // unpaid ones through the partial unpaid-expiry index: no scan of every order.
      sql`select
            (select count(*) from orders where status in ('paid', 'refunded', 'cancelled') and paid_at >= ${dayStart} and paid_at < ${dayEnd}
               and period_id in (select id from commission_periods where starts_on <= ${dayStart}::date and ends_on >= ${dayStart}::date))::text as paid,
            (select sum(total_cents) from orders where status = 'paid' and paid_at >= ${dayStart} and paid_at < ${dayEnd}
               and period_id in (select id from commission_periods where starts_on <= ${dayStart}::date and ends_on >= ${dayStart}::date))::text as sales,
            (select count(*) from orders where status in ('pending_payment', 'payment_failed') and created_at >= ${dayStart} and created_at < ${dayEnd})::text as awaiting`,
    ),
    queryRows<{ id: number; starts_on: string; needs_recompute: boolean; orders: string; sales: string | null; cv: string | null; commissions: string | null }>(
      db,
      sql`select p.id, p.starts_on::text, p.needs_recompute,
            (select count(*) from orders where period_id = p.id and status = 'paid')::text as orders,
            (select sum(total_cents) from orders where period_id = p.id and status = 'paid')::text as sales,
            (select sum(cv_cents) from orders where period_id = p.id and status = 'paid')::text as cv,
            (select sum(amount_cents) from commission_ledger where period_id = p.id)::text as commissions
          from commission_periods p where p.status = 'open' order by p.starts_on desc limit 1`,
    ),
    queryRows<{ periods: string; oldest: string | null; distributors: string; payable: string | null }>(
      db,
      sql`select count(distinct b.id)::text as periods, min(p.starts_on)::text as oldest,
            count(po.distributor_id) filter (where po.payable_cents > 0)::text as distributors, sum(po.payable_cents)::text as payable
          from payout_batches b join commission_periods p on p.id = b.period_id left join payouts po on po.batch_id = b.id
          where b.status = 'pending'`,
    ),
    queryRows<{ jobs: string; emails: string }>(
      db,
      sql`select (select count(*) from jobs where status = 'failed')::text as jobs, (select count(*) from emails where status = 'failed')::text as emails`,
    ),
  ]);
  const t = today[0]!;
  const o = open[0];
  const p = payouts[0]!;
  const a = attention[0]!;
  return {
    today: {
      day: dayStart.toISOString().slice(0, 10),
      paidOrders: sqlInteger(t.paid),
      salesCents: sqlInteger(t.sales),
      awaitingPayment: sqlInteger(t.awaiting),
    },
    openPeriod: o
      ? {
          id: o.id,
          startsOn: o.starts_on,
          orders: sqlInteger(o.orders),
          salesCents: sqlInteger(o.sales),
          cvCents: sqlInteger(o.cv),
          commissionsCents: sqlInteger(o.commissions),
          updating: o.needs_recompute,
        }
      : null,
    pendingPayouts: { periods: sqlInteger(p.periods), oldestStartsOn: p.oldest, distributors: sqlInteger(p.distributors), payableCents: sqlInteger(p.payable) },
    attention: { failedJobs: sqlInteger(a.jobs), failedEmails: sqlInteger(a.emails) },
  };
}
