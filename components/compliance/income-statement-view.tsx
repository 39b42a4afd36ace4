import { ScrollRegion } from "@/components/ui/scroll-region";
import type { EarningsFigures, IncomeStatement } from "@/lib/compliance/income-statement";
import { formatBps, formatNumber, formatMoney, formatPeriod } from "@/lib/format";

const th = "px-3 py-2 text-right font-semibold whitespace-nowrap";
const td = "px-3 py-2 text-right tabular-nums whitespace-nowrap";

/** "January 2026 to December 2026" or one month. */
export function statementRangeLabel(s: Pick<IncomeStatement, "range">): string {
  const { firstPeriodStartsOn: first, lastPeriodStartsOn: last } = s.range;
  return first === last ? formatPeriod(first) : `${formatPeriod(first)} to ${formatPeriod(last)}`;
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** An income disclosure statement's figures, tables and methodology, as prospects and admins read it. */
export function IncomeStatementView({ statement: s }: { statement: IncomeStatement }) {
  const money = (cents: number) => formatMoney(cents, s.currency);
  const e = s.everyone;
  const rows: { name: string; f: EarningsFigures }[] = [{ name: "Everyone", f: e }, ...s.byRank.map((g) => ({ name: g.name, f: g }))];
  return (
    <div className="space-y-8">
      <p className="text-lg text-slate-900" data-testid="statement-zero">
        <strong>{formatBps(e.zeroBps)}</strong> of the {formatNumber(e.count)} distributors enrolled from {statementRangeLabel(s)} earned nothing in that time.
      </p>
      <dl className="grid grid-cols-1 gap-3 min-[400px]:grid-cols-2 lg:grid-cols-3">
        <Fact label="Half earned this or less (median)" value={money(e.medianCents)} testId="statement-median" />
        <Fact label="Average (mean)" value={money(e.meanCents)} />
        <Fact label="Earned less than their own purchases" value={formatBps(e.belowPurchasesBps)} />
        <Fact label="Top 1% earned at least" value={money(e.top1Cents)} />
        <Fact label="Total paid to distributors" value={money(e.totalCents)} />
        <Fact
          label="Still active 12 months or more after joining"
          value={
            e.retainedBps === null
              ? "No one joined that long ago"
              : `${formatBps(e.retainedBps)} (${formatNumber(e.retained)} of ${formatNumber(e.retentionEligible)})`
          }
        />
      </dl>

      <FiguresTable
        title="Earnings by highest rank reached"
        caption={`Commissions earned over ${statementRangeLabel(s)}, per person, clawbacks of refunds taken off. Percentiles: 10% of people earned the first amount or less, 90% the second or less.`}
        rows={rows}
        columns={[
          ["People", (f) => formatNumber(f.count)],
          ["Share of all", (f) => formatBps(f.shareBps)],
          ["Earned nothing", (f) => formatBps(f.zeroBps)],
          ["Median", (f) => money(f.medianCents)],
          ["Mean", (f) => money(f.meanCents)],
          ["10th percentile", (f) => money(f.p10Cents)],
          ["90th percentile", (f) => money(f.p90Cents)],
          ["Top 1% from", (f) => money(f.top1Cents)],
          ["Total paid", (f) => money(f.totalCents)],
        ]}
      />

      <FiguresTable
        title="Earnings after their own purchases"
        caption="What distributors paid for their own orders over the same time, and what was left of their earnings after it. Other costs (travel, events, marketing) are not known and not taken off."
        rows={rows}
        columns={[
          ["Own purchases", (f) => money(f.purchasesCents)],
          ["Median after purchases", (f) => money(f.medianNetCents)],
          ["Mean after purchases", (f) => money(f.meanNetCents)],
          ["Earned less than purchases", (f) => formatBps(f.belowPurchasesBps)],
          ["Still active after 12 months", (f) => (f.retainedBps === null ? "–" : formatBps(f.retainedBps))],
        ]}
      />

      <section className="space-y-2">
        <h2 className="text-xl font-semibold text-slate-900">How these figures were computed</h2>
        <ul className="list-disc space-y-2 pl-5 leading-relaxed text-slate-700" data-testid="statement-methodology">
          {s.methodology.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** A table of figures per rank (Everyone first): a row header, then one cell per column. */
function FiguresTable({
  title,
  caption,
  rows,
  columns,
}: {
  title: string;
  caption: string;
  rows: { name: string; f: EarningsFigures }[];
  columns: [heading: string, cell: (f: EarningsFigures) => string][];
}) {
  return (
    <section className="space-y-2">
      <h2 className="text-xl font-semibold text-slate-900">{title}</h2>
      <ScrollRegion label={title}>
        <table className="w-full text-sm">
          <caption className="px-3 py-2 text-left text-slate-600">{caption}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-semibold">
                Rank
              </th>
              {columns.map(([heading]) => (
                <th key={heading} scope="col" className={th}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(({ name, f }) => (
              <tr key={name}>
                <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap text-slate-900">
                  {name}
                </th>
                {columns.map(([heading, cell]) => (
                  <td key={heading} className={td}>
                    {cell(f)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
