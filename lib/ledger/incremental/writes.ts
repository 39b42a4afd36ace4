import { sql, type SQL } from "drizzle-orm";
import { updateStatsSql, upsertStatsSql, type StatsRow } from "../stats";

// An incremental update's writes, gathered into as few statements as possible:
// every statement runs under the ledger lock.

/** Stats rows of the chain: an update of those that exist (an upsert would also fire the insert triggers), an insert of the rest. */
export function statsWrites(periodId: number, chain: { has_stats: boolean }[], stats: StatsRow[]): SQL[] {
  const existing = stats.filter((_, i) => chain[i]!.has_stats);
  const missing = stats.filter((_, i) => !chain[i]!.has_stats);
  return [...(existing.length > 0 ? [updateStatsSql(periodId, existing)] : []), ...(missing.length > 0 ? [upsertStatsSql(periodId, missing)] : [])];
}

/** One statement: `writes` as CTEs ahead of `main`. */
export function withWrites(writes: SQL[], main: SQL): SQL {
  if (writes.length === 0) return main;
  return sql`with ${sql.join(
    writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`),
    sql`, `,
  )} ${main}`;
}
