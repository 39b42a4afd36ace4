import { sql, type SQL } from "drizzle-orm";
import type { Plan } from "@/lib/commissions";

// distributor_period_stats holds a row only for distributors with volume (or
// whose upline an order touched): no row means PV and GV 0. Their activity and
// rank are then what the plan gives zero volumes, unless they are terminated.

export interface ZeroStanding {
  active: boolean;
  /** Rank position at zero volumes, null for none. */
  rank: number | null;
}

export function zeroStanding(plan: Plan | null): ZeroStanding {
  if (!plan) return { active: false, rank: null };
  let rank: number | null = null;
  plan.ranks.forEach((r, i) => {
    if (r.minPv <= 0 && r.minGv <= 0) rank = i;
  });
  return { active: plan.activeMinPv <= 0, rank };
}

export interface StandingSql {
  /** `left join distributor_period_stats s ...` for distributors aliased `d`. */
  join: SQL;
  pv: SQL;
  gv: SQL;
  active: SQL;
  /** Rank position, null for none. */
  rank: SQL;
}

/** Period standing columns for rows of `distributors d`; all zero when there is no period. */
export function standingSql(periodId: number | null, zero: ZeroStanding): StandingSql {
  const join =
    periodId === null
      ? sql`left join distributor_period_stats s on false`
      : sql`left join distributor_period_stats s on s.period_id = ${periodId} and s.distributor_id = d.id`;
  return {
    join,
    pv: sql`coalesce(s.pv, 0)`,
    gv: sql`coalesce(s.gv, 0)`,
    active: zero.active ? sql`(case when s.distributor_id is null then d.status = 'active' else s.active end)` : sql`coalesce(s.active, false)`,
    rank:
      zero.rank === null
        ? sql`s.rank_position`
        : sql`(case when s.distributor_id is null then (case when d.status = 'active' then ${zero.rank}::int end) else s.rank_position end)`,
  };
}

/**
 * Whether distributor `d` has an active autoship (a subscription with status
 * 'active'): one probe of the one-live-per-member index per row shown, never a
 * query per member. The redundant `<> 'cancelled'` is that partial index's own
 * predicate, so the planner uses it without having to prove the implication.
 */
export function hasActiveAutoship(alias: SQL = sql`d`): SQL {
  return sql`exists (select 1 from subscriptions sub where sub.distributor_id = ${alias}.id and sub.status <> 'cancelled' and sub.status = 'active')`;
}

/** `d.path like '<owner path>.%'`: everyone below the owner. Paths hold only digits and dots, so nothing needs escaping. */
export function inDownline(ownerPath: string, alias: SQL = sql`d`): SQL {
  return sql`${alias}.path like ${`${ownerPath}.%`}`;
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
