import { sql, type SQL } from "drizzle-orm";
import { pgArray } from "@/db/rows";
import { depthFirstOrder, type PeriodState } from "@/lib/commissions";
import type { Executor } from "./db";
import { copyChunks, copyIn, copyOut, CopyRowReader, IntList } from "./storage";

export interface StatsRow {
  distributorId: number;
  pv: number;
  gv: number;
  /** PV of paid retail orders (0 when the run was given none: the retail rule off). */
  retailPv: number;
  /** Distinct retail customers of those orders (0 when the run was given none). */
  retailCustomers: number;
  active: boolean;
  /** Index into the plan's ranks, null for none. */
  rankPosition: number | null;
}

const CHUNK = 20_000;

/** The upsert of one chunk of volume/rank rows (a statement, or a CTE of a larger one). */
export function upsertStatsSql(periodId: number, chunk: StatsRow[]): SQL {
  return sql`
    insert into distributor_period_stats (period_id, distributor_id, pv, gv, retail_pv, retail_customers, active, rank_position)
    select ${periodId}, d, p, g, rp, rc, a, r
    from unnest(${pgArray(chunk.map((s) => s.distributorId))}::int[], ${pgArray(chunk.map((s) => s.pv))}::bigint[], ${pgArray(chunk.map((s) => s.gv))}::bigint[],
                ${pgArray(chunk.map((s) => s.retailPv))}::bigint[], ${pgArray(chunk.map((s) => s.retailCustomers))}::int[],
                ${pgArray(chunk.map((s) => s.active))}::boolean[], ${pgArray(chunk.map((s) => s.rankPosition))}::int[]) as t(d, p, g, rp, rc, a, r)
    order by d
    on conflict (period_id, distributor_id) do update
      set pv = excluded.pv, gv = excluded.gv, retail_pv = excluded.retail_pv, retail_customers = excluded.retail_customers, active = excluded.active,
          rank_position = excluded.rank_position`;
}

/** The update of existing volume/rank rows (a CTE of a larger statement). */
export function updateStatsSql(periodId: number, rows: StatsRow[]): SQL {
  return sql`
    update distributor_period_stats s set pv = t.p, gv = t.g, retail_pv = t.rp, retail_customers = t.rc, active = t.a, rank_position = t.r
    from unnest(${pgArray(rows.map((r) => r.distributorId))}::int[], ${pgArray(rows.map((r) => r.pv))}::bigint[], ${pgArray(rows.map((r) => r.gv))}::bigint[],
                ${pgArray(rows.map((r) => r.retailPv))}::bigint[], ${pgArray(rows.map((r) => r.retailCustomers))}::int[],
                ${pgArray(rows.map((r) => r.active))}::boolean[], ${pgArray(rows.map((r) => r.rankPosition))}::int[]) as t(d, p, g, rp, rc, a, r)
    where s.period_id = ${periodId} and s.distributor_id = t.d`;
}

/** Upserts volume/rank rows of a period (in ascending id order: concurrent writers never deadlock). */
export async function upsertStats(db: Executor, periodId: number, rows: StatsRow[]): Promise<void> {
  for (let from = 0; from < rows.length; from += CHUNK) await db.execute(upsertStatsSql(periodId, rows.slice(from, from + CHUNK)));
}

/** Whether distributor i has a snapshot row: any volume, or retail customers (zero-PV retail orders, which the customer rule counts). */
function hasRow(state: PeriodState, i: number): boolean {
  return state.gv[i] !== 0 || (state.retailCustomers !== null && state.retailCustomers[i] !== 0);
}

function statsRow(ids: ArrayLike<number>, state: PeriodState, i: number): StatsRow {
  const rank = state.rank[i]!;
  return {
    distributorId: ids[i]!,
    pv: state.pv[i]!,
    gv: state.gv[i]!,
    retailPv: state.retailPv?.[i] ?? 0,
    retailCustomers: state.retailCustomers?.[i] ?? 0,
    active: state.active[i] === 1,
    rankPosition: rank < 0 ? null : rank,
  };
}

/**
 * The stats rows of a state: by default one per distributor with any volume
 * (no row means zero); with `all`, every distributor's, zeros included.
 */
export function statsRows(ids: ArrayLike<number>, state: PeriodState, all = false): StatsRow[] {
  const rows: StatsRow[] = [];
  for (let i = 0; i < state.gv.length; i++) {
    if (!all && !hasRow(state, i)) continue;
    rows.push(statsRow(ids, state, i));
  }
  return rows;
}

/**
 * Makes a period's snapshot exactly a full run's: one row per distributor with
 * any volume. Only rows that differ are written (a million-row rewrite for a
 * handful of changes would dominate a full run); a period without rows yet is
 * filled through COPY.
 */
export async function writeAllStats(db: Executor, periodId: number, ids: ArrayLike<number>, state: PeriodState): Promise<void> {
  const n = state.gv.length;
  const indexOf = new Int32Array(n > 0 ? ids[n - 1]! + 1 : 0).fill(-1);
  for (let i = 0; i < n; i++) indexOf[ids[i]!] = i;
  const seen = new Uint8Array(n);
  const stale = new IntList();
  const reader = new CopyRowReader(7, (r) => {
    const id = r.int(0);
    const i = id < indexOf.length ? indexOf[id]! : -1;
    const rank = r.isNull(4) ? -1 : r.int(4);
    if (
      i >= 0 &&
      hasRow(state, i) &&
      r.int(1) === state.pv[i] &&
      r.int(2) === state.gv[i] &&
      r.bool(3) === (state.active[i] === 1) &&
      rank === state.rank[i] &&
      r.int(5) === (state.retailPv?.[i] ?? 0) &&
      r.int(6) === (state.retailCustomers?.[i] ?? 0)
    ) {
      seen[i] = 1;
    } else if (i < 0 || !hasRow(state, i)) {
      stale.push(id);
    }
  });
  if (!Number.isSafeInteger(periodId)) throw new RangeError(`bad period id ${periodId}`);
  await copyOut(
    db,
    `select distributor_id, pv, gv, active, rank_position, retail_pv, retail_customers from distributor_period_stats where period_id = ${periodId}`,
    (c) => reader.push(c),
  );
  const existing = reader.finish();
  if (stale.length > 0) {
    const staleIds = stale.toArray();
    for (let from = 0; from < staleIds.length; from += CHUNK) {
      await db.execute(sql`delete from distributor_period_stats where period_id = ${periodId}
                           and distributor_id = any(${pgArray(Array.from(staleIds.subarray(from, from + CHUNK)))}::int[])`);
    }
  }
  if (existing === 0) {
    // A first write lays the rows out depth-first: an order updates its seller's
    // whole upline, which then sits on a few pages instead of one page per upline.
    const rows = depthFirstOrder(state.company.sponsor).filter((i) => hasRow(state, i));
    if (rows.length === 0) return;
    const row = (k: number) => {
      const s = statsRow(ids, state, rows[k]!);
      return `${periodId}\t${s.distributorId}\t${s.pv}\t${s.gv}\t${s.retailPv}\t${s.retailCustomers}\t${s.active ? "t" : "f"}\t${s.rankPosition ?? "\\N"}\n`;
    };
    await copyIn(
      db,
      "distributor_period_stats (period_id, distributor_id, pv, gv, retail_pv, retail_customers, active, rank_position)",
      copyChunks(rows.length, row),
    );
    return;
  }
  const changed: number[] = [];
  for (let i = 0; i < n; i++) if (seen[i] === 0 && hasRow(state, i)) changed.push(i);
  await upsertStats(
    db,
    periodId,
    changed.map((i) => statsRow(ids, state, i)),
  );
}
