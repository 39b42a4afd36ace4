import Link from "next/link";
import type { SubscriptionRunStatus, SubscriptionStatus } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/result";
import { formatRunDate, ordinalDay, runAfter } from "@/lib/autoship/cycle";
import type { AdminSubscriptionRow, AutoshipFailure, UpcomingDay } from "@/lib/data/admin-autoship";
import { formatDateTime, formatMoney, formatNumber } from "@/lib/format";
import { RunAutoshipNowForm } from "./run-autoship-now-form";

// The admin autoship page's lists: cards for the subscriptions (they fit a
// phone as they are), a table of the coming runs, and the failing runs.

type Action = (prev: ActionResult, formData: FormData) => Promise<ActionResult>;

const statusLabels: Record<SubscriptionStatus, string> = { active: "Active", paused: "Paused", failed: "Stopped: card declined", cancelled: "Cancelled" };
const statusTone: Record<SubscriptionStatus, string> = {
  active: "bg-emerald-50 text-emerald-800",
  paused: "bg-amber-50 text-amber-900",
  failed: "bg-red-50 text-red-800",
  cancelled: "bg-slate-100 text-slate-700",
};
export const runStatusLabels: Record<SubscriptionRunStatus, string> = {
  charging: "Being charged",
  paid: "Paid",
  retrying: "Declined, retrying",
  failed: "Failed",
  skipped: "Skipped",
};

const cardLabel = (c: { brand: string; last4: string }) => `${c.brand} ending ${c.last4}`;

function MemberLink({ distributorId, name }: { distributorId: number; name: string }) {
  return (
    <Link href={`/admin/distributors/${distributorId}`} className="font-semibold break-words text-brand-700 hover:underline">
      {name}
    </Link>
  );
}

/** A member's autoship: the member; a retail customer's: the customer, sold by the distributor linked. */
function Owner({ distributorId, memberName, customerName }: { distributorId: number; memberName: string; customerName: string | null }) {
  if (customerName === null) return <MemberLink distributorId={distributorId} name={memberName} />;
  return (
    <>
      <span className="font-semibold break-words text-slate-900">{customerName}</span>{" "}
      <span className="text-slate-600">
        (retail customer of <MemberLink distributorId={distributorId} name={memberName} />)
      </span>
    </>
  );
}

/** A term and its value: the div wrapping them is all a <dl> may hold besides dt and dd. `wide`: the card's full width. */
function Field({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={`min-w-0 ${wide ? "col-span-2" : ""}`}>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="break-words text-slate-900">{children}</dd>
    </div>
  );
}

export function SubscriptionCards({
  rows,
  currency,
  today,
  runNow,
  timeZone,
}: {
  rows: AdminSubscriptionRow[];
  currency: string;
  timeZone: string;
  /** "2026-12-03": for the date the order after a run-now would be on. */
  today: string;
  runNow: Action;
}) {
  return (
    <ul className="grid gap-3 lg:grid-cols-2" aria-label="Autoships" data-testid="autoship-subscriptions">
      {rows.map((s) => {
        const total = formatMoney(s.totalCents, currency);
        const canRun = s.status === "active" && !s.memberTerminated && !s.retrying;
        return (
          <li key={s.id} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid={`autoship-${s.id}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="min-w-0">
                <Owner distributorId={s.distributorId} memberName={s.memberName} customerName={s.customerName} />{" "}
                <span className="text-slate-600">
                  ({s.referralCode}){s.memberTerminated ? ", terminated" : ""}
                </span>
              </p>
              <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${statusTone[s.status]}`}>{statusLabels[s.status]}</span>
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
              <Field label="Day">{ordinalDay(s.dayOfMonth)}</Field>
              <Field label="Next order">{s.status === "active" ? formatRunDate(s.nextRunOn) : "—"}</Field>
              <Field label="Items" wide>
                {s.items || "No product still sold"}
              </Field>
              <Field label="Monthly total">
                <span className="tabular-nums">{total}</span> <span className="text-slate-600">· {formatNumber(s.pv)} PV</span>
              </Field>
              <Field label="Card">{cardLabel(s.card)}</Field>
              <Field label="Last run" wide>
                {s.lastRun ? (
                  <>
                    {formatRunDate(s.lastRun.cycle)}: {runStatusLabels[s.lastRun.status]}
                    {s.lastRun.status === "retrying" && s.lastRun.nextAttemptAt ? `, next try ${formatDateTime(s.lastRun.nextAttemptAt, timeZone)}` : ""}
                    {s.lastRun.lastError && (s.lastRun.status === "retrying" || s.lastRun.status === "failed") ? (
                      <span className="block text-red-800">{s.lastRun.lastError}</span>
                    ) : null}
                  </>
                ) : (
                  "None yet"
                )}
              </Field>
            </dl>
            {canRun ? (
              <RunAutoshipNowForm
                action={runNow}
                subscriptionId={s.id}
                cycle={s.nextRunOn}
                cycleLabel={formatRunDate(s.nextRunOn)}
                nextLabel={formatRunDate(runAfter(s.dayOfMonth, s.nextRunOn, today))}
                card={cardLabel(s.card)}
                total={total}
                memberName={s.customerName ?? s.memberName}
                queued={s.runQueued}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

const head = "px-3 py-2 font-medium";

export function UpcomingRunsTable({ days, currency }: { days: UpcomingDay[]; currency: string }) {
  const sum = days.reduce((a, d) => ({ n: a.n + d.subscriptions, total: a.total + d.totalCents, pv: a.pv + d.pv }), { n: 0, total: 0, pv: 0 });
  return (
    // Focusable and named, so that a keyboard can scroll it should it be wider than the screen.
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Upcoming autoship orders">
      <table className="w-full text-sm" data-testid="autoship-upcoming">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className={head}>
              Date
            </th>
            <th scope="col" className={`${head} text-right`}>
              Orders
            </th>
            <th scope="col" className={`${head} text-right`}>
              Total
            </th>
            <th scope="col" className={`${head} text-right`}>
              PV
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {days.map((d) => (
            <tr key={d.date} data-testid={`upcoming-${d.date}`}>
              <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                {formatRunDate(d.date)}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(d.subscriptions)}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(d.totalCents, currency)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(d.pv)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 font-semibold">
          <tr>
            <th scope="row" className="px-3 py-2 text-left">
              30 days
            </th>
            <td className="px-3 py-2 text-right tabular-nums">{formatNumber(sum.n)}</td>
            <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatMoney(sum.total, currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{formatNumber(sum.pv)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function FailureList({ failures, currency, timeZone }: { failures: AutoshipFailure[]; currency: string; timeZone: string }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="autoship-failures">
      {failures.map((f) => (
        <li key={f.runId} className="space-y-1 px-4 py-3 text-sm" data-testid={`autoship-failure-${f.runId}`}>
          <p className="flex flex-wrap items-baseline gap-x-3">
            <span>
              <Owner distributorId={f.distributorId} memberName={f.memberName} customerName={f.customerName} />
            </span>
            <span className="text-slate-700">
              {formatRunDate(f.cycle)} order{f.orderId !== null ? ` #${f.orderId}` : ""}
              {f.totalCents !== null ? `, ${formatMoney(f.totalCents, currency)}` : ""}
            </span>
            <span className={`font-semibold ${f.status === "failed" ? "text-red-800" : "text-amber-900"}`}>{runStatusLabels[f.status]}</span>
          </p>
          <p className="text-red-800">{f.lastError ?? "No reason recorded."}</p>
          <p className="text-slate-600">
            {f.attempts === 1 ? "1 attempt" : `${formatNumber(f.attempts)} attempts`}
            {f.status === "retrying" && f.nextAttemptAt
              ? ` · next try ${formatDateTime(f.nextAttemptAt, timeZone)}`
              : ` · last ${formatDateTime(f.updatedAt, timeZone)}`}
          </p>
        </li>
      ))}
    </ul>
  );
}
