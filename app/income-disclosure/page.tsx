import type { Metadata } from "next";
import { PublicStatement } from "@/components/compliance/public-statement";
import { getCompany } from "@/lib/data/company";
import { getPublicIncomeStatement } from "@/lib/data/income-statements";

export const metadata: Metadata = { title: "Income disclosure statement" };

/** The latest published income disclosure statement, public. */
export default async function IncomeDisclosurePage() {
  const [published, company] = await Promise.all([getPublicIncomeStatement(null), getCompany()]);
  if (!published) {
    return (
      <main id="main" className="mx-auto max-w-2xl px-4 py-8 sm:py-12">
        <h1 className="text-2xl font-bold text-slate-900">Income disclosure statement</h1>
        <p className="mt-2 text-slate-700">{company.name} has not published an income disclosure statement yet.</p>
      </main>
    );
  }
  return <PublicStatement published={published} companyName={company.name} timeZone={company.timeZone} />;
}
