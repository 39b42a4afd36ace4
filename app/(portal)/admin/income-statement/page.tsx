import type { Metadata } from "next";
import Link from "next/link";
import { PublishStatementForm } from "@/components/admin/publish-statement-form";
import { IncomeStatementView, statementRangeLabel } from "@/components/compliance/income-statement-view";
import { ApplyButton, FilterSelect, NoMatches } from "@/components/ui/list-filters";
import { publishIncomeStatementAsAdmin } from "@/lib/actions/admin/publish-income-statement";
import { requireAdmin } from "@/lib/auth/session";
import { getIncomeStatementAdminView } from "@/lib/data/income-statements";
import { formatBps, formatDateTime, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Income disclosure · Admin" };

export default async function AdminIncomeStatementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { timeZone } = await requireAdmin();
  const view = await getIncomeStatementAdminView(await searchParams);
  const options = view.closed.map((p) => ({ value: String(p.id), label: formatPeriod(p.startsOn) }));
  const s = view.preview;
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Income disclosure statement</h1>
        <p className="mt-1 text-slate-600">
          What every distributor earned over a range of closed periods, computed from the ledger. Preview it, then publish it: prospects see the latest
          published statement from the join pages and the agreement.
        </p>
      </header>
      {view.range ? (
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Choose the statement's periods">
          <FilterSelect label="First period" name="from" defaultValue={String(view.range.fromPeriodId)} options={options} />
          <FilterSelect label="Last period" name="to" defaultValue={String(view.range.toPeriodId)} options={options} />
          <ApplyButton />
        </form>
      ) : null}
      {view.problem ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="statement-problem">
          {view.problem}
        </p>
      ) : null}
      {s && view.range ? (
        <div className="space-y-6 rounded-xl border border-slate-200 bg-slate-50/50 p-4" data-testid="statement-preview">
          <h2 className="text-xl font-semibold text-slate-900">Preview: {statementRangeLabel(s)}</h2>
          <IncomeStatementView statement={s} />
          <div className="border-t border-slate-200 pt-4">
            <PublishStatementForm action={publishIncomeStatementAsAdmin} fromPeriodId={view.range.fromPeriodId} toPeriodId={view.range.toPeriodId}>
              <p>
                The statement for {statementRangeLabel(s)} becomes public as it stands now: {formatNumber(s.population.total)} distributors,{" "}
                {formatBps(s.everyone.zeroBps)} of whom earned nothing, {formatMoney(s.everyone.totalCents, s.currency)} paid in total.
              </p>
              <p>Anyone can read it and download it as a PDF; the join pages and the agreement link to the latest published statement.</p>
              <p>A published statement is frozen: it cannot be edited or withdrawn, and later periods do not change it. To correct it, publish a new one.</p>
            </PublishStatementForm>
          </div>
        </div>
      ) : null}
      <section className="space-y-3">
        <h2 className="text-xl font-semibold text-slate-900">Published statements</h2>
        {view.published.length === 0 ? (
          <NoMatches>Nothing published yet.</NoMatches>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="published-statements">
            {view.published.map((p) => (
              <li key={p.id} className="space-y-1 px-4 py-3 text-sm">
                <p className="flex flex-wrap items-baseline gap-x-3">
                  <Link href={`/income-disclosure/${p.id}`} className="font-semibold text-brand-700 hover:underline">
                    #{p.id}: {statementRangeLabel(p)}
                  </Link>
                  <span className="text-slate-600">{formatNumber(p.population)} distributors</span>
                </p>
                <p className="text-slate-500">
                  Generated <time dateTime={p.generatedAt}>{formatDateTime(p.generatedAt, timeZone)}</time>
                  {p.publishedByName ? ` by ${p.publishedByName}` : ""} · inputs SHA-256 <span className="font-mono break-all">{p.inputsSha256}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
