import type { Metadata } from "next";
import Link from "next/link";
import { agreementSections, agreementTitle, agreementVersion } from "@/lib/agreement";
import { getLatestIncomeStatementId } from "@/lib/data/income-statements";

export const metadata: Metadata = { title: agreementTitle };

/** The distributor agreement, public, with the version a signup records. */
export default async function AgreementPage() {
  const incomeStatementId = await getLatestIncomeStatementId();
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-8 sm:py-12">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Lineage</p>
      <h1 className="mt-1 text-2xl font-bold text-slate-900 sm:text-3xl">{agreementTitle}</h1>
      <p className="mt-2 text-sm text-slate-600">
        Version <span data-testid="agreement-version">{agreementVersion}</span>. This is the text you accept when you join.
      </p>
      <div className="mt-8 space-y-6">
        {agreementSections.map((section) => (
          <section key={section.heading}>
            <h2 className="text-lg font-semibold text-slate-900">{section.heading}</h2>
            {section.paragraphs.map((p) => (
              <p key={p} className="mt-2 leading-relaxed text-slate-700">
                {p}
              </p>
            ))}
          </section>
        ))}
      </div>
      {incomeStatementId !== null ? (
        <p className="mt-10">
          <Link href="/income-disclosure" className="font-medium text-brand-800 underline" data-testid="income-disclosure-link">
            What do distributors really earn?
          </Link>{" "}
          <span className="text-slate-600">Our income disclosure statement: everyone’s earnings, including those who earned nothing.</span>
        </p>
      ) : null}
      <p className={incomeStatementId !== null ? "mt-4" : "mt-10"}>
        <Link href="/join" className="font-medium text-brand-800 underline">
          Join as a distributor
        </Link>
      </p>
    </main>
  );
}
