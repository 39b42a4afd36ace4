import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { pgArray, queryRows } from "@/db/rows";
import type { TeamFilter, TeamQuery, TeamSortKey } from "@/lib/validation/team";
import type { TeamContext } from "./context";
import { countFromRollups } from "./generations";
import { topByGv } from "./top-gv";
import { containsPattern, hasActiveAutoship, inDownline, standingSql, zeroStanding, type StandingSql } from "./standing-sql";

export interface DownlineRowDto {
  id: number;
  name: string;
  generation: number;
  sponsorId: number | null;
  sponsorName: string | null;
  /** ISO timestamp. */
  joinedAt: string;
  /** Rank position in the plan, null for none. */
  rank: number | null;
  active: boolean;
  terminated: boolean;
  pv: number;
  gv: number;
  /** Has an autoship that is on (status active): not paused, stopped or cancelled. */
  autoship: boolean;
}

export interface DownlinePageDto {
  rows: DownlineRowDto[];
  /** Rows matching the filters. */
  total: number;
  /** The page actually shown: a page past the end shows the last one. */
  page: number;
  size: number;
}

interface Parts {
  s: StandingSql;
  where: SQL;
  /** The filters need users joined (a name search). */
  needsUsers: boolean;
  /** The filters need the period's stats joined. */
  needsStats: boolean;
}

function parts(ctx: TeamContext, filter: TeamFilter): Parts {
  const s = standingSql(ctx.period?.id ?? null, zeroStanding(ctx.plan));
  const where: SQL[] = [inDownline(ctx.owner.path)];
  if (filter.generation !== undefined) where.push(sql`d.depth = ${ctx.owner.depth + filter.generation}`);
  if (filter.active !== undefined) where.push(filter.active ? s.active : sql`not ${s.active}`);
  if (filter.rank === "none") where.push(sql`${s.rank} is null`);
  else if (filter.rank !== undefined) where.push(sql`${s.rank} = ${filter.rank}`);
  if (filter.q) where.push(sql`u.name ilike ${containsPattern(filter.q)}`);
  return {
    s,
    where: sql.join(where, sql` and `),
    needsUsers: filter.q !== undefined,
    needsStats: filter.active !== undefined || filter.rank !== undefined,
  };
}

function sortKey(key: TeamSortKey, s: StandingSql): SQL {
  switch (key) {
    case "name":
      return sql`u.name`;
    case "generation":
      return sql`d.depth`;
    case "joined":
      return sql`d.joined_at`;
    // No rank sorts below the lowest rank.
    case "rank":
      return sql`coalesce(${s.rank}, -1)`;
    case "pv":
      return s.pv;
    case "gv":
      return s.gv;
  }
}

/** How many downline members match the filters: from the rollups when they can say, else by counting. */
export async function countDownline(db: Database, ctx: TeamContext, filter: TeamFilter): Promise<number> {
  const fromRollups = await countFromRollups(db, ctx, filter);
  if (fromRollups !== null) return fromRollups;
  const p = parts(ctx, filter);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from distributors d
        ${p.needsUsers ? sql`join users u on u.id = d.user_id` : sql``}
        ${p.needsStats ? p.s.join : sql``}
        where ${p.where}`,
  );
  return row?.n ?? 0;
}

interface RawRow {
  id: number;
  name: string;
  depth: number;
  sponsor_id: number | null;
  sponsor_name: string | null;
  joined_at: Date | string;
  rank: number | null;
  active: boolean;
  status: string;
  pv: string | number;
  gv: string | number;
  autoship: boolean;
}

function toDto(ctx: TeamContext, r: RawRow): DownlineRowDto {
  return {
    id: r.id,
    name: r.name,
    generation: r.depth - ctx.owner.depth,
    sponsorId: r.sponsor_id,
    sponsorName: r.sponsor_name,
    joinedAt: new Date(r.joined_at).toISOString(),
    rank: r.rank,
    active: r.active,
    terminated: r.status === "terminated",
    pv: Number(r.pv),
    gv: Number(r.gv),
    autoship: r.autoship,
  };
}

/** Display columns of distributors `d` (names, sponsor, standing), for the rows a window chose. */
function detailColumns(p: Parts): SQL {
  return sql`d.id, u.name, d.depth, d.sponsor_id, su.name as sponsor_name, d.joined_at, d.status,
             ${p.s.rank} as rank, ${p.s.active} as active, ${p.s.pv} as pv, ${p.s.gv} as gv,
             ${hasActiveAutoship()} as autoship`;
}

const detailJoins = (p: Parts): SQL => sql`join users u on u.id = d.user_id
  left join distributors sd on sd.id = d.sponsor_id
  left join users su on su.id = sd.user_id
  ${p.s.join}`;

/**
 * Downline members matching the filters, sorted (ties by id, in the same
 * direction), `limit` rows from `offset`. The first pages by GV come from a
 * best-first walk down the tree (top-gv.ts); otherwise the window is chosen
 * over ids and sort keys only, and names and sponsors are joined for the chosen
 * rows alone.
 */
export async function selectDownline(
  db: Database,
  ctx: TeamContext,
  query: TeamFilter & Pick<TeamQuery, "sort" | "dir">,
  limit: number,
  offset: number,
): Promise<DownlineRowDto[]> {
  const p = parts(ctx, query);
  if (query.sort === "gv" && query.dir === "desc") {
    const ids = await topByGv(db, ctx, query, offset + limit);
    if (ids) {
      const window = ids.slice(offset);
      if (window.length === 0) return [];
      const rows = await queryRows<RawRow>(
        db,
        sql`select ${detailColumns(p)} from distributors d ${detailJoins(p)} where d.id = any(${pgArray(window)}::int[])`,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return window.flatMap((id) => {
        const r = byId.get(id);
        return r ? [toDto(ctx, r)] : [];
      });
    }
  }
  return scanDownline(db, ctx, query, limit, offset);
}

/** The same, always by reading the whole filtered downline (the general path). */
export async function scanDownline(
  db: Database,
  ctx: TeamContext,
  query: TeamFilter & Pick<TeamQuery, "sort" | "dir">,
  limit: number,
  offset: number,
): Promise<DownlineRowDto[]> {
  return (await scanWindow(db, ctx, query, limit, { offset })).map((r) => toDto(ctx, r));
}

/** Where a window starts: `offset` rows in, or just after a row's (sort key, id) (keyset paging). */
type WindowStart = { offset: number } | { after: { key: string; id: number } };

async function scanWindow(
  db: Database,
  ctx: TeamContext,
  query: TeamFilter & Pick<TeamQuery, "sort" | "dir">,
  limit: number,
  start: WindowStart,
): Promise<(RawRow & { sort_key: string })[]> {
  const p = parts(ctx, query);
  const key = sortKey(query.sort, p.s);
  const asc = query.dir === "asc";
  const dir = asc ? sql`asc` : sql`desc`;
  const usersInWindow = p.needsUsers || query.sort === "name";
  // Sort keys are never null (sortKey), so the row comparison never drops a row.
  const after = "after" in start ? sql`and (${key}, d.id) ${asc ? sql`>` : sql`<`} (${start.after.key}, ${start.after.id})` : sql``;
  return queryRows<RawRow & { sort_key: string }>(
    db,
    sql`with win as (
          select d.id, ${key} as k
          from distributors d
          ${usersInWindow ? sql`join users u on u.id = d.user_id` : sql``}
          ${p.s.join}
          where ${p.where} ${after}
          order by k ${dir}, d.id ${dir}
          limit ${limit} ${"offset" in start ? sql`offset ${start.offset}` : sql``}
        )
        select ${detailColumns(p)}, win.k::text as sort_key
        from win join distributors d on d.id = win.id ${detailJoins(p)}
        order by win.k ${dir}, d.id ${dir}`,
  );
}

/**
 * The whole filtered, sorted downline (up to `max` rows), `chunk` rows per
 * query, each chunk starting after the last row of the one before (keyset
 * paging, no offset). For exports: on the embedded database one connection
 * serves everyone, and a single query over a 100k downline would hold it for
 * seconds; between chunks an order gets its turn.
 */
export async function* streamDownline(
  db: Database,
  ctx: TeamContext,
  query: TeamFilter & Pick<TeamQuery, "sort" | "dir">,
  max: number,
  chunk = 2_000,
): AsyncGenerator<DownlineRowDto[]> {
  let start: WindowStart = { offset: 0 };
  for (let read = 0; read < max;) {
    const rows = await scanWindow(db, ctx, query, Math.min(chunk, max - read), start);
    if (rows.length === 0) return;
    read += rows.length;
    yield rows.map((r) => toDto(ctx, r));
    // Let queries that waited meanwhile (an order) take the connection before the next chunk asks for it again.
    await new Promise((resolve) => setImmediate(resolve));
    const last = rows[rows.length - 1]!;
    start = { after: { key: last.sort_key, id: last.id } };
    if (rows.length < chunk) return;
  }
}

/** One page of the downline table; a page past the end shows the last page. */
export async function getDownlinePage(db: Database, ctx: TeamContext, query: TeamQuery): Promise<DownlinePageDto> {
  // Count and page together; only a page past the end (a stale or edited URL) costs a second query.
  const [total, rows] = await Promise.all([countDownline(db, ctx, query), selectDownline(db, ctx, query, query.size, (query.page - 1) * query.size)]);
  const lastPage = Math.max(1, Math.ceil(total / query.size));
  if (query.page <= lastPage) return { rows, total, page: query.page, size: query.size };
  const last = total === 0 ? [] : await selectDownline(db, ctx, query, query.size, (lastPage - 1) * query.size);
  return { rows: last, total, page: lastPage, size: query.size };
}
