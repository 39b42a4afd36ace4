import "server-only";
import { getDb } from "@/db/client";
import { getRetailReport, listReportPeriods, type RetailReport } from "@/lib/admin/retail";
import { requireAdmin } from "@/lib/auth/session";
import type { RetailReportQuery } from "@/lib/validation/admin-retail";

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
