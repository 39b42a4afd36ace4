import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { parseAsBoundedInt, parseAsPage } from "./list-params";

/** Earnings filters and page from the URL (nuqs parsers); anything malformed is simply ignored. */
export const earningsParams = {
  period: parseAsBoundedInt(1, 999_999_999),
  level: parseAsBoundedInt(0, 50),
  state: parseAsStringLiteral(["pending", "closed"] as const),
  page: parseAsPage,
};
const loadEarningsParams = createLoader(earningsParams);
const serializeEarnings = createSerializer(earningsParams);

export interface EarningsFilter {
  period?: number;
  level?: number;
  state?: "pending" | "closed";
}

export function parseEarningsFilter(params: Record<string, string | string[] | undefined>): EarningsFilter {
  const p = loadEarningsParams(params);
  const filter: EarningsFilter = {};
  if (p.period !== null) filter.period = p.period;
  if (p.level !== null) filter.level = p.level;
  if (p.state !== null) filter.state = p.state;
  return filter;
}

/** The page of /dashboard/earnings (`?page=`); anything malformed is the first page. */
export function parseEarningsPage(params: Record<string, string | string[] | undefined>): number {
  return loadEarningsParams(params).page;
}

/** "?period=3&page=2", or "" for the defaults. */
export function earningsQuery(filter: EarningsFilter, page = 1): string {
  return serializeEarnings({ ...filter, page });
}
