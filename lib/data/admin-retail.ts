import "server-only";
import { getDb } from "@/db/client";
import { getRetailReport, listReportPeriods, retailSorts, type RetailReport, type RetailSort } from "@/lib/admin/retail";
import { requireAdmin } from "@/lib/auth/session";
import { pageNumber } from "@/lib/validation/input";

export interface RetailReportQuery {
  /** A period id, or null for the newest period. */
  periodId: number | null;
  page: number;
  sort: RetailSort;
}

/** The report's query from the URL: a bad value falls back to its default, never an error. */
export function parseRetailQuery(params: Record<string, string | string[] | undefined>): RetailReportQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const period = one(params.period);
  const sort = one(params.sort);
  return {
    periodId: period !== undefined && /^[0-9]{1,9}$/.test(period) ? Number(period) : null,
    page: pageNumber(params.page),
    sort: (retailSorts as readonly string[]).includes(sort ?? "") ? (sort as RetailSort) : "share-desc",
  };
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
