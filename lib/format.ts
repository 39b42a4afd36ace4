import { dateTimeFormat, numberFormat } from "@/lib/intl";

/** Money in minor units, shown in the company currency: 12345 -> "$123.45". */
export function formatMoney(cents: number, currency: string, locale = "en-US"): string {
  const formatter = numberFormat(locale, { style: "currency", currency });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  // Divide by the currency's own minor unit (JPY has none), never by a float constant elsewhere.
  return formatter.format(cents / 10 ** digits);
}

export function formatNumber(value: number, locale = "en-US"): string {
  return numberFormat(locale).format(value);
}

export function formatDate(value: Date | string, locale = "en-US"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

export function formatDateTime(value: Date | string, locale = "en-US"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date);
}

/** "2026-11-01" -> "November 2026". */
export function formatPeriod(startsOn: string, locale = "en-US"): string {
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${startsOn}T00:00:00Z`));
}

/** Basis points as a percentage: 1250 -> "12.5%". */
export function formatBps(bps: number): string {
  return `${numberFormat("en-US", { maximumFractionDigits: 2 }).format(bps / 100)}%`;
}
