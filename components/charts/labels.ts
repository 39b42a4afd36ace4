import { currencyFormat, dateTimeFormat, numberFormat } from "@/lib/intl";

/** "2026-11-01" -> "Nov 2026": short enough for an axis on a phone. */
export function shortPeriod(startsOn: string, locale = "en-US"): string {
  return dateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${startsOn}T00:00:00Z`));
}

export function levelLabel(level: number): string {
  return level === 0 ? "Level 0 (retail)" : `Level ${level}`;
}

/** The series' colours, from app/globals.css (--chart-1 ... --chart-10): one set for light mode, a lighter one for dark. */
export const seriesColors = Array.from({ length: 10 }, (_, i) => `var(--chart-${i + 1})`);

/** Axes, grid and tooltip in the theme's colours (recharts' defaults are for white only). */
export const chartTheme = {
  grid: { stroke: "var(--chart-grid)" },
  axis: { tick: { fontSize: 12, fill: "var(--chart-axis)" }, stroke: "var(--chart-grid)" },
  tooltip: {
    contentStyle: { backgroundColor: "var(--chart-tooltip-bg)", borderColor: "var(--chart-tooltip-border)", color: "var(--chart-tooltip-text)" },
    labelStyle: { color: "var(--chart-tooltip-text)" },
    cursor: { fill: "var(--chart-cursor)" },
    // Above the legend, which the tooltip of a low bar would otherwise sit under.
    wrapperStyle: { zIndex: 10 },
  },
  zeroLine: "var(--chart-axis)",
} as const;

/** Minor units as a short axis label ("$1.2K"), in the currency's own minor unit. */
export function compactMoney(cents: number, currency: string, locale = "en-US"): string {
  const { minorPerMajor } = currencyFormat(locale, currency);
  return numberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(cents / minorPerMajor);
}
