import { currencyFormat, dateTimeFormat, numberFormat } from "@/lib/intl";

/** Money in minor units, shown in the company currency: 12345 -> "$123.45". */
export function formatMoney(cents: number, currency: string, locale = "en-US"): string {
  const { format, minorPerMajor } = currencyFormat(locale, currency);
  // Divide by the currency's own minor unit (JPY has none), never by a float constant elsewhere.
  return format.format(cents / minorPerMajor);
}

export function formatNumber(value: number, locale = "en-US"): string {
  return numberFormat(locale).format(value);
}

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** The calendar day of an instant as seen in `timeZone`: "Dec 4, 2026". */
export function formatDate(value: Date | string, timeZone: string, locale = "en-US"): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(toDate(value));
}

/** An instant with its time of day and the zone's abbreviation: "Dec 4, 2026, 5:30 PM EST". */
export function formatDateTime(value: Date | string, timeZone: string, locale = "en-US"): string {
  // timeStyle cannot be combined with timeZoneName, hence the explicit parts.
  return dateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(toDate(value));
}

/** A date-only value ("2026-12-01": a period's first day, an autoship date): the same day in every zone. */
export function formatDay(isoDate: string, locale = "en-US"): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** "2026-11-01" -> "November 2026". */
export function formatPeriod(startsOn: string, locale = "en-US"): string {
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${startsOn}T00:00:00Z`));
}

/** "30 Nov 19:00": the day and 24-hour time of an instant in `timeZone`. */
function boundary(value: Date, timeZone: string, locale: string): string {
  const parts = dateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).formatToParts(value);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")} ${part("month")} ${part("hour")}:${part("minute")}`;
}

/**
 * A period's boundaries [startsOn, endsOn), honestly: periods are calendar months in UTC (which
 * period an order counts in never depends on anyone's zone), so they are stated
 * in UTC and, when the company works in another zone, in that zone too:
 * "runs 1 Dec 00:00 to 31 Dec 23:59 UTC (30 Nov 19:00 to 31 Dec 18:59 New York time)".
 */
export function formatPeriodBounds(startsOn: string, endsOn: string, companyZone: string, companyZoneLabel: string, locale = "en-GB"): string {
  const start = new Date(`${startsOn}T00:00:00Z`);
  // endsOn is exclusive (lib/periods.ts): the period's last minute starts one minute before it.
  const end = new Date(Date.parse(`${endsOn}T00:00:00Z`) - 60_000);
  const utc = `runs ${boundary(start, "UTC", locale)} to ${boundary(end, "UTC", locale)} UTC`;
  if (companyZone === "UTC" || companyZone === "Etc/UTC") return utc;
  return `${utc} (${boundary(start, companyZone, locale)} to ${boundary(end, companyZone, locale)} ${companyZoneLabel} time)`;
}

/** Basis points as a percentage: 1250 -> "12.5%". */
export function formatBps(bps: number): string {
  return `${numberFormat("en-US", { maximumFractionDigits: 2 }).format(bps / 100)}%`;
}
