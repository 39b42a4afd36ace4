import { getCompany } from "@/lib/data/company";
import { getMyEarnings } from "@/lib/data/earnings";
import { centsToDecimal, csvRow } from "@/lib/csv";
import { explainEarningsLine } from "@/lib/earnings-text";
import { parseEarningsFilter } from "@/lib/validation/earnings";

const EXPORT_LIMIT = 100_000;

/** The filtered earnings as CSV; getMyEarnings checks the session and scopes to the viewer. */
export async function GET(request: Request): Promise<Response> {
  const filter = parseEarningsFilter(Object.fromEntries(new URL(request.url).searchParams));
  const [data, company] = await Promise.all([getMyEarnings(filter, EXPORT_LIMIT), getCompany()]);
  let body = csvRow([
    "period",
    "status",
    "order_id",
    "order_date",
    "seller",
    "generation",
    "level",
    "rate_bps",
    "kind",
    `amount_${company.currency.toLowerCase()}`,
    "why",
  ]);
  for (const l of data.lines) {
    body += csvRow([
      l.periodStartsOn,
      l.pending ? "pending" : "closed",
      l.orderId,
      l.orderDate,
      l.sellerName,
      l.generation,
      l.level,
      l.rateBps,
      l.kind,
      centsToDecimal(l.amountCents),
      explainEarningsLine(l),
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
