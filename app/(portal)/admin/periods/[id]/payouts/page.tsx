import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MarkPaidForm } from "@/components/admin/payout-actions";
import { PayoutsTable } from "@/components/admin/payouts-table";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { markPayoutsPaidAsAdmin } from "@/lib/actions/admin/mark-payouts-paid";
import { requireAdmin } from "@/lib/auth/session";
import { getAdminPayouts } from "@/lib/data/admin-periods";
import { getCompany } from "@/lib/data/company";
import { formatDateTime, formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import { PAYOUT_PAGE_SIZE, parsePayoutPage } from "@/lib/validation/admin-payouts";

export const metadata: Metadata = { title: "Payouts · Admin" };

export default async function PayoutsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { timeZone } = await requireAdmin();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [data, company] = await Promise.all([
    getAdminPayouts(Number(id), { page: parsePayoutPage(await searchParams), pageSize: PAYOUT_PAGE_SIZE }),
    getCompany(),
  ]);
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
            <a href={`/admin/periods/${period.id}/payouts/export`} className={buttonClass({ variant: "secondary" })} download>
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
          <PayoutsTable periodId={period.id} rows={rows} total={data.total} page={data.page} currency={company.currency} />
        </>
      )}
    </section>
  );
}
