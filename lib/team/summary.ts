import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { TeamContext, TeamPeriod } from "./context";
import { inDownline, standingSql, zeroStanding } from "./standing-sql";
import { teamSize } from "./generations";

export interface RankDto {
  position: number;
  name: string;
}

export interface NextRankDto extends RankDto {
  minPv: number;
  minGv: number;
}

export interface PeriodRefDto {
  id: number;
  startsOn: string;
  status: "open" | "closed";
  updating: boolean;
}

export interface RetailRuleDto {
  /** The share of PV that must be retail, in bps. */
  minBps: number;
  retailPv: number;
  /** floor(retail PV * 10000 / PV); null without PV. */
  shareBps: number | null;
  /** The least retail PV that meets the rule at the current PV. */
  neededPv: number;
  met: boolean;
}

/** Where a distributor with `pv` and `retailPv` stands on a rule of `minBps` (docs/commissions.md "The retail rule"). */
export function retailRuleStanding(minBps: number, pv: number, retailPv: number): RetailRuleDto {
  return {
    minBps,
    retailPv,
    shareBps: pv > 0 ? Math.floor((retailPv * 10000) / pv) : null,
    neededPv: Math.ceil((minBps * pv) / 10000),
    met: retailPv * 10000 >= minBps * pv,
  };
}

export interface RetailCustomerRuleDto {
  /** The distinct retail customers needed. */
  minCustomers: number;
  /** The distinct retail customers of this period's paid retail orders. */
  customers: number;
  met: boolean;
}

/** Where a distributor with `customers` stands on the customer form of `minCustomers` (docs/commissions.md "The customer form"). */
export function retailCustomerStanding(minCustomers: number, customers: number): RetailCustomerRuleDto {
  return { minCustomers, customers, met: customers >= minCustomers };
}

export interface DashboardSummaryDto {
  owner: { id: number; name: string; terminated: boolean };
  /** The open period ("this period"); null before any period exists. */
  period: PeriodRefDto | null;
  lastPeriod: PeriodRefDto | null;
  pv: number;
  gv: number;
  active: boolean;
  activeMinPv: number;
  rank: RankDto | null;
  /** The rank above the current one; null at the top (or in a plan without ranks). */
  nextRank: NextRankDto | null;
  /** Commission plus clawback lines, integer minor units. This period's are estimates until it closes. */
  earningsThisPeriodCents: number;
  earningsLastPeriodCents: number;
  /** The plan's retail rule and where the owner stands on it; null when the rule is off. */
  retailRule: RetailRuleDto | null;
  /** The customer form of the retail rule and where the owner stands on it; null when it is off. */
  retailCustomerRule: RetailCustomerRuleDto | null;
  teamSize: number;
  newMembersThisPeriod: number;
  directRecruits: number;
}

function periodRef(p: TeamPeriod | null): PeriodRefDto | null {
  return p ? { id: p.id, startsOn: p.startsOn, status: p.status, updating: p.updating } : null;
}

/** The dashboard's figures for the owner of `ctx`. */
export async function getDashboardSummary(db: Database, ctx: TeamContext): Promise<DashboardSummaryDto> {
  const { owner, period, previous, plan } = ctx;
  const s = standingSql(period?.id ?? null, zeroStanding(plan));
  const periodIds = [period?.id, previous?.id].filter((id): id is number => id !== undefined);
  // Four independent reads, in parallel (the dashboard waits on the slowest, not on their sum).
  const [[standing], earningRows, [counts], size] = await Promise.all([
    queryRows<{
      pv: string | number;
      gv: string | number;
      retail_pv: string | number;
      retail_customers: number;
      active: boolean;
      rank: number | null;
    }>(
      db,
      sql`select ${s.pv} as pv, ${s.gv} as gv, coalesce(s.retail_pv, 0) as retail_pv,
                 coalesce(s.retail_customers, 0) as retail_customers, ${s.active} as active, ${s.rank} as rank
          from distributors d ${s.join} where d.id = ${owner.id}`,
    ),
    periodIds.length === 0
      ? Promise.resolve([])
      : queryRows<{ period_id: number; cents: string | number }>(
          db,
          sql`select period_id, sum(amount_cents) as cents from commission_ledger
              where beneficiary_id = ${owner.id} and period_id in (${sql.join(
                periodIds.map((id) => sql`${id}`),
                sql`, `,
              )})
              group by period_id`,
        ),
    queryRows<{ fresh: number; direct: number }>(
      db,
      sql`select
            ${period ? sql`(select count(*)::int from distributors d where ${inDownline(owner.path)} and d.joined_at >= (${period.startsOn}::timestamp at time zone 'UTC') and d.joined_at < (${period.endsOn}::timestamp at time zone 'UTC'))` : sql`0`} as fresh,
            (select count(*)::int from distributors where sponsor_id = ${owner.id}) as direct`,
    ),
    teamSize(db, owner),
  ]);
  const earnings = new Map(earningRows.map((r) => [r.period_id, Number(r.cents)]));

  const rankPosition = standing?.rank ?? null;
  const ranks = plan?.ranks ?? [];
  const current = rankPosition === null ? null : ranks[rankPosition];
  const next = ranks[rankPosition === null ? 0 : rankPosition + 1];
  return {
    owner: { id: owner.id, name: owner.name, terminated: owner.terminated },
    period: periodRef(period),
    lastPeriod: periodRef(previous),
    pv: Number(standing?.pv ?? 0),
    gv: Number(standing?.gv ?? 0),
    active: standing?.active ?? false,
    activeMinPv: plan?.activeMinPv ?? 0,
    rank: current && rankPosition !== null ? { position: rankPosition, name: current.name } : null,
    nextRank:
      next && !owner.terminated ? { position: rankPosition === null ? 0 : rankPosition + 1, name: next.name, minPv: next.minPv, minGv: next.minGv } : null,
    earningsThisPeriodCents: period ? (earnings.get(period.id) ?? 0) : 0,
    earningsLastPeriodCents: previous ? (earnings.get(previous.id) ?? 0) : 0,
    retailRule:
      (plan?.retailMinBps ?? 0) > 0 && !owner.terminated
        ? retailRuleStanding(plan!.retailMinBps!, Number(standing?.pv ?? 0), Number(standing?.retail_pv ?? 0))
        : null,
    retailCustomerRule:
      (plan?.retailMinCustomers ?? 0) > 0 && !owner.terminated
        ? retailCustomerStanding(plan!.retailMinCustomers!, Number(standing?.retail_customers ?? 0))
        : null,
    teamSize: size,
    newMembersThisPeriod: counts?.fresh ?? 0,
    directRecruits: counts?.direct ?? 0,
  };
}
