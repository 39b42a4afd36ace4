import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { formatDate, formatMoney, formatPeriod } from "@/lib/format";
import { enqueueJob } from "@/lib/jobs/queue";
import type { JobContext } from "@/lib/jobs/worker";
import type { Executor } from "@/lib/ledger/db";
import { audienceOf, notifyAudience, runFanOutChunk, type ManyNotification } from "@/lib/notifications/fan-out";

// What distributors hear when a period closes (their earnings in it) and when
// its payouts are marked paid. Each is one job queued in the admin's
// transaction (keys period:<id>:earnings and payout:<batch>:paid); the job
// walks the period's payout lines in chunks by distributor, one set-based
// insert of notifications per chunk, its successor queued in the chunk's own
// transaction, so a company of a million distributors is never notified inside
// the admin's request, and a retried chunk notifies nobody twice.

export const PERIOD_EARNINGS = "notify.period_earnings";
export const PAYOUT_PAID = "notify.payout_paid";
const CHUNK = 1000;

export const periodEarningsKey = (periodId: number) => `period:${periodId}:earnings`;
export const payoutPaidKey = (batchId: number) => `payout:${batchId}:paid`;

/** In the close's transaction. */
export async function queuePeriodEarnings(tx: Executor, periodId: number, at: Date): Promise<void> {
  await enqueueJob(tx, { kind: PERIOD_EARNINGS, key: periodEarningsKey(periodId), payload: { periodId }, at });
}

/** In the mark-paid's transaction. */
export async function queuePayoutPaid(tx: Executor, batchId: number, at: Date): Promise<void> {
  await enqueueJob(tx, { kind: PAYOUT_PAID, key: payoutPaidKey(batchId), payload: { batchId }, at });
}

interface PayoutLine {
  distributor_id: number;
  user_id: number;
  /** The recipient's zone, for the payout's date. */
  time_zone: string;
  earned: number;
  payable: number;
  carried_out: number;
}

async function chunkOf(tx: Executor, batchWhere: ReturnType<typeof sql>, extra: ReturnType<typeof sql>, after: number, limit: number) {
  return queryRows<PayoutLine>(
    tx,
    sql`select po.distributor_id, d.user_id, u.time_zone, po.earned_cents::float8 as earned, po.payable_cents::float8 as payable, po.carried_out_cents::float8 as carried_out
        from payouts po join distributors d on d.id = po.distributor_id join users u on u.id = d.user_id
        where ${batchWhere} and ${extra} and po.distributor_id > ${after}
        order by po.distributor_id limit ${limit}`,
  );
}

async function periodInfo(tx: Executor, where: ReturnType<typeof sql>) {
  const [row] = await queryRows<{ period_id: number; starts_on: string; batch_id: number | null; paid_at: string | null; currency: string }>(
    tx,
    sql`select p.id as period_id, p.starts_on::text, b.id as batch_id, b.paid_at::text, (select currency from company where id = 1) as currency
        from commission_periods p left join payout_batches b on b.period_id = p.id where ${where}`,
  );
  return row;
}

/** The period-earnings job: each distributor with earnings in the closed period hears their total. */
export function periodEarningsFanOut(chunk = CHUNK) {
  return async (ctx: JobContext): Promise<void> => {
    const periodId = Number(ctx.job.payload.periodId);
    await runFanOutChunk(ctx, periodEarningsKey(periodId), chunk, async (tx, after, limit) => {
      const info = await periodInfo(tx, sql`p.id = ${periodId} and p.status = 'closed'`);
      if (!info?.batch_id) return { last: null, read: 0, notified: 0 };
      const lines = await chunkOf(tx, sql`po.batch_id = ${info.batch_id}`, sql`po.earned_cents <> 0`, after, limit);
      if (lines.length === 0) return { last: null, read: 0, notified: 0 };
      const period = formatPeriod(info.starts_on);
      const money = (cents: number) => formatMoney(cents, info.currency);
      const rows: ManyNotification[] = lines.map((l) => ({
        userId: l.user_id,
        eventKey: periodEarningsKey(periodId),
        title: `Your earnings for ${period}: ${money(l.earned)}`,
        body: [
          l.earned > 0
            ? `${period} is closed: you earned ${money(l.earned)} in commissions.`
            : `${period} is closed: refunds of earlier orders took back more than you earned, ${money(l.earned)} in all.`,
          l.payable > 0
            ? `${money(l.payable)} is due to you in this period's payout.`
            : `Nothing is due in this period's payout: ${money(-l.carried_out)} is carried against your next earnings.`,
        ],
        href: `/dashboard/earnings?period=${periodId}`,
      }));
      const { notified } = await notifyAudience(tx, { kind: "period_earnings", audience: audienceOf(rows), action: "See your earnings", at: ctx.at });
      return { last: lines[lines.length - 1]!.distributor_id, read: lines.length, notified };
    });
  };
}

/** The payout-paid job: each distributor paid in the batch hears it once. */
export function payoutPaidFanOut(chunk = CHUNK) {
  return async (ctx: JobContext): Promise<void> => {
    const batchId = Number(ctx.job.payload.batchId);
    await runFanOutChunk(ctx, payoutPaidKey(batchId), chunk, async (tx, after, limit) => {
      const info = await periodInfo(tx, sql`b.id = ${batchId} and b.status = 'paid'`);
      if (!info) return { last: null, read: 0, notified: 0 };
      const lines = await chunkOf(tx, sql`po.batch_id = ${batchId}`, sql`po.payable_cents > 0`, after, limit);
      if (lines.length === 0) return { last: null, read: 0, notified: 0 };
      const period = formatPeriod(info.starts_on);
      const money = (cents: number) => formatMoney(cents, info.currency);
      const rows: ManyNotification[] = lines.map((l) => ({
        userId: l.user_id,
        eventKey: payoutPaidKey(batchId),
        title: `Payout sent: ${money(l.payable)}`,
        body: [`Your payout of ${money(l.payable)} for ${period} was marked paid${info.paid_at ? ` on ${formatDate(info.paid_at, l.time_zone)}` : ""}.`],
        href: `/dashboard/earnings?period=${info.period_id}`,
      }));
      const { notified } = await notifyAudience(tx, { kind: "payout_paid", audience: audienceOf(rows), action: "See your earnings", at: ctx.at });
      return { last: lines[lines.length - 1]!.distributor_id, read: lines.length, notified };
    });
  };
}
