import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicStatement } from "@/components/compliance/public-statement";
import { getCompany } from "@/lib/data/company";
import { getPublicIncomeStatement } from "@/lib/data/income-statements";
import { parseId } from "@/lib/validation/input";

export const metadata: Metadata = { title: "Income disclosure statement" };

/** One published income disclosure statement, public. */
export default async function IncomeDisclosureByIdPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseId((await params).id);
  if (id === null) notFound();
  const [published, company] = await Promise.all([getPublicIncomeStatement(id), getCompany()]);
  if (!published) notFound();
  return <PublicStatement published={published} companyName={company.name} timeZone={company.timeZone} />;
}
