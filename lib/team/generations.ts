import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/rows";
import type { TeamFilter } from "@/lib/validation/team";
import type { TeamContext, TeamOwner } from "./context";
import { inDownline, standingSql, zeroStanding } from "./standing-sql";

export interface GenerationDto {
  /** 1 = personally enrolled. */
  generation: number;
  members: number;
  /** Active in the current period. */
  activeMembers: number;
  /** PV of the generation's members in the current period. */
  pv: number;
}

// Counts come from the per-generation rollups (migration 0006), a few index
// reads whatever the size of the downline. One case needs the walk: a plan
// where zero PV already counts as active (activeMinPv 0), since members
// without a stats row are active then and the rollup only sees stats rows.

/** Everyone below the owner. */
export async function teamSize(db: Database, owner: Pick<TeamOwner, "id">): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(members), 0)::int as n from team_generation_members where ancestor_id = ${owner.id}`,
  );
  return row?.n ?? 0;
}

/** Members, active members and PV per generation, as deep as the downline goes. */
export async function getGenerations(db: Database, ctx: TeamContext): Promise<GenerationDto[]> {
  if (zeroStanding(ctx.plan).active) return getGenerationsByWalk(db, ctx);
  const rows = await queryRows<{ generation: number; members: number; active: number | null; pv: string | number | null }>(
    db,
    sql`select m.generation, m.members, s.active_members as active, s.pv
        from team_generation_members m
        left join team_generation_stats s on s.period_id = ${ctx.period?.id ?? null} and s.ancestor_id = m.ancestor_id and s.generation = m.generation
        where m.ancestor_id = ${ctx.owner.id}
        order by m.generation`,
  );
  return rows.map((r) => ({ generation: r.generation, members: r.members, activeMembers: r.active ?? 0, pv: Number(r.pv ?? 0) }));
}

/** The same figures by walking the downline: exact for any plan, but proportional to the downline's size. */
export async function getGenerationsByWalk(db: Database, ctx: TeamContext): Promise<GenerationDto[]> {
  const s = standingSql(ctx.period?.id ?? null, zeroStanding(ctx.plan));
  const rows = await queryRows<{ generation: number; members: number; active: number; pv: string | number }>(
    db,
    sql`select d.depth - ${ctx.owner.depth} as generation, count(*)::int as members,
               (count(*) filter (where ${s.active}))::int as active, coalesce(sum(${s.pv}), 0) as pv
        from distributors d ${s.join}
        where ${inDownline(ctx.owner.path)}
        group by d.depth order by d.depth`,
  );
  return rows.map((r) => ({ generation: r.generation, members: r.members, activeMembers: r.active, pv: Number(r.pv) }));
}

/**
 * How many members match a filter of generation and activity alone, from the
 * rollups; null when the filter needs the walk (rank, name, or a plan where
 * zero PV is active).
 */
export async function countFromRollups(db: Database, ctx: TeamContext, filter: TeamFilter): Promise<number | null> {
  if (filter.q !== undefined || filter.rank !== undefined) return null;
  if (filter.active !== undefined && zeroStanding(ctx.plan).active) return null;
  const [row] = await queryRows<{ members: number; active: number }>(
    db,
    sql`select coalesce(sum(m.members), 0)::int as members, coalesce(sum(s.active_members), 0)::int as active
        from team_generation_members m
        left join team_generation_stats s on s.period_id = ${ctx.period?.id ?? null} and s.ancestor_id = m.ancestor_id and s.generation = m.generation
        where m.ancestor_id = ${ctx.owner.id} ${filter.generation === undefined ? sql`` : sql`and m.generation = ${filter.generation}`}`,
  );
  if (!row) return 0;
  return filter.active === undefined ? row.members : filter.active ? row.active : row.members - row.active;
}
