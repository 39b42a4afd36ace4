import { sql } from "drizzle-orm";
import type { Executor } from "./db";

// A period's per-distributor totals (table period_earnings): the sums of its
// ledger lines (commissions and clawbacks apart), of its own orders paid and
// refunded, and the volume snapshot's rank and activity. Written when the period
// closes (closePeriod, in the close's transaction, after the final run), then
// frozen by the database with the period's lines; the income disclosure
// statement reads them instead of every line of a year (docs/ledger.md).
// Migration 0030_period_earnings wrote the same sums for periods closed before it.

/**
 * (Re)writes the totals of one period from its lines, orders and stats rows:
 * idempotent (the period's rows are replaced). The period must still be open:
 * a closed period's rows are refused by the database.
 */
export async function writePeriodEarnings(db: Executor, periodId: number): Promise<void> {
  await db.execute(sql`delete from period_earnings where period_id = ${periodId}`);
  await db.execute(sql`
    with lines as (
      select beneficiary_id as id,
             coalesce(sum(amount_cents) filter (where kind = 'commission'), 0) as commission,
             coalesce(sum(amount_cents) filter (where kind = 'clawback'), 0) as clawback
      from commission_ledger where period_id = ${periodId} group by beneficiary_id
    ),
    bought as (select seller_id as id, sum(total_cents) as cents from orders where kind = 'personal' and period_id = ${periodId} group by seller_id),
    returned as (select seller_id as id, sum(total_cents) as cents from orders where kind = 'personal' and refund_period_id = ${periodId} group by seller_id),
    stats as (select distributor_id as id, rank_position, active from distributor_period_stats where period_id = ${periodId}),
    ids as (select id from lines union select id from bought union select id from returned union select id from stats)
    insert into period_earnings (period_id, distributor_id, commission_cents, clawback_cents, purchases_cents, refunds_cents, rank_position, active)
    select ${periodId}, ids.id, coalesce(l.commission, 0), coalesce(l.clawback, 0), coalesce(b.cents, 0), coalesce(r.cents, 0), s.rank_position, s.active
    from ids
    left join lines l on l.id = ids.id
    left join bought b on b.id = ids.id
    left join returned r on r.id = ids.id
    left join stats s on s.id = ids.id`);
}
