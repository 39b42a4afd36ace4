import type { Metadata } from "next";
import Link from "next/link";
import { withParams } from "@/components/admin/admin-query";
import { Pager } from "@/components/admin/pager";
import { ApplyButton, FilterSelect, NoMatches } from "@/components/ui/list-filters";
import type { RetailSort } from "@/lib/admin/retail";
import { requireAdmin } from "@/lib/auth/session";
import { getAdminRetailReport, parseRetailQuery } from "@/lib/data/admin-retail";
import { getCompany } from "@/lib/data/company";
import { formatBps, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Retail sales · Admin" };

const head = "px-3 py-2 font-medium";
// Below md the table keeps the distributor, the retail share and the customers.
const wide = "hidden md:table-cell";

/** A share as "45%" from parts (floored to a basis point), "–" without a whole. */
function share(part: number, whole: number): string {
  return whole > 0 ? formatBps(Math.floor((part * 10000) / whole)) : "–";
}

export default async function AdminRetailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const query = parseRetailQuery(await searchParams);
  const [{ periods, report }, company] = await Promise.all([getAdminRetailReport(query), getCompany()]);
  const money = (cents: number) => formatMoney(cents, company.currency);
  const params = { period: report?.period.id, sort: query.sort };
  const sortLink = (sort: RetailSort, label: string) =>
    query.sort === sort ? (
      <span aria-current="true" className="font-semibold text-slate-900">
        {label}
      </span>
    ) : (
      <Link className="text-brand-700 hover:underline" href={withParams("/admin/retail", params, { sort, page: undefined })}>
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
          {report.rows.length === 0 ? (
            <NoMatches>No paid orders in this period.</NoMatches>
          ) : (
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Retail sales by distributor">
              <table className="w-full text-sm">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className={head}>
                      Distributor
                    </th>
                    <th scope="col" className={`${head} text-right`}>
                      Retail share of CV
                    </th>
                    <th scope="col" className={`${head} text-right ${wide}`}>
                      Retail CV
                    </th>
                    <th scope="col" className={`${head} text-right ${wide}`}>
                      Own CV
                    </th>
                    <th scope="col" className={`${head} text-right ${wide}`}>
                      Retail PV of PV
                    </th>
                    <th scope="col" className={`${head} text-right`}>
                      Customers
                    </th>
                    {report.retailMinBps > 0 ? (
                      <th scope="col" className={`${head} ${wide}`}>
                        Retail rule
                      </th>
                    ) : null}
                    {report.retailMinCustomers > 0 ? (
                      <th scope="col" className={`${head} ${wide}`}>
                        Customer rule
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.rows.map((r) => (
                    <tr key={r.distributorId}>
                      <td className="px-3 py-2">
                        {r.name} <span className="text-slate-500">#{r.distributorId}</span>
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.retailShareBps === null ? "–" : formatBps(r.retailShareBps)}</td>
                      <td className={`px-3 py-2 text-right tabular-nums ${wide}`}>{money(r.retailCvCents)}</td>
                      <td className={`px-3 py-2 text-right tabular-nums ${wide}`}>{money(r.personalCvCents)}</td>
                      <td className={`px-3 py-2 text-right tabular-nums ${wide}`}>
                        {formatNumber(r.retailPv)} of {formatNumber(r.pv)}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{formatNumber(r.retailCustomers)}</td>
                      {report.retailMinBps > 0 ? <td className={`px-3 py-2 ${wide}`}>{r.meetsRule ? "Met" : "Not met"}</td> : null}
                      {report.retailMinCustomers > 0 ? (
                        <td className={`px-3 py-2 ${wide}`}>
                          {r.meetsCustomerRule ? "Met" : "Not met"} ({formatNumber(r.retailCustomers)} of {formatNumber(report.retailMinCustomers)})
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager path="/admin/retail" params={params} page={report.page} pageSize={report.pageSize} total={report.rowCount} label="Retail sales" />
        </>
      ) : null}
    </section>
  );
}
