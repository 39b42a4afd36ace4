import { dateTimeFormat, numberFormat } from "@/lib/intl";

/** "2026-11-01" -> "Nov 2026": short enough for an axis on a phone. */
export function shortPeriod(startsOn: string, locale = "en-US"): string {
  return dateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${startsOn}T00:00:00Z`));
}

export function levelLabel(level: number): string {
  return level === 0 ? "Level 0 (retail)" : `Level ${level}`;
}

/** Distinguishable on white and for common colour-vision deficiencies (Okabe–Ito based). */
export const seriesColors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F", "#F0E442", "#332288", "#117733"];

/** Minor units as a short axis label ("$1.2K"), in the currency's own minor unit. */
export function compactMoney(cents: number, currency: string, locale = "en-US"): string {
  const digits = numberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return numberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(cents / 10 ** digits);
}
