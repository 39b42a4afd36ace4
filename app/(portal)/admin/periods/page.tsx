import type { Metadata } from "next";
import Link from "next/link";
import { ClosePeriodForm, ReconcileButton } from "@/components/admin/period-actions";
import { StatusBadge } from "@/components/ui/status-badge";
import { closePeriodAsAdmin } from "@/lib/actions/admin/close-period";
import { reconcilePeriodsAsAdmin } from "@/lib/actions/admin/reconcile-periods";
import { requireAdmin } from "@/lib/auth/session";
import { listAdminPeriods } from "@/lib/data/admin-periods";
import { getCompany } from "@/lib/data/company";
import { formatBps, formatMoney, formatNumber, formatPeriod, formatPeriodBounds } from "@/lib/format";
import { timeZoneCity } from "@/lib/time-zone";

export const metadata: Metadata = { title: "Periods · Admin" };

export default async function AdminPeriodsPage() {
  await requireAdmin();
  const [periods, company] = await Promise.all([listAdminPeriods(), getCompany()]);
  const money = (cents: number) => formatMoney(cents, company.currency);
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Commission periods</h1>
          <p className="mt-1 text-slate-600">
            Calendar months in UTC, whatever the company&rsquo;s time zone ({company.timeZone}): an order counts in its UTC calendar month. Open periods are
            estimates until closed; a closed period is final.
          </p>
        </div>
        <ReconcileButton action={reconcilePeriodsAsAdmin} />
      </header>
      <ul className="space-y-4">
        {periods.map((p) => (
          <li key={p.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid={`period-${p.startsOn}`}>
            <div className="flex flex-wrap items-center gap-3">
              <h2 className="text-lg font-semibold text-slate-900">{formatPeriod(p.startsOn)}</h2>
              {p.status === "open" ? <StatusBadge tone="amber">Open</StatusBadge> : <StatusBadge tone="green">Closed</StatusBadge>}
              {p.updating ? <StatusBadge tone="slate">Updating</StatusBadge> : null}
            </div>
            <p className="mt-1 text-sm text-slate-600" data-testid="period-bounds">
              {formatPeriodBounds(p.startsOn, p.endsOn, company.timeZone, timeZoneCity(company.timeZone))}
            </p>
            <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
              <div>
                <dt className="text-slate-500">Orders</dt>
                <dd className="font-semibold tabular-nums">{formatNumber(p.orders)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Sales</dt>
                <dd className="font-semibold tabular-nums">{money(p.salesCents)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">CV</dt>
                <dd className="font-semibold tabular-nums">{money(p.cvCents)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Commissions</dt>
                <dd className="font-semibold tabular-nums" data-testid="period-commissions">
                  {money(p.commissionsCents)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Breakage</dt>
                <dd className="font-semibold tabular-nums">{money(p.breakageCents)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Payout ratio</dt>
                <dd className="font-semibold tabular-nums">{p.cvCents > 0 ? formatBps(Math.floor((p.commissionsCents * 10000) / p.cvCents)) : "–"}</dd>
              </div>
            </dl>
            {p.clawbacksCents !== 0 ? <p className="mt-2 text-sm text-slate-600">Clawbacks posted here: {money(p.clawbacksCents)}</p> : null}
            {/* Plain links (no client routing): route handlers that download. */}
            <p className="mt-2 text-sm text-slate-600">
              Every commission line with its explanation, for regulators:{" "}
              <a href={`/admin/periods/${p.id}/lines/export?format=csv`} className="font-semibold text-brand-700 hover:underline" download>
                CSV<span className="sr-only"> of {formatPeriod(p.startsOn)}</span>
              </a>{" "}
              ·{" "}
              <a href={`/admin/periods/${p.id}/lines/export?format=json`} className="font-semibold text-brand-700 hover:underline" download>
                JSON<span className="sr-only"> of {formatPeriod(p.startsOn)}</span>
              </a>
              {p.status === "open" ? " (not final: an open period's lines change with every order; export it once closed for the record)" : null}
            </p>
            {p.status === "open" ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <ClosePeriodForm action={closePeriodAsAdmin} periodId={p.id} label={`Close ${formatPeriod(p.startsOn)}`}>
                  <p>
                    A final full run, then {formatPeriod(p.startsOn)} is frozen for good: {formatNumber(p.orders)} orders, {money(p.salesCents)} in sales and{" "}
                    {money(p.commissionsCents)} in commissions{p.clawbacksCents !== 0 ? ` (clawbacks ${money(p.clawbacksCents)})` : ""}, as of now.
                  </p>
                  <p>Its payouts become ready to pay. No order counts in it any more: a later refund of one of its orders is clawed back in the open period.</p>
                  <p>A closed period cannot be reopened.</p>
                </ClosePeriodForm>
              </div>
            ) : (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <Link href={`/admin/periods/${p.id}/payouts`} className="text-sm font-semibold text-brand-700 hover:underline">
                  Payouts of {formatPeriod(p.startsOn)}
                </Link>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
