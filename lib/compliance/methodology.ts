import { formatBps, formatDay, formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import type { IncomeStatement } from "./income-statement";

/** The statement's methodology in plain words, written with its own numbers so it can never describe another statement. */
export function methodology(s: Omit<IncomeStatement, "methodology">, retentionCutoff: string): string[] {
  const money = (cents: number) => formatMoney(cents, s.currency);
  const lastDay = new Date(`${s.range.endsOn}T00:00:00Z`);
  lastDay.setUTCDate(lastDay.getUTCDate() - 1);
  const periods =
    s.range.periodCount === 1
      ? formatPeriod(s.range.firstPeriodStartsOn)
      : `${formatPeriod(s.range.firstPeriodStartsOn)} to ${formatPeriod(s.range.lastPeriodStartsOn)} (${s.range.periodCount} commission periods)`;
  const e = s.everyone;
  return [
    `Range: ${periods}, from ${formatDay(s.range.startsOn)} to ${formatDay(lastDay.toISOString())} (UTC). Every period in it is closed, so its commissions are final.`,
    `Who is counted: all ${formatNumber(s.population.total)} distributors who enrolled before the range ended, including those who earned nothing and the ${formatNumber(s.population.terminated)} who have left (terminated). Nobody is left out; retail customers are not distributors and are not counted.`,
    `What counts as earnings: every commission line of the range's periods in the company's ledger, retail and level commissions alike, less the clawbacks posted in those periods for refunded orders. ${money(e.totalCents)} in total. Amounts are what was earned, before any tax; nothing is estimated or typed in.`,
    `Earned nothing: net earnings of zero or less over the whole range (clawbacks can take a total below zero). ${formatNumber(e.zeroCount)} people, ${formatBps(e.zeroBps)} of everyone.`,
    "Median and percentiles: by the nearest-rank method on whole cents. Sort a group's earnings from lowest to highest; the p-th percentile is the amount at position ceil(p × n ÷ 100), so the median is the amount at position ceil(n ÷ 2). Every figure is an amount someone really earned. The top 1% threshold is the earnings of the ceil(n ÷ 100)-th highest earner: the least anyone in the top 1% earned. Means are the total divided by the number of people, rounded down to the cent.",
    `Rank: the highest rank a person reached in any period of the range, named as in the compensation plan; "No rank" for people who reached none.`,
    `Own purchases: the full amount (products and shipping) of a distributor's own orders paid in the range's periods, less those refunded or cancelled within the range: ${money(e.purchasesCents)} in total. Net earnings are earnings less own purchases. ${formatNumber(e.belowPurchasesCount)} people (${formatBps(e.belowPurchasesBps)}) earned less than their own purchases cost. Other costs of the business (travel, events, marketing) are not known to the company and are not deducted.`,
    `Still active: of the ${formatNumber(e.retentionEligible)} people enrolled before ${formatDay(retentionCutoff)} (at least 12 months before the range ended), ${formatNumber(e.retained)} were active in the range's last period: not terminated, with personal volume of at least ${formatNumber(s.activeMinPv)} PV, the plan's activity rule.`,
    "Shares are rounded down to a hundredth of a percent. The figures were computed from the ledger when the statement was generated and are frozen: periods closed later do not change them.",
  ];
}
