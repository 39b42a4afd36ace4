import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";
import { floorMean } from "./percentiles";
import { statementInputsSql, toCents, type StatementWindow } from "./statement-inputs";
import { methodology } from "./methodology";

// The income disclosure statement: what every distributor enrolled in a range
// of closed periods earned, from the ledger, with the people who earned
// nothing counted. Aggregated in SQL (one pass, two ordered window scans), so
// a million distributors never reach JavaScript. Domain service: the caller authorized.

export class StatementRangeError extends Error {}

export interface ClosedPeriod {
  id: number;
  startsOn: string;
  endsOn: string;
}

export interface StatementRange extends StatementWindow {
  periods: ClosedPeriod[];
}

/** A group's figures: earnings in integer cents over the whole range; shares in basis points, rounded down. */
export interface EarningsFigures {
  count: number;
  /** Share of everyone in the statement. */
  shareBps: number;
  /** Earned nothing (net earnings zero or below, after clawbacks). */
  zeroCount: number;
  zeroBps: number;
  totalCents: number;
  meanCents: number;
  p10Cents: number;
  medianCents: number;
  p90Cents: number;
  /** The least that anyone in the top 1% of the group earned. */
  top1Cents: number;
  purchasesCents: number;
  meanNetCents: number;
  medianNetCents: number;
  /** Earned less than their own purchases cost. */
  belowPurchasesCount: number;
  belowPurchasesBps: number;
  /** Enrolled at least 12 months before the range ended. */
  retentionEligible: number;
  /** Of those, active in the range's last period. */
  retained: number;
  /** retained / retentionEligible; null when nobody was eligible. */
  retainedBps: number | null;
}

export interface RankGroup extends EarningsFigures {
  /** Position in the plan's rank list (0 = lowest); null: reached no rank in the range. */
  position: number | null;
  name: string;
}

export interface IncomeStatement {
  range: { startsOn: string; endsOn: string; periodCount: number; firstPeriodStartsOn: string; lastPeriodStartsOn: string };
  currency: string;
  generatedAt: string;
  /** Distributors enrolled before the range ended, and how many of them are terminated. */
  population: { total: number; terminated: number };
  everyone: EarningsFigures;
  /** Highest rank first, "No rank" last; groups with no one are left out. */
  byRank: RankGroup[];
  activeMinPv: number;
  methodology: string[];
}

function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate())).toISOString().slice(0, 10);
}

/** Every closed period, oldest first. */
export async function listClosedPeriods(db: Executor): Promise<ClosedPeriod[]> {
  return queryRows<ClosedPeriod>(
    db,
    sql`select id, starts_on::text as "startsOn", ends_on::text as "endsOn" from commission_periods where status = 'closed' order by starts_on`,
  );
}

/**
 * The default range: the latest calendar year that has closed periods (its
 * closed periods only), else nothing. Null when no period is closed.
 */
export function defaultRange(closed: ClosedPeriod[]): { fromPeriodId: number; toPeriodId: number } | null {
  const last = closed.at(-1);
  if (!last) return null;
  const year = last.startsOn.slice(0, 4);
  const first = closed.find((p) => p.startsOn.startsWith(year))!;
  return { fromPeriodId: first.id, toPeriodId: last.id };
}

/** The range from one period to another, both included; every period in it must be closed. */
export async function resolveStatementRange(db: Executor, fromPeriodId: number, toPeriodId: number): Promise<StatementRange> {
  const rows = await queryRows<ClosedPeriod & { status: string }>(
    db,
    sql`select id, starts_on::text as "startsOn", ends_on::text as "endsOn", status from commission_periods
        where starts_on >= (select starts_on from commission_periods where id = ${fromPeriodId})
          and starts_on <= (select starts_on from commission_periods where id = ${toPeriodId})
        order by starts_on`,
  );
  if (rows.length === 0 || rows[0]!.id !== fromPeriodId || rows.at(-1)!.id !== toPeriodId) {
    throw new StatementRangeError("Choose a first period that is not after the last one.");
  }
  const open = rows.find((p) => p.status !== "closed");
  if (open) throw new StatementRangeError(`Only closed periods can be in a statement; the period starting ${open.startsOn} is open.`);
  const periods = rows.map(({ id, startsOn, endsOn }) => ({ id, startsOn, endsOn }));
  const endsOn = periods.at(-1)!.endsOn;
  return { periods, startsOn: periods[0]!.startsOn, endsOn, retentionCutoff: addMonths(endsOn, -12) };
}

interface GroupRow {
  k: number;
  n: number;
  zero: number;
  total: string | number;
  purchases: string | number;
  net_total: string | number;
  p10: string | number;
  median: string | number;
  p90: string | number;
  top1: string | number;
  median_net: string | number;
  below: number;
  eligible: number;
  retained: number;
  terminated: number;
}

const ALL = -2;
const NO_RANK = -1;

/** Per group (k = -2 everyone, -1 no rank, else the rank position): counts, sums and nearest-rank positions (see percentiles.ts). */
async function groupFigures(db: Executor, range: StatementRange): Promise<GroupRow[]> {
  return queryRows<GroupRow>(
    db,
    sql`with inputs as (${statementInputsSql(range)}),
        grouped as (
          select g.k, i.earnings, i.purchases, i.earnings - i.purchases as net, i.active_at_end, i.terminated,
                 i.joined_on::date < ${range.retentionCutoff}::date as eligible
          from inputs i cross join lateral (values (${ALL}::int), (coalesce(i.rank_position, ${NO_RANK}::int))) g(k)
        ),
        ordered as (
          select grouped.*, count(*) over (partition by k) as n,
                 row_number() over (partition by k order by earnings) as rn,
                 row_number() over (partition by k order by net) as rn_net
          from grouped
        )
        select k, max(n)::int as n, count(*) filter (where earnings <= 0)::int as zero,
               sum(earnings)::bigint as total, sum(purchases)::bigint as purchases, sum(net)::bigint as net_total,
               max(earnings) filter (where rn = (10 * n + 99) / 100) as p10,
               max(earnings) filter (where rn = (50 * n + 99) / 100) as median,
               max(earnings) filter (where rn = (90 * n + 99) / 100) as p90,
               max(earnings) filter (where rn = n - (n + 99) / 100 + 1) as top1,
               max(net) filter (where rn_net = (50 * n + 99) / 100) as median_net,
               count(*) filter (where earnings < purchases)::int as below,
               count(*) filter (where eligible)::int as eligible,
               count(*) filter (where eligible and active_at_end)::int as retained,
               count(*) filter (where terminated)::int as terminated
        from ordered group by k`,
  );
}

const bps = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * 10000) / whole));

function figures(r: GroupRow, population: number): EarningsFigures {
  const total = toCents(r.total);
  return {
    count: r.n,
    shareBps: bps(r.n, population),
    zeroCount: r.zero,
    zeroBps: bps(r.zero, r.n),
    totalCents: total,
    meanCents: floorMean(total, r.n),
    p10Cents: toCents(r.p10),
    medianCents: toCents(r.median),
    p90Cents: toCents(r.p90),
    top1Cents: toCents(r.top1),
    purchasesCents: toCents(r.purchases),
    meanNetCents: floorMean(toCents(r.net_total), r.n),
    medianNetCents: toCents(r.median_net),
    belowPurchasesCount: r.below,
    belowPurchasesBps: bps(r.below, r.n),
    retentionEligible: r.eligible,
    retained: r.retained,
    retainedBps: r.eligible === 0 ? null : bps(r.retained, r.eligible),
  };
}

/** Each rank position's name: from the latest plan in the range that has it. */
async function rankNames(db: Executor, range: StatementRange): Promise<Map<number, string>> {
  const rows = await queryRows<{ position: number; name: string }>(
    db,
    sql`select r.position, r.name from commission_periods p join plan_ranks r on r.plan_id = p.plan_id
        where p.starts_on >= ${range.startsOn}::date and p.starts_on < ${range.endsOn}::date order by p.starts_on, r.position`,
  );
  return new Map(rows.map((r) => [r.position, r.name]));
}

const emptyFigures: EarningsFigures = {
  count: 0,
  shareBps: 0,
  zeroCount: 0,
  zeroBps: 0,
  totalCents: 0,
  meanCents: 0,
  p10Cents: 0,
  medianCents: 0,
  p90Cents: 0,
  top1Cents: 0,
  purchasesCents: 0,
  meanNetCents: 0,
  medianNetCents: 0,
  belowPurchasesCount: 0,
  belowPurchasesBps: 0,
  retentionEligible: 0,
  retained: 0,
  retainedBps: null,
};

/** Computes the statement over `range` as the data stands; `generatedAt` is the caller's "now". */
export async function computeIncomeStatement(db: Executor, range: StatementRange, generatedAt: Date): Promise<IncomeStatement> {
  // One after another: inside a transaction (publishing) the queries share one connection.
  const groups = await groupFigures(db, range);
  const names = await rankNames(db, range);
  const settings = await queryRows<{ currency: string; active_min_pv: number }>(
    db,
    sql`select (select currency from company where id = 1) as currency,
               (select cp.active_min_pv from commission_periods p join compensation_plans cp on cp.id = p.plan_id where p.id = ${range.periods.at(-1)!.id}) as active_min_pv`,
  );
  const all = groups.find((g) => g.k === ALL);
  const population = all?.n ?? 0;
  const byRank: RankGroup[] = groups
    .filter((g) => g.k !== ALL)
    .sort((a, b) => b.k - a.k)
    .map((g) => ({
      ...figures(g, population),
      position: g.k === NO_RANK ? null : g.k,
      name: g.k === NO_RANK ? "No rank" : (names.get(g.k) ?? `Rank ${g.k + 1}`),
    }));
  const base = {
    range: {
      startsOn: range.startsOn,
      endsOn: range.endsOn,
      periodCount: range.periods.length,
      firstPeriodStartsOn: range.periods[0]!.startsOn,
      lastPeriodStartsOn: range.periods.at(-1)!.startsOn,
    },
    currency: settings[0]?.currency ?? "USD",
    generatedAt: generatedAt.toISOString(),
    population: { total: population, terminated: all?.terminated ?? 0 },
    everyone: all ? figures(all, population) : emptyFigures,
    byRank,
    activeMinPv: settings[0]?.active_min_pv ?? 0,
  };
  return { ...base, methodology: methodology(base, range.retentionCutoff) };
}
