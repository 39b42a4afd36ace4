import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray, queryRows } from "@/db/rows";
import type { TeamContext } from "./context";
import type { DownlineRowDto } from "./downline";
import { teamSize } from "./generations";
import { hasActiveAutoship, inDownline, standingSql, zeroStanding } from "./standing-sql";

export interface MemberCardDto extends DownlineRowDto {
  /** Everyone below this member. */
  teamSize: number;
  directRecruits: number;
  /** From the owner's first-generation member down to this member (inclusive). */
  chain: { id: number; name: string }[];
}

/**
 * One member of the owner's downline, or null: the access rule is in the
 * query, so an id outside the downline (the owner's own included) is simply not found.
 */
export async function getMemberCard(db: Database, ctx: TeamContext, memberId: number): Promise<MemberCardDto | null> {
  const s = standingSql(ctx.period?.id ?? null, zeroStanding(ctx.plan));
  const [row] = await queryRows<{
    id: number;
    name: string;
    depth: number;
    path: string;
    sponsor_id: number | null;
    sponsor_name: string | null;
    joined_at: Date | string;
    status: string;
    rank: number | null;
    active: boolean;
    pv: string | number;
    gv: string | number;
    direct: number;
    autoship: boolean;
  }>(
    db,
    sql`select d.id, u.name, d.depth, d.path, d.sponsor_id, su.name as sponsor_name, d.joined_at, d.status,
               ${s.rank} as rank, ${s.active} as active, ${s.pv} as pv, ${s.gv} as gv,
               (select count(*)::int from distributors c where c.sponsor_id = d.id) as direct, ${hasActiveAutoship()} as autoship
        from distributors d
        join users u on u.id = d.user_id
        left join distributors sd on sd.id = d.sponsor_id
        left join users su on su.id = sd.user_id
        ${s.join}
        where d.id = ${memberId} and ${inDownline(ctx.owner.path)}`,
  );
  if (!row) return null;
  const chainIds = row.path
    .split(".")
    .map(Number)
    .slice(ctx.owner.depth + 1);
  const names = await queryRows<{ id: number; name: string }>(
    db,
    sql`select d.id, u.name from distributors d join users u on u.id = d.user_id where d.id = any(${pgArray(chainIds)}::int[])`,
  );
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return {
    id: row.id,
    name: row.name,
    generation: row.depth - ctx.owner.depth,
    sponsorId: row.sponsor_id,
    sponsorName: row.sponsor_name,
    joinedAt: new Date(row.joined_at).toISOString(),
    rank: row.rank,
    active: row.active,
    terminated: row.status === "terminated",
    pv: Number(row.pv),
    gv: Number(row.gv),
    autoship: row.autoship,
    teamSize: await teamSize(db, { id: row.id }),
    directRecruits: row.direct,
    chain: chainIds.map((id) => ({ id, name: nameOf.get(id) ?? `#${id}` })),
  };
}
