import Link from "next/link";
import type { PublishedStatement } from "@/lib/compliance/published";
import { formatDateTime } from "@/lib/format";
import { IncomeStatementView, statementRangeLabel } from "./income-statement-view";

/** A published statement as the public reads it: title, when it was generated, the figures, the PDF and the checksum. */
export function PublicStatement({ published, companyName, timeZone }: { published: PublishedStatement; companyName: string; timeZone: string }) {
  const s = published.statement;
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8 sm:py-12">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{companyName}</p>
      <h1 className="mt-1 text-2xl font-bold text-slate-900 sm:text-3xl">What do distributors really earn?</h1>
      <p className="mt-2 text-slate-700">
        Income disclosure statement for {statementRangeLabel(s)}, generated from the company’s commission ledger on{" "}
        <time dateTime={published.generatedAt}>{formatDateTime(published.generatedAt, timeZone)}</time>. Nothing in it was typed in by hand.
      </p>
      <p className="mt-3">
        <a href={`/income-disclosure/${published.id}/pdf`} className="font-medium text-brand-800 underline" download>
          Download as PDF
        </a>
      </p>
      <div className="mt-8">
        <IncomeStatementView statement={s} />
      </div>
      <p className="mt-8 text-sm break-words text-slate-600">
        Statement #{published.id}. SHA-256 of its inputs (per distributor: enrolment date, rank, activity, earnings and own purchases):{" "}
        <span className="font-mono break-all">{published.inputsSha256}</span>
      </p>
      <p className="mt-6">
        <Link href="/join" className="font-medium text-brand-800 underline">
          Join as a distributor
        </Link>
      </p>
    </main>
  );
}
