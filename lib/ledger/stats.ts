import { sql } from "drizzle-orm";
import { pgArray } from "@/db/rows";
import type { PeriodState } from "@/lib/commissions";
import type { Executor } from "./db";

export interface StatsRow {
  distributorId: number;
  pv: number;
  gv: number;
  active: boolean;
  /** Index into the plan's ranks, null for none. */
  rankPosition: number | null;
}

const CHUNK = 20_000;

/** Upserts volume/rank rows of a period. */
export async function upsertStats(db: Executor, periodId: number, rows: StatsRow[]): Promise<void> {
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    await db.execute(sql`
      insert into distributor_period_stats (period_id, distributor_id, pv, gv, active, rank_position)
      select ${periodId}, d, p, g, a, r
      from unnest(${pgArray(chunk.map((s) => s.distributorId))}::int[], ${pgArray(chunk.map((s) => s.pv))}::bigint[], ${pgArray(chunk.map((s) => s.gv))}::bigint[],
                  ${pgArray(chunk.map((s) => s.active))}::boolean[], ${pgArray(chunk.map((s) => s.rankPosition))}::int[]) as t(d, p, g, a, r)
      order by d
      on conflict (period_id, distributor_id) do update
        set pv = excluded.pv, gv = excluded.gv, active = excluded.active, rank_position = excluded.rank_position`);
  }
}

/**
 * The stats rows of a state: by default one per distributor with any volume
 * (no row means zero); with `all`, every distributor's, zeros included.
 */
export function statsRows(ids: ArrayLike<number>, state: PeriodState, all = false): StatsRow[] {
  const rows: StatsRow[] = [];
  for (let i = 0; i < state.gv.length; i++) {
    if (state.gv[i] === 0 && !all) continue;
    const rank = state.rank[i]!;
    rows.push({ distributorId: ids[i]!, pv: state.pv[i]!, gv: state.gv[i]!, active: state.active[i] === 1, rankPosition: rank < 0 ? null : rank });
  }
  return rows;
}

/** Replaces a period's whole snapshot with a full run's. */
export async function writeAllStats(db: Executor, periodId: number, ids: ArrayLike<number>, state: PeriodState): Promise<void> {
  await db.execute(sql`delete from distributor_period_stats where period_id = ${periodId}`);
  await upsertStats(db, periodId, statsRows(ids, state));
}
