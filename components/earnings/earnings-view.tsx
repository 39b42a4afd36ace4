import Link from "next/link";
import { Pager } from "@/components/data-table/pager";
import { StatusBadge } from "@/components/ui/status-badge";
import { explainEarningsLine } from "@/lib/earnings-text";
import { formatBps, formatDate, formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import type { EarningsDto } from "@/lib/data/earnings";
import { earningsQuery, type EarningsFilter } from "@/lib/validation/earnings";
import { Button, buttonClass } from "@/components/ui/button";

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function EarningsFilters({ filter, periods, maxLevel }: { filter: EarningsFilter; periods: EarningsDto["periods"]; maxLevel: number }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter earnings">
      <label className="text-sm text-slate-700">
        <span className="block">Period</span>
        <select name="period" defaultValue={filter.period ?? ""} className={select}>
          <option value="">All periods</option>
          {periods.map((p) => (
            <option key={p.id} value={p.id}>
              {formatPeriod(p.startsOn)} ({p.status === "open" ? "pending" : "closed"})
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        <span className="block">Level</span>
        <select name="level" defaultValue={filter.level ?? ""} className={select}>
          <option value="">All levels</option>
          {Array.from({ length: maxLevel + 1 }, (_, level) => (
            <option key={level} value={level}>
              {level === 0 ? "Level 0 (retail)" : `Level ${level}`}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        <span className="block">Status</span>
        <select name="state" defaultValue={filter.state ?? ""} className={select}>
          <option value="">Pending and closed</option>
          <option value="pending">Pending (open period)</option>
          <option value="closed">Closed</option>
        </select>
      </label>
      <Button type="submit" size="sm">
        Apply
      </Button>
      <Link href={`/dashboard/earnings/export${earningsQuery(filter)}`} prefetch={false} className={buttonClass({ variant: "secondary", size: "sm" })}>
        Download CSV
      </Link>
    </form>
  );
}

export function EarningsTotals({ data, currency }: { data: EarningsDto; currency: string }) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-500">Pending (estimated until the period closes)</p>
        <p className="mt-1 text-2xl font-bold tabular-nums" data-testid="pending-total">
          {formatMoney(data.pendingCents, currency)}
        </p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-500">Closed</p>
        <p className="mt-1 text-2xl font-bold tabular-nums">{formatMoney(data.closedCents, currency)}</p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-500">By level</p>
        {data.byLevel.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Nothing yet.</p>
        ) : (
          <ul className="mt-1 space-y-0.5 text-sm">
            {data.byLevel.map((l) => (
              <li key={l.level} className="flex justify-between tabular-nums">
                <span>{l.level === 0 ? "Level 0 (retail)" : `Level ${l.level}`}</span>
                <span>{formatMoney(l.amountCents, currency)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function EarningsPeriods({ data, filter, currency }: { data: EarningsDto; filter: EarningsFilter; currency: string }) {
  if (data.periodTotals.length < 2) return null;
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 className="text-sm font-semibold text-slate-900">By period</h2>
      <table className="mt-2 w-full text-sm" data-testid="earnings-periods">
        <thead className="text-left text-slate-500">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Period
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Lines
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.periodTotals.map((p) => (
            <tr key={p.periodId}>
              <td className="py-1">
                <Link className="text-brand-700 underline" href={`/dashboard/earnings${earningsQuery({ ...filter, period: p.periodId })}`}>
                  {formatPeriod(p.startsOn)}
                </Link>{" "}
                <span className="text-slate-500">({p.pending ? "pending" : "closed"})</span>
              </td>
              <td className="py-1 text-right tabular-nums">{formatNumber(p.lines)}</td>
              <td className="py-1 text-right tabular-nums">{formatMoney(p.amountCents, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EarningsLines({ data, filter, currency, timeZone }: { data: EarningsDto; filter: EarningsFilter; currency: string; timeZone: string }) {
  if (data.total === 0) {
    return (
      <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium text-slate-800">No commission lines match</p>
        <p className="mt-1 text-sm text-slate-600">Commissions appear here the moment an order in your team is paid.</p>
      </div>
    );
  }
  return (
    <div className="space-y-4" data-testid="earnings-lines">
      {data.groups.map((group) => (
        <section key={group.periodId} aria-labelledby={`period-${group.periodId}`} data-testid="earnings-period">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 px-1">
            <h2 id={`period-${group.periodId}`} className="text-lg font-semibold text-slate-900">
              {formatPeriod(group.startsOn)} {group.pending ? <StatusBadge tone="amber">Pending</StatusBadge> : <StatusBadge tone="green">Closed</StatusBadge>}
            </h2>
            <p className="text-sm text-slate-600" data-testid="period-total">
              <span className="font-semibold text-slate-900 tabular-nums">{formatMoney(group.amountCents, currency)}</span> from {formatNumber(group.lines)}{" "}
              {group.lines === 1 ? "line" : "lines"}
              {group.items.length < group.lines ? ` (showing ${formatNumber(group.from)}–${formatNumber(group.from + group.items.length - 1)})` : null}
            </p>
          </div>
          <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {group.items.map((line) => (
              <li key={line.id} className="px-4 py-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="text-sm font-medium text-slate-900">
                    {line.level === 0 ? "Retail share" : `Level ${line.level}`} · order #{line.orderId} · {line.sellerName}
                  </p>
                  <p className={`font-semibold tabular-nums ${line.amountCents < 0 ? "text-red-700" : "text-slate-900"}`} data-testid="line-amount">
                    {formatMoney(line.amountCents, currency)}
                  </p>
                </div>
                <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  <span>{formatDate(line.orderDate, timeZone)}</span>
                  <span>
                    {formatBps(line.rateBps)} of {formatMoney(line.cvCents, currency)} CV
                  </span>
                  {line.kind === "clawback" ? <StatusBadge tone="red">Clawback</StatusBadge> : null}
                </p>
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer text-brand-700">Why this amount</summary>
                  <p className="mt-1 text-slate-700" data-testid="why">
                    {explainEarningsLine(line, currency)}
                  </p>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pager
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        hrefFor={(page) => `/dashboard/earnings${earningsQuery(filter, page)}`}
        label="Earnings pages"
      />
    </div>
  );
}
