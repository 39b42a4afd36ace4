import { getCompany } from "@/lib/data/company";
import { getMyEarningsExport } from "@/lib/data/earnings";
import { centsToDecimal, csvRow } from "@/lib/csv";
import { explainEarningsLine } from "@/lib/earnings-text";
import { parseEarningsFilter } from "@/lib/validation/earnings";

/** The filtered earnings as CSV; getMyEarningsExport checks the session and scopes to the viewer. */
export async function GET(request: Request): Promise<Response> {
  const filter = parseEarningsFilter(Object.fromEntries(new URL(request.url).searchParams));
  const [lines, company] = await Promise.all([getMyEarningsExport(filter), getCompany()]);
  let body = csvRow([
    "period",
    "status",
    "order_id",
    "order_date",
    "seller",
    "generation",
    "level",
    `commissionable_value_${company.currency.toLowerCase()}`,
    "rate_bps",
    "kind",
    `amount_${company.currency.toLowerCase()}`,
    "why",
  ]);
  for (const l of lines) {
    body += csvRow([
      l.periodStartsOn,
      l.pending ? "pending" : "closed",
      l.orderId,
      l.orderDate,
      l.sellerName,
      l.generation,
      l.level,
      centsToDecimal(l.cvCents),
      l.rateBps,
      l.kind,
      centsToDecimal(l.amountCents),
      explainEarningsLine(l, company.currency),
    ]);
  }
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="earnings.csv"`,
      "cache-control": "no-store",
    },
  });
}
