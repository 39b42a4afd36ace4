import { createLoader, createParser, parseAsStringLiteral } from "nuqs/server";
import { parseAsBoundedInt, parseAsDir, parseAsPage, parseAsPageSize, parseAsSearch, type SortDir } from "./list-params";

// The team table's state lives in the URL (shareable, back-button safe). Anything
// malformed falls back to its default: a hand-edited URL never makes a 500.

export const teamSortKeys = ["name", "generation", "joined", "rank", "pv", "gv"] as const;
export type TeamSortKey = (typeof teamSortKeys)[number];
export type { SortDir };

export const teamPageSizes = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
/** Deepest generation a URL may ask for (real legs run a few hundred deep at most). */
export const MAX_GENERATION = 10_000;
export const MAX_SEARCH_LENGTH = 80;

/** The first click on a column sorts it the way people usually want: numbers and dates biggest first. */
export const defaultDirFor: Record<TeamSortKey, SortDir> = {
  name: "asc",
  generation: "asc",
  joined: "desc",
  rank: "desc",
  pv: "desc",
  gv: "desc",
};

export const DEFAULT_SORT: TeamSortKey = "gv";

export interface TeamFilter {
  /** Name contains (case-insensitive). */
  q?: string;
  generation?: number;
  active?: boolean;
  /** A rank position of the plan, or "none" for members without a rank. */
  rank?: number | "none";
}

export interface TeamQuery extends TeamFilter {
  sort: TeamSortKey;
  dir: SortDir;
  /** 1-based. */
  page: number;
  size: number;
}

type Params = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v) || undefined;

/** The team list's URL state, one nuqs parser per parameter (lib/validation/list-params.ts). */
export const teamFilterParams = {
  q: parseAsSearch(MAX_SEARCH_LENGTH),
  gen: parseAsBoundedInt(1, MAX_GENERATION),
  active: parseAsStringLiteral(["yes", "no"] as const),
  rank: createParser<number | "none">({
    parse: (v) => (v === "none" ? "none" : /^[0-9]{1,4}$/.test(v) && Number(v) <= 1_000 ? Number(v) : null),
    serialize: String,
  }),
};
export const teamParams = {
  ...teamFilterParams,
  sort: parseAsStringLiteral(teamSortKeys),
  dir: parseAsDir,
  page: parseAsPage,
  size: parseAsPageSize(teamPageSizes, DEFAULT_PAGE_SIZE),
};
const loadTeamFilter = createLoader(teamFilterParams);
const loadTeamParams = createLoader(teamParams);

/** Filters only (the CSV export and the table share them). */
export function parseTeamFilter(params: Params): TeamFilter {
  const f = loadTeamFilter(params);
  const filter: TeamFilter = {};
  if (f.q !== null) filter.q = f.q;
  if (f.gen !== null) filter.generation = f.gen;
  if (f.active !== null) filter.active = f.active === "yes";
  if (f.rank !== null) filter.rank = f.rank;
  return filter;
}

export function parseTeamQuery(params: Params): TeamQuery {
  const q = loadTeamParams(params);
  const sort = q.sort ?? DEFAULT_SORT;
  return { ...parseTeamFilter(params), sort, dir: q.dir ?? defaultDirFor[sort], page: q.page, size: q.size };
}

/** URL search params for a query, leaving defaults out so URLs stay short and canonical. */
export function teamSearchParams(query: Partial<TeamQuery>): URLSearchParams {
  const p = new URLSearchParams();
  if (query.q) p.set("q", query.q);
  if (query.generation !== undefined) p.set("gen", String(query.generation));
  if (query.active !== undefined) p.set("active", query.active ? "yes" : "no");
  if (query.rank !== undefined) p.set("rank", String(query.rank));
  const sort = query.sort ?? DEFAULT_SORT;
  if (sort !== DEFAULT_SORT) p.set("sort", sort);
  if (query.dir !== undefined && query.dir !== defaultDirFor[sort]) p.set("dir", query.dir);
  if (query.page !== undefined && query.page > 1) p.set("page", String(query.page));
  if (query.size !== undefined && query.size !== DEFAULT_PAGE_SIZE) p.set("size", String(query.size));
  return p;
}

/** "?gen=2&sort=name" or "" for the defaults. */
export function teamQueryString(query: Partial<TeamQuery>): string {
  const s = teamSearchParams(query).toString();
  return s ? `?${s}` : "";
}

/** Only the filters of a query: what the CSV export needs. */
export function filterOf(query: TeamFilter): TeamFilter {
  const { q, generation, active, rank } = query;
  return { q, generation, active, rank };
}

/** A distributor id from a URL segment or parameter; null when it is not a plain positive integer. */
export function parseDistributorId(raw: string | string[] | undefined): number | null {
  const value = first(raw);
  if (value === undefined || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= 2_147_483_647 ? n : null;
}

/**
 * The `as` parameter of the tree's JSON endpoints (an admin's read-only view of
 * another distributor): absent -> undefined (the viewer's own team); malformed -> null.
 */
export function parseAsParam(raw: string | null): number | undefined | null {
  return raw === null ? undefined : parseDistributorId(raw);
}
