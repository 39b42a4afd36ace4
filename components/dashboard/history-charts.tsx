import { ChartFigure } from "@/components/charts/chart-figure";
import { EarningsChart, VolumeChart } from "@/components/charts/client-charts";
import type { EarningsChartDatum } from "@/components/charts/earnings-chart";
import { levelLabel, shortPeriod } from "@/components/charts/labels";
import type { VolumeChartDatum } from "@/components/charts/volume-chart";
import { formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import type { TeamHistoryDto } from "@/lib/team/history";

const th = "px-3 py-1.5 font-medium";
const td = "px-3 py-1.5 text-right tabular-nums";

/** Earnings by level and volumes, per period, for the last 12 periods: charts with table alternatives. */
export function HistoryCharts({ history, currency }: { history: TeamHistoryDto; currency: string }) {
  if (history.earnings.length === 0) return null;
  const earningsData: EarningsChartDatum[] = history.earnings.map((e) => {
    const d: EarningsChartDatum = { label: `${shortPeriod(e.startsOn)}${e.pending ? "*" : ""}`, pending: e.pending };
    for (const level of history.levels) d[`l${level}`] = e.byLevel[level] ?? 0;
    return d;
  });
  const volumeData: VolumeChartDatum[] = history.volumes.map((v) => ({ label: shortPeriod(v.startsOn), pv: v.pv, gv: v.gv }));
  const n = history.earnings.length;
  const hasEarnings = history.levels.length > 0;
  return (
    <section aria-label="History" className="mt-6 grid gap-4 xl:grid-cols-2">
      <ChartFigure
        title="Earnings per period"
        testId="earnings-chart"
        summary={
          hasEarnings
            ? `The last ${n} ${n === 1 ? "period" : "periods"}, stacked by level. * still open: estimated until it closes.`
            : "No earnings yet: they appear here period by period, by level."
        }
        chart={hasEarnings ? <EarningsChart data={earningsData} levels={history.levels} currency={currency} /> : <EmptyChart />}
        table={
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={th}>
                  Period
                </th>
                {history.levels.map((l) => (
                  <th key={l} scope="col" className={`${th} text-right`}>
                    {levelLabel(l)}
                  </th>
                ))}
                <th scope="col" className={`${th} text-right`}>
                  Total
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.earnings.map((e) => (
                <tr key={e.periodId}>
                  <th scope="row" className="px-3 py-1.5 text-left font-normal">
                    {formatPeriod(e.startsOn)}
                    {e.pending ? " (estimated)" : ""}
                  </th>
                  {history.levels.map((l) => (
                    <td key={l} className={td}>
                      {formatMoney(e.byLevel[l] ?? 0, currency)}
                    </td>
                  ))}
                  <td className={`${td} font-semibold`}>{formatMoney(e.totalCents, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        title="Volume per period"
        testId="volume-chart"
        summary={`Your personal volume (bars) and group volume (line), the last ${n} ${n === 1 ? "period" : "periods"}.`}
        chart={<VolumeChart data={volumeData} />}
        table={
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className={th}>
                  Period
                </th>
                <th scope="col" className={`${th} text-right`}>
                  PV
                </th>
                <th scope="col" className={`${th} text-right`}>
                  GV
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.volumes.map((v) => (
                <tr key={v.periodId}>
                  <th scope="row" className="px-3 py-1.5 text-left font-normal">
                    {formatPeriod(v.startsOn)}
                  </th>
                  <td className={td}>{formatNumber(v.pv)}</td>
                  <td className={td}>{formatNumber(v.gv)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

function EmptyChart() {
  return <div className="flex h-40 items-center justify-center rounded-lg bg-slate-50 text-sm text-slate-500">Nothing to chart yet</div>;
}
