import { notFound } from "next/navigation";
import { payoutsCsv } from "@/lib/admin/payouts";
import { getAdminPayouts } from "@/lib/data/admin-periods";
import { getCompany } from "@/lib/data/company";
import { currencyDigits } from "@/lib/validation/admin-money";

/** The bank file of a closed period: one line per distributor paid. getAdminPayouts refuses non-admins. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [data, company] = await Promise.all([getAdminPayouts(Number(id), { payableOnly: true }), getCompany()]);
  if (!data?.batch) notFound();
  return new Response(payoutsCsv(data.rows, company.currency, currencyDigits(company.currency)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="payouts-${data.period.startsOn.slice(0, 7)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
