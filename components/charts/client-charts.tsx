"use client";

import dynamic from "next/dynamic";

// The charts draw in the browser only. Their size comes from the browser's
// layout (recharts' `responsive`), so a server render could only produce an
// empty frame, and building it cost more CPU per dashboard than the page's
// queries. The placeholder holds the chart's height, so nothing moves when it
// arrives; the figures are in the table next to each chart meanwhile.
function ChartPlaceholder() {
  return <div aria-hidden="true" className="h-[260px] w-full animate-pulse rounded-md bg-slate-100" />;
}

export const EarningsChart = dynamic(() => import("./earnings-chart").then((m) => m.EarningsChart), { ssr: false, loading: ChartPlaceholder });
export const VolumeChart = dynamic(() => import("./volume-chart").then((m) => m.VolumeChart), { ssr: false, loading: ChartPlaceholder });
