import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray, queryRows } from "@/db/rows";
import type { TeamFilter } from "@/lib/validation/team";
import type { TeamContext } from "./context";

// The first pages of the downline by GV, without reading the whole downline.
// GV is monotone down the tree (a member's GV is their PV plus their recruits'
// GV, all non-negative), so the top of any subtree is reached from the top:
// best-first, expanding only members whose GV can still make the cut, reading
// children in GV order from team_child_gv (migration 0006). A 100k downline's
// first page reads a few hundred rows instead of 100,000. Unfiltered, the walk
// runs inside the database (team_top_by_gv): a long leg is one round trip, not
// one per generation. With a generation, activity or rank filter it runs here.

/** Windows (offset + limit) deeper than this read the downline instead. */
export const TOP_GV_MAX_WINDOW = 250;
/** Past this many rows fetched (a rare filter), reading the downline is cheaper. */
const MAX_FETCHED = 5_000;

interface Candidate {
  id: number;
  gv: number;
  matches: boolean;
}

const better = (a: Candidate, b: Candidate) => b.gv - a.gv || b.id - a.id;

/**
 * Ids of the first `need` downline members matching `filter` (no name search)
 * in GV-descending order, ties by id descending: exactly the order of the
 * table's default sort. Null when the walk cannot answer: fewer than `need`
 * matching members have any GV (the rest tie at 0 and sort by id alone), or
 * the filter is so rare that the walk would fetch too much.
 */
export async function topByGv(db: Database, ctx: TeamContext, filter: TeamFilter, need: number): Promise<number[] | null> {
  if (!ctx.period || filter.q !== undefined || need > TOP_GV_MAX_WINDOW || need < 1) return null;
  const periodId = ctx.period.id;
  const unfiltered = filter.generation === undefined && filter.active === undefined && filter.rank === undefined;
  if (unfiltered) {
    const top = await queryRows<{ distributor_id: number }>(db, sql`select distributor_id from team_top_by_gv(${periodId}, ${ctx.owner.id}, ${need})`);
    return top.length === need ? top.map((r) => r.distributor_id) : null;
  }
  const matches = (r: { depth: number; active: boolean; rank: number | null }) =>
    (filter.generation === undefined || r.depth - ctx.owner.depth === filter.generation) &&
    (filter.active === undefined || r.active === filter.active) &&
    (filter.rank === undefined || (filter.rank === "none" ? r.rank === null : r.rank === filter.rank));
  const candidates = new Map<number, Candidate>();
  const expanded = new Set<number>();
  let frontier = [ctx.owner.id];
  let fetched = 0;
  let cut = 1;
  while (frontier.length > 0) {
    for (const id of frontier) expanded.add(id);
    // Per parent, the children with GV >= the cut (non-matching members still lead to matching ones).
    const rows = await queryRows<{ id: number; depth: number; gv: string | number; active: boolean; rank: number | null }>(
      db,
      sql`select c.distributor_id as id, d.depth, c.gv, c.active, c.rank_position as rank
          from unnest(${pgArray(frontier)}::int[]) as f(parent)
          cross join lateral (
            select t.distributor_id, t.gv, t.active, t.rank_position from team_child_gv t
            where t.period_id = ${periodId} and t.sponsor_id = f.parent
              and t.gv >= ${cut}
          ) c
          join distributors d on d.id = c.distributor_id`,
    );
    fetched += rows.length;
    if (fetched > MAX_FETCHED) return null;
    for (const r of rows) candidates.set(r.id, { id: r.id, gv: Number(r.gv), matches: matches(r) });
    const ranked = [...candidates.values()].filter((c) => c.matches).sort(better);
    // Until `need` matches are known, anything with GV may lead to one.
    cut = ranked.length >= need ? ranked[need - 1]!.gv : 1;
    frontier = [];
    for (const c of candidates.values()) if (!expanded.has(c.id) && c.gv >= cut) frontier.push(c.id);
  }
  const ranked = [...candidates.values()].filter((c) => c.matches).sort(better);
  return ranked.length >= need ? ranked.slice(0, need).map((c) => c.id) : null;
}
