import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatBps, formatMoney, formatNumber, formatPeriod, formatPeriodBounds } from "@/lib/format";
import { monthOf } from "@/lib/periods";
import { timeZoneCity } from "@/lib/time-zone";
import type { DashboardSummaryDto } from "@/lib/team/summary";
import { ProgressBar } from "./progress-bar";

function Card({ label, children, testId, className = "" }: { label: string; children: React.ReactNode; testId?: string; className?: string }) {
  return (
    <div className={`rounded-xl border border-slate-200 bg-white p-4 ${className}`} data-testid={testId}>
      <h3 className="text-sm text-slate-600">{label}</h3>
      <div className="mt-1">{children}</div>
    </div>
  );
}

const big = "text-2xl font-bold text-slate-900 tabular-nums";

/** This period at a glance: volumes, activity, rank and the way to the next, earnings, team. */
export function DashboardSummary({
  summary,
  currency,
  teamPath,
  companyTimeZone,
  readOnly = false,
}: {
  summary: DashboardSummaryDto;
  currency: string;
  /** The company's zone: the period's UTC boundaries are also stated in it. */
  companyTimeZone: string;
  teamPath: string;
  readOnly?: boolean;
}) {
  const s = summary;
  const period = s.period ? formatPeriod(s.period.startsOn) : null;
  const month = s.period ? monthOf(new Date(`${s.period.startsOn}T00:00:00Z`)) : null;
  return (
    <section aria-labelledby="period-heading" className="mt-6 space-y-4" data-testid="dashboard-summary">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="period-heading" className="text-lg font-semibold text-slate-900">
          {period ? `This period: ${period}` : "No open period yet"}
        </h2>
        {month ? (
          <p className="w-full text-xs text-slate-600 sm:order-last" data-testid="period-bounds">
            {period} · {formatPeriodBounds(month.startsOn, month.endsOn, companyTimeZone, timeZoneCity(companyTimeZone))}
          </p>
        ) : null}
        {s.period?.updating ? (
          <p role="status" className="text-sm text-amber-800">
            Updating: figures settle in a moment.
          </p>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Card label="Personal volume (PV)" testId="card-pv">
          <p className={big}>{formatNumber(s.pv)}</p>
          <p className="text-xs text-slate-600">{formatNumber(s.activeMinPv)} PV keeps you active</p>
        </Card>
        <Card label="Group volume (GV)" testId="card-gv">
          <p className={big}>{formatNumber(s.gv)}</p>
          <p className="text-xs text-slate-600">You and your whole team</p>
        </Card>
        <Card label="Status" testId="card-status">
          <p className="mt-1">
            {s.owner.terminated ? (
              <StatusBadge tone="red">Terminated</StatusBadge>
            ) : s.active ? (
              <StatusBadge tone="green">Active</StatusBadge>
            ) : (
              <StatusBadge tone="amber">Not active yet</StatusBadge>
            )}
          </p>
          <p className="mt-1 text-xs text-slate-600">
            {s.active ? "You earn on your team this period." : `${formatNumber(Math.max(0, s.activeMinPv - s.pv))} more PV to be active.`}
          </p>
        </Card>
        <Card label="Rank" testId="card-rank">
          <p className={big}>{s.rank?.name ?? "No rank"}</p>
          <p className="text-xs text-slate-600">{s.nextRank ? `Next: ${s.nextRank.name}` : s.rank ? "Top rank" : ""}</p>
        </Card>
      </div>

      {s.retailRule ? <RetailRuleCard rule={s.retailRule} /> : null}
      {s.retailCustomerRule ? <RetailCustomerRuleCard rule={s.retailCustomerRule} /> : null}

      <div className="grid gap-3 lg:grid-cols-3">
        <Card label={s.nextRank ? `Progress to ${s.nextRank.name}` : "Rank progress"} testId="rank-progress" className="lg:col-span-1">
          {s.nextRank ? (
            <div className="mt-2 space-y-3">
              <ProgressBar label="Personal volume" value={s.pv} target={s.nextRank.minPv} unit="PV" testId="progress-pv" />
              <ProgressBar label="Group volume" value={s.gv} target={s.nextRank.minGv} unit="GV" testId="progress-gv" />
            </div>
          ) : (
            <p className="mt-2 text-sm text-slate-700">{s.rank ? `You hold the plan's top rank, ${s.rank.name}.` : "The plan has no ranks."}</p>
          )}
        </Card>
        <Card label={`Earnings this period${s.period ? " (estimated until it closes)" : ""}`} testId="card-earnings">
          <p className={big} data-testid="earnings-this-period">
            {formatMoney(s.earningsThisPeriodCents, currency)}
          </p>
          <p className="text-xs text-slate-600">
            {s.lastPeriod ? `${formatPeriod(s.lastPeriod.startsOn)}${s.lastPeriod.status === "open" ? " (pending)" : ""}: ` : "Last period: "}
            <span className="font-medium text-slate-900 tabular-nums" data-testid="earnings-last-period">
              {formatMoney(s.earningsLastPeriodCents, currency)}
            </span>
          </p>
          {readOnly ? null : (
            <Link prefetch={false} href="/dashboard/earnings" className="mt-1 inline-block text-xs text-brand-700 underline">
              Every line, and why
            </Link>
          )}
        </Card>
        <Card label="Team" testId="card-team">
          <p className={big}>
            <span data-testid="dashboard-team-size">{formatNumber(s.teamSize)}</span> <span className="text-base font-medium text-slate-600">members</span>
          </p>
          <p className="text-xs text-slate-600">
            <span data-testid="new-members">{formatNumber(s.newMembersThisPeriod)}</span> new this period · {formatNumber(s.directRecruits)} personally enrolled
          </p>
          <Link prefetch={false} href={teamPath} className="mt-1 inline-block text-xs text-brand-700 underline">
            {readOnly ? "See the team" : "See your team"}
          </Link>
        </Card>
      </div>
    </section>
  );
}

/** The plan's retail rule as a requirement for level pay, with progress. */
function RetailRuleCard({ rule }: { rule: NonNullable<DashboardSummaryDto["retailRule"]> }) {
  return (
    <Card label="Retail requirement for team earnings" testId="card-retail-rule">
      <p className="text-sm text-slate-900">
        {rule.shareBps === null
          ? `No volume yet this period: at least ${formatBps(rule.minBps)} of it must come from your customers.`
          : `Retail: ${formatBps(rule.shareBps)} of your volume from customers, ${formatBps(rule.minBps)} needed.`}
      </p>
      <div className="mt-2">
        <ProgressBar label="Retail PV (sales to your customers)" value={rule.retailPv} target={rule.neededPv} unit="PV" testId="progress-retail" />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {rule.met
          ? "Met: you can be paid on your team's orders."
          : "Not met: until it is, you are not paid on your team's orders this period (your own retail share still is)."}
      </p>
    </Card>
  );
}

/** The customer form of the retail rule as a requirement for level pay, with progress. */
function RetailCustomerRuleCard({ rule }: { rule: NonNullable<DashboardSummaryDto["retailCustomerRule"]> }) {
  const plural = (n: number) => (n === 1 ? "customer" : "customers");
  return (
    <Card label="Retail customers for team earnings" testId="card-retail-customers">
      <p className="text-sm text-slate-900">
        {formatNumber(rule.customers)} of {formatNumber(rule.minCustomers)} retail {plural(rule.minCustomers)} this period.
      </p>
      <div className="mt-2">
        <ProgressBar
          label="Retail customers (different people who bought from you)"
          value={rule.customers}
          target={rule.minCustomers}
          unit={plural(rule.minCustomers)}
          testId="progress-retail-customers"
        />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {rule.met
          ? "Met: you can be paid on your team's orders."
          : "Not met: until it is, you are not paid on your team's orders this period (your own retail share still is). A customer who buys again counts once."}
      </p>
    </Card>
  );
}
