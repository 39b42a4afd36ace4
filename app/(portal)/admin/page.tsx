import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ReconcileButton } from "@/components/admin/period-actions";
import { StatusBadge } from "@/components/ui/status-badge";
import { reconcilePeriodsAsAdmin } from "@/lib/actions/admin/reconcile-periods";
import { requireAdmin } from "@/lib/auth/session";
import { getMyAdminOverview } from "@/lib/data/admin-overview";
import { getCompany } from "@/lib/data/company";
import { formatDay, formatMoney, formatNumber, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Admin" };

const sections = [
  { href: "/admin/products", title: "Products", text: "The catalog: prices, PV and CV; archive what no longer sells." },
  { href: "/admin/plan", title: "Compensation plan", text: "Levels, ranks and compression, versioned, with a preview before publishing." },
  { href: "/admin/distributors", title: "Distributors", text: "Search, terminate or reactivate, move a team." },
  { href: "/admin/signups", title: "Awaiting verification", text: "New signups whose email is not confirmed yet; verify one by hand." },
  { href: "/admin/periods", title: "Periods and payouts", text: "Totals, reconcile, close; pay closed periods and export the bank file." },
  {
    href: "/admin/retail",
    title: "Retail sales",
    text: "Per period: CV from customers against distributors' own orders, who has retail customers, the retail rule.",
  },
  {
    href: "/admin/income-statement",
    title: "Income disclosure",
    text: "What every distributor earned over closed periods, zero-earners included: preview, publish, and the published statements.",
  },
  { href: "/admin/orders", title: "Orders", text: "Every order of the company, paid or not; payment state, flags, refunds and clawbacks." },
  {
    href: "/admin/returns",
    title: "Returns and buyback",
    text: "Leaving distributors' returns: approve a buyback (refund and commissions reversed) or decline it.",
  },
  {
    href: "/admin/autoship",
    title: "Autoship",
    text: "Members' monthly orders: who has one, the next 30 days' orders and totals, failing cards, run an order now.",
  },
  {
    href: "/admin/payments",
    title: "Payments",
    text: "The payment provider and its webhook, shipping rates per country, the payment window and guest order caps.",
  },
  {
    href: "/admin/referrals",
    title: "Referral codes",
    text: "How often codes may change, how long old codes redirect, the reserved words, and the newest code changes.",
  },
  { href: "/admin/company", title: "Company", text: "The company's name and the colour of its emails." },
  { href: "/admin/announcements", title: "Announcements", text: "Write to every distributor: preview, send, and see who was notified." },
  { href: "/admin/outbox", title: "Outbox", text: "Every email the portal sends: read each one as it went out, see failures, send a test email." },
  { href: "/admin/jobs", title: "Background jobs", text: "The worker's queue: counts by kind and state, failed jobs with their error, retry." },
  { href: "/admin/audit", title: "Audit log", text: "Every admin change: who, when, what, before and after." },
];

// Admins land here after signing in: first what needs acting on, then every section.
export default async function AdminPage() {
  await requireAdmin();
  const [overview, company] = await Promise.all([getMyAdminOverview(), getCompany()]);
  const money = (cents: number) => formatMoney(cents, company.currency);
  const { today, openPeriod, pendingPayouts, attention } = overview;
  return (
    <section className="space-y-8">
      <h1 className="text-2xl font-bold text-slate-900">Admin</h1>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="admin-overview">
        <Figure title={`Today, ${formatDay(today.day)} (UTC)`} href="/admin/orders" link="All orders">
          <dl className="space-y-1">
            <Stat label="Orders paid" value={formatNumber(today.paidOrders)} />
            <Stat label="Sales" value={money(today.salesCents)} />
            <Stat label="Awaiting payment" value={formatNumber(today.awaitingPayment)} />
          </dl>
        </Figure>
        <Figure
          title={openPeriod ? `Open period: ${formatPeriod(openPeriod.startsOn)}` : "Open period"}
          href="/admin/periods"
          link="Periods"
          badge={openPeriod?.updating ? <StatusBadge tone="slate">Updating</StatusBadge> : null}
        >
          {openPeriod ? (
            <dl className="space-y-1">
              <Stat label="Orders" value={formatNumber(openPeriod.orders)} />
              <Stat label="Sales" value={money(openPeriod.salesCents)} />
              <Stat label="Commissions so far" value={money(openPeriod.commissionsCents)} />
            </dl>
          ) : (
            <p className="text-slate-600">No period is open.</p>
          )}
        </Figure>
        <Figure title="Payouts to make" href="/admin/periods" link="Pay closed periods">
          {pendingPayouts.periods > 0 ? (
            <dl className="space-y-1">
              <Stat label="Amount" value={money(pendingPayouts.payableCents)} />
              <Stat label="Distributors" value={formatNumber(pendingPayouts.distributors)} />
              <Stat
                label="Periods"
                value={`${formatNumber(pendingPayouts.periods)}${pendingPayouts.oldestStartsOn ? `, oldest ${formatPeriod(pendingPayouts.oldestStartsOn)}` : ""}`}
              />
            </dl>
          ) : (
            <p className="text-slate-600">Every closed period is paid.</p>
          )}
        </Figure>
        <Figure title="Needs a look" href="/admin/jobs" link="Background jobs">
          <dl className="space-y-1">
            <Stat label="Failed jobs" value={formatNumber(attention.failedJobs)} />
            <Stat label="Undelivered emails" value={formatNumber(attention.failedEmails)} />
          </dl>
        </Figure>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="font-semibold text-slate-900">Ledger check</h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">
          Recomputes the open period from scratch and compares it with the ledger, line for line. It takes a few seconds for a large company.
        </p>
        <ReconcileButton action={reconcilePeriodsAsAdmin} />
      </div>
      <div>
        <h2 className="mb-3 text-lg font-semibold text-slate-900">Every section</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {sections.map((s) => (
            <li key={s.title} className="rounded-xl border border-slate-200 bg-white p-4">
              <Link href={s.href} className="font-semibold text-brand-700 hover:underline">
                {s.title}
              </Link>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

function Figure({ title, href, link, badge, children }: { title: string; href: string; link: string; badge?: ReactNode; children: ReactNode }) {
  return (
    <section className="flex flex-col rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-semibold text-slate-900">{title}</h2>
        {badge}
      </div>
      <div className="mt-3 flex-1 text-sm">{children}</div>
      <Link href={href} className="mt-3 text-sm font-semibold text-brand-700 hover:underline">
        {link}
      </Link>
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}
