import type { Metadata } from "next";
import { EarningsFilters, EarningsLines, EarningsPeriods, EarningsTotals } from "@/components/earnings/earnings-view";
import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/data/company";
import { getMyEarnings } from "@/lib/data/earnings";
import { parseEarningsFilter, parseEarningsPage } from "@/lib/validation/earnings";

export const metadata: Metadata = { title: "Earnings" };

export default async function EarningsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { timeZone } = await requireUser();
  const params = await searchParams;
  const filter = parseEarningsFilter(params);
  const [data, company] = await Promise.all([getMyEarnings(filter, parseEarningsPage(params)), getCompany()]);
  const maxLevel = Math.max(6, ...data.byLevel.map((l) => l.level));
  const updating = data.periods.some((p) => p.updating);
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Earnings</h1>
        <p className="mt-1 text-slate-600">
          Every commission line you earned, by period, and why it is that amount: the rate times the order&rsquo;s commissionable value (CV).
        </p>
      </header>
      {updating ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Updating: a change high in the tree is being applied to every affected commission. Figures settle in a moment.
        </p>
      ) : null}
      <EarningsFilters filter={filter} periods={data.periods} maxLevel={maxLevel} />
      <EarningsTotals data={data} currency={company.currency} />
      <EarningsPeriods data={data} filter={filter} currency={company.currency} />
      <EarningsLines data={data} filter={filter} currency={company.currency} timeZone={timeZone} />
    </section>
  );
}
