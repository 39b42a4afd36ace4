import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { retailSorts, type RetailSort } from "@/lib/admin/retail";
import { parseAsBoundedInt, parseAsPage } from "./list-params";

export interface RetailReportQuery {
  /** A period id, or null for the newest period. */
  periodId: number | null;
  page: number;
  sort: RetailSort;
}

/** The report's URL state: a bad value falls back to its default, never an error. */
export const retailParams = {
  period: parseAsBoundedInt(1, 999_999_999),
  sort: parseAsStringLiteral(retailSorts).withDefault("share-desc").withOptions({ clearOnDefault: true }),
  page: parseAsPage,
};
const loadRetailParams = createLoader(retailParams);
/** "/admin/retail?period=3&sort=name-asc", leaving defaults out. */
export const retailHref = createSerializer(retailParams);

export function parseRetailQuery(params: Record<string, string | string[] | undefined>): RetailReportQuery {
  const p = loadRetailParams(params);
  return { periodId: p.period, page: p.page, sort: p.sort };
}
