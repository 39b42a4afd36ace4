import type { Metadata } from "next";
import Link from "next/link";
import { RetailTable } from "@/components/admin/retail-table";
import { ApplyButton, FilterSelect, NoMatches } from "@/components/ui/list-filters";
import type { RetailSort } from "@/lib/admin/retail";
import { requireAdmin } from "@/lib/auth/session";
import { getAdminRetailReport } from "@/lib/data/admin-retail";
import { parseRetailQuery, retailHref } from "@/lib/validation/admin-retail";
import { getCompany } from "@/lib/data/company";
import { formatBps, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Retail sales · Admin" };

/** A share as "45%" from parts (floored to a basis point), "–" without a whole. */
function share(part: number, whole: number): string {
  return whole > 0 ? formatBps(Math.floor((part * 10000) / whole)) : "–";
}

export default async function AdminRetailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const query = parseRetailQuery(await searchParams);
  const [{ periods, report }, company] = await Promise.all([getAdminRetailReport(query), getCompany()]);
  const money = (cents: number) => formatMoney(cents, company.currency);
  const sortLink = (sort: RetailSort, label: string) =>
    query.sort === sort ? (
      <span aria-current="true" className="font-semibold text-slate-900">
        {label}
      </span>
    ) : (
      <Link className="text-brand-700 hover:underline" href={retailHref("/admin/retail", { period: report?.period.id ?? null, sort })}>
        {label}
      </Link>
    );
  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-slate-900">Retail sales</h1>
        <p className="mt-1 text-slate-600">
          Commissionable value from sales to customers (retail orders) against distributors&rsquo; own purchases, for one period, from its paid orders: live for
          an open period, final for a closed one. A retail customer is a distinct customer email on a paid retail order.
        </p>
      </header>
      {periods.length === 0 ? (
        <NoMatches>No period yet: the report starts with the first order.</NoMatches>
      ) : (
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Choose a period">
          <FilterSelect
            label="Period"
            name="period"
            defaultValue={String(report?.period.id ?? "")}
            options={periods.map((p) => ({ value: String(p.id), label: `${formatPeriod(p.startsOn)}${p.status === "open" ? " (open)" : ""}` }))}
          />
          <input type="hidden" name="sort" value={query.sort} />
          <ApplyButton />
        </form>
      )}
      {periods.length > 0 && report === null ? <NoMatches>There is no such period.</NoMatches> : null}
      {report ? (
        <>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="retail-totals">
            {[
              [
                "Retail CV",
                `${money(report.totals.retailCvCents)} (${share(report.totals.retailCvCents, report.totals.retailCvCents + report.totals.personalCvCents)})`,
              ],
              ["Distributors' own CV", money(report.totals.personalCvCents)],
              ["Orders", `${formatNumber(report.totals.retailOrders)} retail, ${formatNumber(report.totals.personalOrders)} own`],
              ["Retail customers", formatNumber(report.totals.retailCustomers)],
              [
                "With a retail customer",
                `${formatNumber(report.totals.withRetailCustomer)} of ${formatNumber(report.totals.enrolled)} distributors (${share(report.totals.withRetailCustomer, report.totals.enrolled)})`,
              ],
              ["Distributors who ordered", formatNumber(report.totals.selling)],
              [
                "Retail rule",
                report.retailMinBps > 0
                  ? `${formatBps(report.retailMinBps)} of PV; ${formatNumber(report.totals.failingRule)} distributor(s) with PV fail it`
                  : "Off in this period's plan",
              ],
              [
                "Retail customer rule",
                report.retailMinCustomers > 0
                  ? `${formatNumber(report.retailMinCustomers)} customer(s); ${formatNumber(report.totals.failingCustomerRule)} distributor(s) who ordered fail it`
                  : "Off in this period's plan",
              ],
            ].map(([label, value]) => (
              <div key={label} className="rounded-xl border border-slate-200 bg-white p-3">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="mt-1 font-semibold text-slate-900 tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">
            <span>Sort:</span>
            {sortLink("share-desc", "Retail share, highest first")}
            {sortLink("share-asc", "Retail share, lowest first")}
            {sortLink("retail-desc", "Retail CV")}
            {sortLink("name", "Name")}
          </p>
          <RetailTable report={report} currency={company.currency} />
        </>
      ) : null}
    </section>
  );
}
