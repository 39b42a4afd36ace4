import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicStatement } from "@/components/compliance/public-statement";
import { getCompanyName } from "@/lib/data/company";
import { getPublicIncomeStatement } from "@/lib/data/income-statements";
import { parseId } from "@/lib/validation/input";

export const metadata: Metadata = { title: "Income disclosure statement" };

/** One published income disclosure statement, public. */
export default async function IncomeDisclosureByIdPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseId((await params).id);
  if (id === null) notFound();
  const [published, companyName] = await Promise.all([getPublicIncomeStatement(id), getCompanyName()]);
  if (!published) notFound();
  return <PublicStatement published={published} companyName={companyName} />;
}
