import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray, queryRows } from "@/db/rows";
import type { TeamContext } from "./context";
import { containsPattern, hasActiveAutoship, inDownline, standingSql, zeroStanding } from "./standing-sql";

/** Children listed per request; the rest come with "show more". */
export const TREE_PAGE = 50;
/** Parents one request may expand at once ("expand the next generation"). */
export const TREE_MAX_PARENTS = 100;

export interface TreeNodeDto {
  id: number;
  name: string;
  generation: number;
  rank: number | null;
  active: boolean;
  terminated: boolean;
  pv: number;
  gv: number;
  /** Direct recruits: 0 means a leaf. */
  childCount: number;
  /** Has an autoship that is on (status active). */
  autoship: boolean;
}

export interface TreeChildrenDto {
  parentId: number;
  /** Highest GV first (ties by id, descending). */
  nodes: TreeNodeDto[];
  /** All children of the parent. */
  total: number;
  /** Position of the first node in the parent's full list. */
  offset: number;
}

interface RawNode {
  id: number;
  sponsor_id: number;
  name: string;
  depth: number;
  status: string;
  rank: number | null;
  active: boolean;
  pv: string | number;
  gv: string | number;
  child_count: number;
  autoship: boolean;
}

/**
 * Children of several parents at once, each parent's `limit` from `offset` in
 * GV order (ties by id, descending, as the team table), plus any `include`d
 * child wherever it ranks (to reveal a member). Parents outside the owner's
 * tree (the owner and their downline) get nothing: the access rule is in the
 * query. A page is read from team_child_gv in GV order, so a sponsor with
 * 20,000 recruits costs a page, not 20,000 rows; children without GV follow.
 */
export async function listChildren(
  db: Database,
  ctx: TeamContext,
  parentIds: number[],
  opts: { offset?: number; limit?: number; include?: number[] } = {},
): Promise<TreeChildrenDto[]> {
  const parents = [...new Set(parentIds)].slice(0, TREE_MAX_PARENTS);
  if (parents.length === 0) return [];
  const offset = Math.max(0, opts.offset ?? 0);
  const limit = Math.min(Math.max(1, opts.limit ?? TREE_PAGE), 500);
  const include = opts.include ?? [];
  const scopeRows = await queryRows<{ id: number }>(
    db,
    sql`select p.id from distributors p
        where p.id = any(${pgArray(parents)}::int[]) and (p.id = ${ctx.owner.id} or ${inDownline(ctx.owner.path, sql`p`)})`,
  );
  if (scopeRows.length === 0) return [];
  const scope = pgArray(scopeRows.map((r) => r.id));
  const periodId = ctx.period?.id ?? null;
  const window = offset + limit;
  const [totals, ranked] = await Promise.all([
    queryRows<{ parent: number; total: number }>(
      db,
      sql`select sponsor_id as parent, count(*)::int as total from distributors where sponsor_id = any(${scope}::int[]) group by sponsor_id`,
    ),
    queryRows<{ parent: number; id: number; rn: number }>(
      db,
      sql`select s.parent, k.id, (row_number() over (partition by s.parent order by k.gv desc, k.id desc))::int as rn
          from unnest(${scope}::int[]) as s(parent)
          cross join lateral (
            select u.id, u.gv from (
              (select t.distributor_id as id, t.gv from team_child_gv t
               where t.period_id = ${periodId} and t.sponsor_id = s.parent
               order by t.gv desc, t.distributor_id desc limit ${window})
              union all
              (select d.id, 0::bigint from distributors d
               where d.sponsor_id = s.parent
                 -- Only when the children with GV do not fill the window.
                 and (select count(*) from (select 1 from team_child_gv t where t.period_id = ${periodId} and t.sponsor_id = s.parent limit ${window}) w) < ${window}
                 and not exists (select 1 from team_child_gv t where t.period_id = ${periodId} and t.distributor_id = d.id)
               order by d.id desc limit ${window})
            ) u
            order by u.gv desc, u.id desc limit ${window}
          ) k`,
    ),
  ]);
  const picked = ranked.filter((r) => r.rn > offset);
  const pickedIds = new Set(picked.map((r) => r.id));
  const extra = include.filter((id) => !pickedIds.has(id));
  const ids = [...pickedIds, ...extra];
  const s = standingSql(periodId, zeroStanding(ctx.plan));
  const rows =
    ids.length === 0
      ? []
      : await queryRows<RawNode>(
          db,
          sql`select d.id, d.sponsor_id, d.depth, d.status, u.name, ${s.rank} as rank, ${s.active} as active, ${s.pv} as pv, ${s.gv} as gv,
                     (select count(*)::int from distributors c where c.sponsor_id = d.id) as child_count, ${hasActiveAutoship()} as autoship
              from distributors d join users u on u.id = d.user_id ${s.join}
              where d.id = any(${pgArray(ids)}::int[]) and d.sponsor_id = any(${scope}::int[])`,
        );
  const rankOf = new Map(picked.map((r) => [r.id, r.rn]));
  const totalOf = new Map(totals.map((t) => [t.parent, t.total]));
  return scopeRows.map(({ id }) => {
    const last = Number.MAX_SAFE_INTEGER;
    const mine = rows.filter((r) => r.sponsor_id === id).sort((a, b) => (rankOf.get(a.id) ?? last) - (rankOf.get(b.id) ?? last));
    return {
      parentId: id,
      nodes: mine.map((r) => ({
        id: r.id,
        name: r.name,
        generation: r.depth - ctx.owner.depth,
        rank: r.rank,
        active: r.active,
        terminated: r.status === "terminated",
        pv: Number(r.pv),
        gv: Number(r.gv),
        childCount: r.child_count,
        autoship: r.autoship,
      })),
      total: totalOf.get(id) ?? 0,
      offset,
    };
  });
}

export interface TeamSearchHitDto {
  id: number;
  name: string;
  generation: number;
  sponsorName: string | null;
}

/** Downline members whose name contains `q`: names starting with it first, then nearest generations. */
export async function searchTeam(db: Database, ctx: TeamContext, q: string, limit = 10): Promise<TeamSearchHitDto[]> {
  const text = q.trim();
  if (text === "") return [];
  const rows = await queryRows<{ id: number; name: string; depth: number; sponsor_name: string | null }>(
    db,
    sql`select d.id, u.name, d.depth, su.name as sponsor_name
        from distributors d join users u on u.id = d.user_id
        left join distributors sd on sd.id = d.sponsor_id left join users su on su.id = sd.user_id
        where ${inDownline(ctx.owner.path)} and u.name ilike ${containsPattern(text)}
        order by (u.name ilike ${`${containsPattern(text).slice(1)}`}) desc, d.depth, u.name, d.id
        limit ${Math.min(Math.max(1, limit), 50)}`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, generation: r.depth - ctx.owner.depth, sponsorName: r.sponsor_name }));
}

export interface RevealDto {
  /** Ids from the owner's first-generation member down to the member. */
  chain: number[];
  /** Children of the owner and of every chain member above the target, each including the next chain member. */
  levels: TreeChildrenDto[];
}

/** What the tree must load to show `memberId` expanded from the owner down; null outside the downline. */
export async function revealMember(db: Database, ctx: TeamContext, memberId: number): Promise<RevealDto | null> {
  const [row] = await queryRows<{ path: string }>(db, sql`select d.path from distributors d where d.id = ${memberId} and ${inDownline(ctx.owner.path)}`);
  if (!row) return null;
  const chain = row.path
    .split(".")
    .map(Number)
    .slice(ctx.owner.depth + 1);
  const parents = [ctx.owner.id, ...chain.slice(0, -1)];
  // A chain deeper than one request's parents is loaded in slices.
  const levels: TreeChildrenDto[] = [];
  for (let i = 0; i < parents.length; i += TREE_MAX_PARENTS) {
    levels.push(...(await listChildren(db, ctx, parents.slice(i, i + TREE_MAX_PARENTS), { include: chain })));
  }
  const order = new Map(parents.map((id, i) => [id, i]));
  levels.sort((a, b) => (order.get(a.parentId) ?? 0) - (order.get(b.parentId) ?? 0));
  return { chain, levels };
}
