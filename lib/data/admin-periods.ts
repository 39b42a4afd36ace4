import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { queryRows } from "@/db/rows";
import { countPayouts, ensurePayoutBatches, getPayoutBatch, listPayouts, type PayoutBatchDto, type PayoutRowDto } from "@/lib/admin/payouts";
import { requireAdmin } from "@/lib/auth/session";

export interface AdminPeriodDto {
  id: number;
  startsOn: string;
  endsOn: string;
  status: "open" | "closed";
  updating: boolean;
  orders: number;
  salesCents: number;
  cvCents: number;
  commissionsCents: number;
  clawbacksCents: number;
  breakageCents: number;
}

/** Every period with its totals; admins only. */
export async function listAdminPeriods(): Promise<AdminPeriodDto[]> {
  await requireAdmin();
  const db = await getDb();
  const rows = await queryRows<{
    id: number;
    starts_on: string;
    ends_on: string;
    status: "open" | "closed";
    needs_recompute: boolean;
    orders: number;
    sales: number;
    cv: number;
    commissions: number;
    clawbacks: number;
    level_pool: number;
    level_paid: number;
  }>(
    db,
    sql`select p.id, p.starts_on::text, p.ends_on::text, p.status, p.needs_recompute,
          coalesce(o.orders, 0)::int as orders, coalesce(o.sales, 0)::float8 as sales, coalesce(o.cv, 0)::float8 as cv,
          coalesce(l.commissions, 0)::float8 as commissions, coalesce(l.clawbacks, 0)::float8 as clawbacks,
          coalesce(pool.amount, 0)::float8 as level_pool, coalesce(l.level_paid, 0)::float8 as level_paid
        from commission_periods p
        left join lateral (
          select count(*) as orders, sum(total_cents) as sales, sum(cv_cents) as cv
          from orders where period_id = p.id and status = 'paid') o on true
        left join lateral (
          select sum(amount_cents) filter (where kind = 'commission') as commissions,
                 sum(amount_cents) filter (where kind = 'clawback') as clawbacks,
                 sum(amount_cents) filter (where kind = 'commission' and level >= 1) as level_paid
          from commission_ledger where period_id = p.id) l on true
        left join lateral (
          -- The plan's full level payout of every counted order, floored per level as the plan says.
          select sum(o.cv_cents * b / 10000) as amount
          from orders o cross join unnest((select levels_bps from compensation_plans where id = p.plan_id)) as b
          where o.period_id = p.id and o.status = 'paid') pool on true
        order by p.starts_on desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    updating: r.needs_recompute,
    orders: r.orders,
    salesCents: r.sales,
    cvCents: r.cv,
    commissionsCents: r.commissions,
    clawbacksCents: r.clawbacks,
    breakageCents: r.level_pool - r.level_paid,
  }));
}

export interface AdminPayoutsDto {
  period: { id: number; startsOn: string; status: "open" | "closed" };
  batch: PayoutBatchDto | null;
  rows: PayoutRowDto[];
  /** Every line of the batch (paid or carried forward), across all pages. */
  total: number;
  /** The page shown: the one asked for, or the last one past the end. */
  page: number;
}

/**
 * A period's payouts: for a closed period, its batch (made on first sight if
 * it closed before batches existed) and its distributors' lines, largest
 * payment first: every line, or one page of `pageSize`. Null for an unknown
 * period; admins only.
 */
export async function getAdminPayouts(
  periodId: number,
  opts: { payableOnly?: boolean; page?: number; pageSize?: number } = {},
): Promise<AdminPayoutsDto | null> {
  await requireAdmin();
  const db = await getDb();
  const [period] = await queryRows<{ id: number; starts_on: string; status: "open" | "closed" }>(
    db,
    sql`select id, starts_on::text, status from commission_periods where id = ${periodId}`,
  );
  if (!period) return null;
  const shown = { id: period.id, startsOn: period.starts_on, status: period.status };
  if (period.status !== "closed") return { period: shown, batch: null, rows: [], total: 0, page: 1 };
  let batch = await getPayoutBatch(db, periodId);
  if (!batch) {
    await db.transaction((tx) => ensurePayoutBatches(tx));
    batch = await getPayoutBatch(db, periodId);
  }
  if (!batch) return { period: shown, batch: null, rows: [], total: 0, page: 1 };
  if (opts.pageSize === undefined) {
    const rows = await listPayouts(db, batch.id, { payableOnly: opts.payableOnly });
    return { period: shown, batch, rows, total: rows.length, page: 1 };
  }
  const total = await countPayouts(db, batch.id, { payableOnly: opts.payableOnly });
  const page = Math.min(Math.max(1, opts.page ?? 1), Math.max(1, Math.ceil(total / opts.pageSize)));
  const rows = await listPayouts(db, batch.id, { payableOnly: opts.payableOnly, limit: opts.pageSize, offset: (page - 1) * opts.pageSize });
  return { period: shown, batch, rows, total, page };
}
