"use client";

import { numberFormat } from "@/lib/intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/format";
import { chartTheme, seriesColors } from "./labels";

export interface VolumeChartDatum {
  label: string;
  pv: number;
  gv: number;
}

/** PV per period as bars (left axis), GV as a line (right axis): GV is often a hundred times PV. */
export function VolumeChart({ data }: { data: VolumeChartDatum[] }) {
  const number = (v: number) => formatNumber(v);
  const compact = (v: number) => numberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(v);
  return (
    <ComposedChart data={data} responsive accessibilityLayer={false} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} {...chartTheme.grid} />
      <XAxis dataKey="label" {...chartTheme.axis} interval="preserveStartEnd" />
      <YAxis yAxisId="pv" tickFormatter={compact} {...chartTheme.axis} width={48} />
      <YAxis yAxisId="gv" orientation="right" tickFormatter={compact} {...chartTheme.axis} width={48} />
      <Tooltip formatter={(value) => number(Number(value))} {...chartTheme.tooltip} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar yAxisId="pv" dataKey="pv" name="PV" fill={seriesColors[0]} isAnimationActive={false} />
      <Line yAxisId="gv" dataKey="gv" name="GV" stroke={seriesColors[1]} strokeWidth={2} dot={{ r: 3, fill: seriesColors[1] }} isAnimationActive={false} />
    </ComposedChart>
  );
}
