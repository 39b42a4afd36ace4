import "server-only";
import { getDb } from "@/db/client";
import { getRetailReport, listReportPeriods, retailSorts, type RetailReport, type RetailSort } from "@/lib/admin/retail";
import { requireAdmin } from "@/lib/auth/session";
import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { parseAsBoundedInt, parseAsPage } from "@/lib/validation/list-params";

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

export interface RetailReportPage {
  periods: { id: number; startsOn: string; status: "open" | "closed" }[];
  /** Null when there is no period yet, or the one asked for does not exist. */
  report: RetailReport | null;
}

/** The retail-sales report of a period (the newest by default), with the periods to choose from; admins only. */
export async function getAdminRetailReport(query: RetailReportQuery): Promise<RetailReportPage> {
  await requireAdmin();
  const db = await getDb();
  const periods = await listReportPeriods(db);
  const periodId = query.periodId ?? periods[0]?.id;
  const report = periodId === undefined ? null : await getRetailReport(db, periodId, query.page, query.sort);
  return { periods, report };
}
