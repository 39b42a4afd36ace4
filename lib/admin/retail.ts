import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";

// The retail-sales report of a period (docs/compliance.md "Retail-sales report and rule"):
// CV from retail (customer) orders against distributors' own orders, company-wide and per
// distributor, and who has retail customers. Read from paid orders, so an open period's
// figures are live and a closed one's final.

export const RETAIL_PAGE_SIZE = 50;
export const retailSorts = ["share-desc", "share-asc", "retail-desc", "name"] as const;
export type RetailSort = (typeof retailSorts)[number];

export interface RetailTotals {
  retailCvCents: number;
  personalCvCents: number;
  retailOrders: number;
  personalOrders: number;
  /** Distinct customer emails (case-insensitive) on paid retail orders, company-wide. */
  retailCustomers: number;
  /** Distributors enrolled before the period ended (terminated ones included). */
  enrolled: number;
  /** Distributors with at least one paid order in the period. */
  selling: number;
  /** Distributors with at least one retail customer in the period. */
  withRetailCustomer: number;
  /** Distributors with PV who fail the period plan's retail rule (0 when it is off). */
  failingRule: number;
  /** Distributors who ordered and have fewer retail customers than the plan's customer form needs (0 when it is off). */
  failingCustomerRule: number;
}

export interface RetailRow {
  distributorId: number;
  name: string;
  retailCvCents: number;
  personalCvCents: number;
  retailPv: number;
  pv: number;
  retailCustomers: number;
  /** floor(retail CV * 10000 / all CV); null without CV. */
  retailShareBps: number | null;
  /** Whether the distributor meets the period plan's retail rule (null when it is off). */
  meetsRule: boolean | null;
  /** Whether the distributor has the retail customers the period plan's customer form needs (null when it is off). */
  meetsCustomerRule: boolean | null;
}

export interface RetailReport {
  period: { id: number; startsOn: string; endsOn: string; status: "open" | "closed" };
  /** The period plan's retail rule share, 0 when off. */
  retailMinBps: number;
  /** The period plan's customer form: distinct retail customers needed, 0 when off. */
  retailMinCustomers: number;
  totals: RetailTotals;
  rows: RetailRow[];
  /** Distributors with at least one paid order: the rows over every page. */
  rowCount: number;
  page: number;
  pageSize: number;
  sort: RetailSort;
}

/** A bigint read as text, as a number (money sums stay exact: far below 2^53 per period). */
function int(text: string | number | null): number {
  if (text === null) return 0;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`figure out of range: ${text}`);
  return n;
}

const ORDER_BY: Record<RetailSort, string> = {
  "share-desc": "share desc nulls last, retail_cv desc, distributor_id",
  "share-asc": "share asc nulls last, retail_cv asc, distributor_id",
  "retail-desc": "retail_cv desc, distributor_id",
  name: "name, distributor_id",
};

/** The report of period `periodId`, page `page` (1-based) of its distributors; null when there is no such period. */
export async function getRetailReport(db: Executor, periodId: number, page: number, sort: RetailSort): Promise<RetailReport | null> {
  const [period] = await queryRows<{
    id: number;
    starts_on: string;
    ends_on: string;
    status: "open" | "closed";
    retail_min_bps: number;
    retail_min_customers: number;
  }>(
    db,
    sql`select p.id, p.starts_on::text, p.ends_on::text, p.status, c.retail_min_bps, c.retail_min_customers
        from commission_periods p join compensation_plans c on c.id = p.plan_id where p.id = ${periodId}`,
  );
  if (!period) return null;
  const bps = period.retail_min_bps;
  const minCustomers = period.retail_min_customers;
  // Per seller: CV and PV by kind, and distinct retail customers.
  const perSeller = sql`select o.seller_id as distributor_id,
        sum(o.cv_cents) filter (where o.kind = 'retail') as retail_cv, sum(o.cv_cents) filter (where o.kind = 'personal') as personal_cv,
        sum(o.pv) filter (where o.kind = 'retail') as retail_pv, sum(o.pv) as pv,
        count(*) filter (where o.kind = 'retail') as retail_orders, count(*) filter (where o.kind = 'personal') as personal_orders,
        count(distinct lower(o.customer_email)) filter (where o.kind = 'retail') as customers
      from orders o where o.period_id = ${periodId} and o.status = 'paid' group by o.seller_id`;
  const [t] = await queryRows<{
    retail_cv: string | null;
    personal_cv: string | null;
    retail_orders: string | null;
    personal_orders: string | null;
    customers: string;
    enrolled: string;
    selling: string;
    with_customer: string;
    failing: string;
    failing_customers: string;
  }>(
    db,
    sql`with s as (${perSeller})
        select sum(s.retail_cv)::text as retail_cv, sum(s.personal_cv)::text as personal_cv,
          sum(s.retail_orders)::text as retail_orders, sum(s.personal_orders)::text as personal_orders,
          (select count(distinct lower(o.customer_email)) from orders o
            where o.period_id = ${periodId} and o.status = 'paid' and o.kind = 'retail')::text as customers,
          (select count(*) from distributors d where d.joined_at < ${period.ends_on}::date)::text as enrolled,
          count(*)::text as selling,
          (count(*) filter (where s.customers > 0))::text as with_customer,
          (count(*) filter (where ${bps} > 0 and s.pv > 0 and coalesce(s.retail_pv, 0) * 10000 < ${bps} * s.pv))::text as failing,
          (count(*) filter (where ${minCustomers} > 0 and s.customers < ${minCustomers}))::text as failing_customers
        from s`,
  );
  const rowCount = int(t!.selling);
  const pageCount = Math.max(1, Math.ceil(rowCount / RETAIL_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await queryRows<{
    distributor_id: number;
    name: string;
    retail_cv: string | null;
    personal_cv: string | null;
    retail_pv: string | null;
    pv: string;
    customers: string;
    share: number | null;
  }>(
    db,
    sql`with s as (${perSeller})
        select s.distributor_id, u.name, s.retail_cv::text as retail_cv, s.personal_cv::text as personal_cv,
          s.retail_pv::text as retail_pv, s.pv::text as pv, s.customers::text as customers,
          (case when coalesce(s.retail_cv, 0) + coalesce(s.personal_cv, 0) > 0
            then div(coalesce(s.retail_cv, 0) * 10000, coalesce(s.retail_cv, 0) + coalesce(s.personal_cv, 0))::int end) as share
        from s join distributors d on d.id = s.distributor_id join users u on u.id = d.user_id
        order by ${sql.raw(ORDER_BY[sort])}
        limit ${RETAIL_PAGE_SIZE} offset ${(current - 1) * RETAIL_PAGE_SIZE}`,
  );
  return {
    period: { id: period.id, startsOn: period.starts_on, endsOn: period.ends_on, status: period.status },
    retailMinBps: bps,
    retailMinCustomers: minCustomers,
    totals: {
      retailCvCents: int(t!.retail_cv),
      personalCvCents: int(t!.personal_cv),
      retailOrders: int(t!.retail_orders),
      personalOrders: int(t!.personal_orders),
      retailCustomers: int(t!.customers),
      enrolled: int(t!.enrolled),
      selling: rowCount,
      withRetailCustomer: int(t!.with_customer),
      failingRule: int(t!.failing),
      failingCustomerRule: int(t!.failing_customers),
    },
    rows: rows.map((r) => {
      const pv = int(r.pv);
      const retailPv = int(r.retail_pv);
      const customers = int(r.customers);
      return {
        distributorId: r.distributor_id,
        name: r.name,
        retailCvCents: int(r.retail_cv),
        personalCvCents: int(r.personal_cv),
        retailPv,
        pv,
        retailCustomers: customers,
        retailShareBps: r.share,
        meetsRule: bps > 0 ? retailPv * 10000 >= bps * pv : null,
        meetsCustomerRule: minCustomers > 0 ? customers >= minCustomers : null,
      };
    }),
    rowCount,
    page: current,
    pageSize: RETAIL_PAGE_SIZE,
    sort,
  };
}

/** The periods a report can be asked for, newest first. */
export async function listReportPeriods(db: Executor): Promise<{ id: number; startsOn: string; status: "open" | "closed" }[]> {
  const rows = await queryRows<{ id: number; starts_on: string; status: "open" | "closed" }>(
    db,
    sql`select id, starts_on::text, status from commission_periods order by starts_on desc`,
  );
  return rows.map((r) => ({ id: r.id, startsOn: r.starts_on, status: r.status }));
}
