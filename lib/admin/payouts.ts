import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import { centsToDecimal, csvRow } from "@/lib/csv";
import type { Executor, Tx } from "@/lib/ledger/db";
import { recordAudit } from "./audit";
import { AdminError } from "./errors";
import { queuePayoutPaid } from "./period-notices";

export interface PayoutBatchDto {
  id: number;
  periodId: number;
  startsOn: string;
  status: "pending" | "paid";
  paidAt: string | null;
  paidBy: string | null;
  distributors: number;
  payableCents: number;
  earnedCents: number;
  carriedOutCents: number;
}

export interface PayoutRowDto {
  distributorId: number;
  name: string;
  email: string;
  code: string;
  earnedCents: number;
  carriedInCents: number;
  payableCents: number;
  carriedOutCents: number;
}

/**
 * Creates the payout batch of every closed period that has none, oldest
 * first, so each one starts from the balances the one before carried out.
 * Per distributor: earned = the period's ledger (commissions and the
 * clawbacks posted to it), carried in = their last payout's carried-out
 * balance (<= 0); payable = max(0, sum), carried out = min(0, sum). A closed
 * period's ledger is frozen, so a batch once made never needs remaking.
 */
export async function ensurePayoutBatches(tx: Executor): Promise<void> {
  const missing = await queryRows<{ id: number; starts_on: string }>(
    tx,
    sql`select p.id, p.starts_on::text from commission_periods p
        where p.status = 'closed' and not exists (select 1 from payout_batches b where b.period_id = p.id)
        order by p.starts_on`,
  );
  for (const period of missing) {
    // A concurrent request making the same batch wins; this one then leaves it alone.
    const [batch] = await queryRows<{ id: number }>(
      tx,
      sql`insert into payout_batches (period_id) values (${period.id}) on conflict (period_id) do nothing returning id`,
    );
    if (!batch) continue;
    await tx.execute(sql`
      with earned as (
        select beneficiary_id as distributor_id, sum(amount_cents) as cents
        from commission_ledger where period_id = ${period.id} group by beneficiary_id),
      carried as (
        select distinct on (po.distributor_id) po.distributor_id, po.carried_out_cents as cents
        from payouts po join payout_batches b on b.id = po.batch_id join commission_periods cp on cp.id = b.period_id
        where cp.starts_on < ${period.starts_on}::date
        order by po.distributor_id, cp.starts_on desc),
      balance as (
        select coalesce(e.distributor_id, c.distributor_id) as distributor_id,
               coalesce(e.cents, 0) as earned, coalesce(c.cents, 0) as carried_in
        from earned e full join carried c on c.distributor_id = e.distributor_id)
      insert into payouts (batch_id, distributor_id, earned_cents, carried_in_cents, payable_cents, carried_out_cents)
      select ${batch.id}, distributor_id, earned, carried_in, greatest(0, earned + carried_in), least(0, earned + carried_in)
      from balance where earned <> 0 or carried_in <> 0
      order by distributor_id`);
  }
}

export async function getPayoutBatch(db: Executor, periodId: number): Promise<PayoutBatchDto | null> {
  const [row] = await queryRows<{
    id: number;
    period_id: number;
    starts_on: string;
    status: "pending" | "paid";
    paid_at: string | null;
    paid_by: string | null;
    n: number;
    payable: number;
    earned: number;
    carried_out: number;
  }>(
    db,
    sql`select b.id, b.period_id, p.starts_on::text, b.status, b.paid_at::text, u.name as paid_by,
          (select count(*)::int from payouts where batch_id = b.id and payable_cents > 0) as n,
          (select coalesce(sum(payable_cents), 0)::float8 from payouts where batch_id = b.id) as payable,
          (select coalesce(sum(earned_cents), 0)::float8 from payouts where batch_id = b.id) as earned,
          (select coalesce(sum(carried_out_cents), 0)::float8 from payouts where batch_id = b.id) as carried_out
        from payout_batches b join commission_periods p on p.id = b.period_id left join users u on u.id = b.paid_by_user_id
        where b.period_id = ${periodId}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    periodId: row.period_id,
    startsOn: row.starts_on,
    status: row.status,
    paidAt: row.paid_at ? new Date(row.paid_at).toISOString() : null,
    paidBy: row.paid_by,
    distributors: row.n,
    payableCents: row.payable,
    earnedCents: row.earned,
    carriedOutCents: row.carried_out,
  };
}

/** How many lines a batch has (paid or carried forward; only those with something to pay with `payableOnly`). */
export async function countPayouts(db: Executor, batchId: number, opts: { payableOnly?: boolean } = {}): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from payouts where batch_id = ${batchId} ${opts.payableOnly ? sql`and payable_cents > 0` : sql.empty()}`,
  );
  return row?.n ?? 0;
}

/** A batch's lines, largest payment first (a page of them with `limit` and `offset`); `payableOnly` for the bank file. */
export async function listPayouts(
  db: Executor,
  batchId: number,
  opts: { payableOnly?: boolean; limit?: number; offset?: number } = {},
): Promise<PayoutRowDto[]> {
  const rows = await queryRows<{
    distributor_id: number;
    name: string;
    email: string;
    code: string;
    earned: number;
    carried_in: number;
    payable: number;
    carried_out: number;
  }>(
    db,
    sql`select po.distributor_id, u.name, u.email, d.referral_code as code,
          po.earned_cents::float8 as earned, po.carried_in_cents::float8 as carried_in,
          po.payable_cents::float8 as payable, po.carried_out_cents::float8 as carried_out
        from payouts po join distributors d on d.id = po.distributor_id join users u on u.id = d.user_id
        where po.batch_id = ${batchId} ${opts.payableOnly ? sql`and po.payable_cents > 0` : sql.empty()}
        order by po.payable_cents desc, po.distributor_id
        ${opts.limit ? sql`limit ${opts.limit}` : sql.empty()} ${opts.offset ? sql`offset ${opts.offset}` : sql.empty()}`,
  );
  return rows.map((r) => ({
    distributorId: r.distributor_id,
    name: r.name,
    email: r.email,
    code: r.code,
    earnedCents: r.earned,
    carriedInCents: r.carried_in,
    payableCents: r.payable,
    carriedOutCents: r.carried_out,
  }));
}

/** Marks a closed period's batch paid, once: a second attempt is refused, not repeated. */
export async function markPayoutBatchPaid(db: Database, actorUserId: number, periodId: number, at: Date): Promise<PayoutBatchDto> {
  await db.transaction(async (tx: Tx) => {
    const [period] = await queryRows<{ status: string }>(tx, sql`select status from commission_periods where id = ${periodId}`);
    if (!period) throw new AdminError("This period does not exist.");
    if (period.status !== "closed") throw new AdminError("Close this period before paying it.");
    await ensurePayoutBatches(tx);
    const [batch] = await queryRows<{ id: number; status: string; paid_at: string | null }>(
      tx,
      sql`select id, status, paid_at::text from payout_batches where period_id = ${periodId} for update`,
    );
    if (!batch) throw new AdminError("This period has no payout batch.");
    if (batch.status === "paid") throw new AdminError("This period's payouts are already marked paid.");
    await tx.execute(
      sql`update payout_batches set status = 'paid', paid_at = ${at.toISOString()}::timestamptz, paid_by_user_id = ${actorUserId} where id = ${batch.id}`,
    );
    // Each payee hears it, from a job queued with the change (lib/admin/period-notices.ts).
    await queuePayoutPaid(tx, batch.id, at);
    const [totals] = await queryRows<{ n: number; payable: number }>(
      tx,
      sql`select count(*) filter (where payable_cents > 0)::int as n, coalesce(sum(payable_cents), 0)::float8 as payable from payouts where batch_id = ${batch.id}`,
    );
    await recordAudit(tx, {
      at,
      actorUserId,
      action: "payout.mark_paid",
      entity: "payout_batch",
      entityId: batch.id,
      before: { periodId, status: "pending" },
      after: { periodId, status: "paid", distributors: totals?.n ?? 0, payableCents: totals?.payable ?? 0 },
    });
  });
  return (await getPayoutBatch(db, periodId))!;
}

/** The bank file: one line per distributor paid, amounts as exact decimals in the company currency. */
export function payoutsCsv(rows: PayoutRowDto[], currency: string, digits: number): string {
  let body = csvRow(["distributor_id", "name", "email", "referral_code", "amount", "currency"]);
  for (const r of rows) {
    if (r.payableCents <= 0) continue;
    body += csvRow([r.distributorId, r.name, r.email, r.code, centsToDecimal(r.payableCents, digits), currency]);
  }
  return body;
}
