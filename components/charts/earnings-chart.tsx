"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/format";
import { chartTheme, compactMoney, levelLabel, seriesColors } from "./labels";

export interface EarningsChartDatum {
  label: string;
  pending: boolean;
  /** Cents per level, keyed `l<level>`. */
  [level: `l${number}`]: number;
}

/** Earnings per period stacked by level (clawbacks stack below zero). Amounts are integer cents, formatted only here. */
export function EarningsChart({ data, levels, currency }: { data: EarningsChartDatum[]; levels: number[]; currency: string }) {
  const money = (cents: number) => formatMoney(cents, currency);
  const compact = (cents: number) => compactMoney(cents, currency);
  return (
    <BarChart
      data={data}
      responsive
      stackOffset="sign"
      accessibilityLayer={false}
      style={{ width: "100%", height: 260 }}
      margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} {...chartTheme.grid} />
      <XAxis dataKey="label" {...chartTheme.axis} interval="preserveStartEnd" />
      <YAxis tickFormatter={compact} {...chartTheme.axis} width={56} />
      <Tooltip formatter={(value) => money(Number(value))} {...chartTheme.tooltip} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <ReferenceLine y={0} stroke={chartTheme.zeroLine} />
      {levels.map((level, i) => (
        <Bar
          key={level}
          dataKey={`l${level}`}
          name={levelLabel(level)}
          stackId="earnings"
          fill={seriesColors[i % seriesColors.length]}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
