import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MarkPaidForm } from "@/components/admin/payout-actions";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { StatusBadge } from "@/components/ui/status-badge";
import { markPayoutsPaidAsAdmin } from "@/lib/actions/admin/mark-payouts-paid";
import { requireAdmin } from "@/lib/auth/session";
import { getAdminPayouts } from "@/lib/data/admin-periods";
import { getCompany } from "@/lib/data/company";
import { formatDateTime, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Payouts · Admin" };

const SHOWN = 500;

export default async function PayoutsPage({ params }: { params: Promise<{ id: string }> }) {
  const { timeZone } = await requireAdmin();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [data, company] = await Promise.all([getAdminPayouts(Number(id), { limit: SHOWN }), getCompany()]);
  if (!data) notFound();
  const money = (c: number) => formatMoney(c, company.currency);
  const { period, batch, rows } = data;
  return (
    <section className="space-y-6">
      <Link href="/admin/periods" className="text-sm font-medium text-brand-700 hover:underline">
        ← Periods
      </Link>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Payouts: {formatPeriod(period.startsOn)}</h1>
        {batch ? batch.status === "paid" ? <StatusBadge tone="green">Paid</StatusBadge> : <StatusBadge tone="amber">Not paid yet</StatusBadge> : null}
      </header>
      {!batch ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          This period is open: its payouts are made when it closes.
        </p>
      ) : (
        <>
          <p className="text-slate-600">
            Each distributor is paid what the period earned (commissions, less clawbacks posted to it) plus any negative balance carried from earlier periods. A
            negative result is carried forward to the next period, never paid.
          </p>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="payout-totals">
            <div>
              <dt className="text-slate-500">To pay</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid="payout-total">
                {money(batch.payableCents)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Distributors paid</dt>
              <dd className="text-lg font-semibold tabular-nums">{formatNumber(batch.distributors)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Earned in the period</dt>
              <dd className="text-lg font-semibold tabular-nums">{money(batch.earnedCents)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Carried forward</dt>
              <dd className="text-lg font-semibold tabular-nums">{money(batch.carriedOutCents)}</dd>
            </div>
          </dl>
          <div className="flex flex-wrap items-start gap-6 rounded-xl border border-slate-200 bg-white p-4">
            <a
              href={`/admin/periods/${period.id}/payouts/export`}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100"
              download
            >
              Download the bank file (CSV)
            </a>
            <MarkPaidForm
              action={markPayoutsPaidAsAdmin}
              periodId={period.id}
              label={`Mark ${formatPeriod(period.startsOn)} paid`}
              total={money(batch.payableCents)}
              distributors={batch.distributors}
              paidNote={
                batch.status === "paid"
                  ? `Marked paid${batch.paidAt ? ` ${formatDateTime(batch.paidAt, timeZone)}` : ""}${batch.paidBy ? ` by ${batch.paidBy}` : ""}.`
                  : null
              }
            />
          </div>
          {rows.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">Nobody earned anything in this period.</p>
          ) : (
            <ScrollRegion label="Payouts">
              <table className="w-full text-sm" data-testid="payouts-table">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Distributor
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Code
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Earned
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Carried in
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      To pay
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Carried forward
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((r) => (
                    <tr key={r.distributorId} data-testid={`payout-${r.code}`}>
                      <td className="px-3 py-2">{r.name}</td>
                      <td className="px-3 py-2 font-mono text-xs">{r.code}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{money(r.earnedCents)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.carriedInCents === 0 ? "–" : money(r.carriedInCents)}</td>
                      <td className="px-3 py-2 text-right font-semibold tabular-nums">{money(r.payableCents)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.carriedOutCents === 0 ? "–" : money(r.carriedOutCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rows.length === SHOWN ? (
                <p className="px-3 py-2 text-sm text-slate-600">The first {SHOWN} lines are shown; the bank file has every payment.</p>
              ) : null}
            </ScrollRegion>
          )}
        </>
      )}
    </section>
  );
}
