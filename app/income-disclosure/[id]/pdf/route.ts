import { renderStatementPdf } from "@/components/compliance/statement-pdf";
import { getCompany } from "@/lib/data/company";
import { getPublicIncomeStatement } from "@/lib/data/income-statements";
import { parseId } from "@/lib/validation/input";

/** A published income disclosure statement as a PDF download; public, like the statement itself. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  const published = id === null ? null : await getPublicIncomeStatement(id);
  if (!published)
    return new Response("No published income disclosure statement has this number.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const pdf = await renderStatementPdf(published, await getCompany());
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="income-disclosure-${published.id}.pdf"`,
      // A published statement never changes.
      "Cache-Control": "public, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
