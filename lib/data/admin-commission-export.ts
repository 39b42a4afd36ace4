import "server-only";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/session";
import { commissionExportResponse, commissionExportText, getExportPeriod } from "@/lib/compliance/commission-lines";
import { currencyDigits } from "@/lib/validation/admin-money";
import { getCompany } from "./company";

/** Every commission line of a period as a streamed CSV or JSON download; admins only (others get a 404). Null: no such period. */
export async function exportPeriodCommissionLines(periodId: number, format: "csv" | "json"): Promise<Response | null> {
  await requireAdmin();
  const db = await getDb();
  const [period, company] = await Promise.all([getExportPeriod(db, periodId), getCompany()]);
  if (!period) return null;
  const pieces = commissionExportText(db, period, format, { currency: company.currency, digits: currencyDigits(company.currency) });
  // An open period's lines still change with every order, and it is read in chunks: the file says it is not final.
  const name = `commission-lines-${period.startsOn.slice(0, 7)}${period.status === "open" ? "-open-not-final" : ""}.${format}`;
  return commissionExportResponse(pieces, name, format);
}
