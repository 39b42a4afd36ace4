import { sql, type SQL } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import type { Executor } from "@/lib/ledger/db";

// The income disclosure statement's inputs: one row per distributor enrolled
// before the range ended, everything the figures are computed from. The
// statement (income-statement.ts) aggregates this same SQL; a regulator's
// export can list it, and the published checksum is over its canonical text.
// Domain service: the caller authorized.

/** A range of whole periods: [startsOn, endsOn), ISO dates, plus the date 12 months before its end (the retention cut-off). */
export interface StatementWindow {
  startsOn: string;
  endsOn: string;
  retentionCutoff: string;
}

export interface StatementInputRow {
  distributorId: number;
  /** UTC date of enrolment. */
  joinedOn: string;
  /** Terminated as of the statement's generation. */
  terminated: boolean;
  /**
   * Highest rank position reached in any period of the range; null: none. A period
   * without volume counts as the rank that qualifies at zero volume, except for
   * people terminated now (terminations are not dated).
   */
  rankPosition: number | null;
  /** Active (per the plan: PV at least its minimum, not terminated) in the range's last period. */
  activeAtEnd: boolean;
  /** Commission lines of the range's periods, clawbacks included (may be below zero). */
  earningsCents: number;
  /** Own (personal) orders paid in the range's periods, less those refunded or cancelled while one of them was open. */
  purchasesCents: number;
}

const utc = (isoDate: string) => sql`(${isoDate}::timestamp at time zone 'UTC')`;

/**
 * The inputs as a SELECT (columns distributor_id, joined_on, terminated,
 * rank_position, active_at_end, earnings, purchases), for the statement's
 * aggregates, its checksum and exports. Money columns are bigint. Read from the
 * range's period_earnings rows, so every period of the window must be closed
 * (resolveStatementRange checks): an open period has no totals yet.
 */
export function statementInputsSql(w: StatementWindow): SQL {
  return sql`
    with range_periods as (
      select id, starts_on from commission_periods where starts_on >= ${w.startsOn}::date and starts_on < ${w.endsOn}::date
    ),
    last_period as (select id, plan_id from commission_periods where id = (select id from range_periods order by starts_on desc limit 1)),
    -- A period without a distributor's stats row means zero volume (lib/ledger/stats.ts): they hold the rank
    -- that qualifies at zero (the last with minimums of 0) unless terminated, and are active only if the minimum PV is 0.
    zero_rank as (
      select max(r.position) as position from commission_periods p join plan_ranks r on r.plan_id = p.plan_id
      where p.id in (select id from range_periods) and r.min_pv = 0 and r.min_gv = 0
    ),
    -- The periods' totals, written when each closed (lib/ledger/period-earnings.ts): one grouped scan of
    -- about one row per person and period, instead of every ledger line and order of the range.
    totals as (
      select e.distributor_id as id,
             sum(e.commission_cents + e.clawback_cents)::bigint as earnings,
             sum(e.purchases_cents - e.refunds_cents)::bigint as purchases,
             max(e.rank_position) as position,
             bool_or(e.active) filter (where e.period_id = lp.id) as active_at_end
      from period_earnings e cross join last_period lp
      where e.period_id in (select id from range_periods) group by e.distributor_id
    )
    select d.id as distributor_id, (d.joined_at at time zone 'UTC')::date::text as joined_on, d.status = 'terminated' as terminated,
           case when d.status = 'terminated' then t.position else greatest(t.position, (select position from zero_rank)) end as rank_position,
           coalesce(t.active_at_end, d.status = 'active' and (select cp.active_min_pv from last_period lp join compensation_plans cp on cp.id = lp.plan_id) = 0)
             as active_at_end,
           coalesce(t.earnings, 0)::bigint as earnings, coalesce(t.purchases, 0)::bigint as purchases
    from distributors d
    left join totals t on t.id = d.id
    where d.joined_at < ${utc(w.endsOn)}`;
}

/** int8 and numeric arrive as strings from node-postgres; whole cents within 2^53 either way. */
export function toCents(value: string | number | bigint | null): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of cents: ${String(value)}`);
  return n;
}

/** Every input row, by distributor id. Loads them all: for tests and exports, not for the 1M-distributor statement itself. */
export async function listStatementInputs(db: Executor, w: StatementWindow): Promise<StatementInputRow[]> {
  const rows = await queryRows<{
    distributor_id: number;
    joined_on: string;
    terminated: boolean;
    rank_position: number | null;
    active_at_end: boolean;
    earnings: string | number;
    purchases: string | number;
  }>(db, sql`select * from (${statementInputsSql(w)}) i order by distributor_id`);
  return rows.map((r) => ({
    distributorId: r.distributor_id,
    joinedOn: r.joined_on,
    terminated: r.terminated,
    rankPosition: r.rank_position,
    activeAtEnd: r.active_at_end,
    earningsCents: toCents(r.earnings),
    purchasesCents: toCents(r.purchases),
  }));
}

/**
 * One input row in canonical text, as the checksum reads it:
 * "id,joinedOn,terminated(0|1),rankPosition(empty for none),activeAtEnd(0|1),earningsCents,purchasesCents\n".
 */
export function canonicalInputLine(r: StatementInputRow): string {
  return `${r.distributorId},${r.joinedOn},${r.terminated ? 1 : 0},${r.rankPosition ?? ""},${r.activeAtEnd ? 1 : 0},${r.earningsCents},${r.purchasesCents}\n`;
}

/** SHA-256 (hex) of every input row's canonical line, in distributor id order, computed in the database. */
export async function statementInputsChecksum(db: Executor, w: StatementWindow): Promise<string> {
  const [row] = await queryRows<{ sha256: string }>(
    db,
    sql`select encode(sha256(convert_to(coalesce(string_agg(
              i.distributor_id || ',' || i.joined_on || ',' || (case when i.terminated then '1' else '0' end) || ',' ||
              coalesce(i.rank_position::text, '') || ',' || (case when i.active_at_end then '1' else '0' end) || ',' ||
              i.earnings || ',' || i.purchases || chr(10), '' order by i.distributor_id), ''), 'UTF8')), 'hex') as sha256
        from (${statementInputsSql(w)}) i`,
  );
  return row!.sha256;
}
